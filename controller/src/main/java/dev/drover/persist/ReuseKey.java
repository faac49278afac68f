package dev.drover.persist;

import dev.drover.remote.AgentOptions;
import dev.drover.transport.ConnectionSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a lease asks for, and the key a held agent is found by: the host (inventory name and
 * address), port, login user, key files (path and content hash), known_hosts files and policy,
 * connect and keepalive settings, the agent's java, cache directory and jar hash, and the become
 * user and method. Two leases share an agent only if all of these are equal.
 *
 * <p>Never persisted (the CLI connects directly): a login password, a become (sudo) password,
 * explicit jump hosts or proxy commands, and non-SSH connections. No secret ever crosses the socket.
 */
record ReuseKey(String key, Map<String, Object> settings, Map<String, Object> agent) {

    /** The lease for these settings, or null when they must not be persisted. */
    static ReuseKey of(ConnectionSettings s, AgentOptions o, String jarSha256) {
        if (!"ssh".equals(s.connection()) || s.password() != null || s.proxy() != null
                || (o.become() != null && o.become().password() != null)) {
            return null;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", s.hostName());
        settings.put("address", s.address());
        settings.put("port", s.port());
        settings.put("user", s.user());
        settings.put("identity_files", paths(s.identityFiles()));
        settings.put("known_hosts_files", paths(s.knownHostsFiles()));
        settings.put("user_known_hosts_file", s.userKnownHostsFile() == null ? null : s.userKnownHostsFile().toString());
        settings.put("accept_new", s.acceptNewHostKeys());
        settings.put("connect_timeout_ms", s.connectTimeout().toMillis());
        settings.put("keepalive_ms", s.keepAliveInterval().toMillis());
        settings.put("keepalive_max", s.keepAliveMaxCount());
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("java", o.javaCommand());
        agent.put("java_options", o.javaOptions());
        agent.put("cache_dir", o.cacheDir());
        agent.put("start_timeout_ms", o.startTimeout().toMillis());
        agent.put("become_user", o.become() == null ? null : o.become().user());
        agent.put("become_method", o.become() == null ? null : o.become().method());
        if (o.become() != null && (o.become().exe() != null || o.become().flags() != null)) {
            agent.put("become_exe", o.become().exe());
            agent.put("become_flags", o.become().flags());
        }
        agent.put("jar", jarSha256);
        StringBuilder text = new StringBuilder(settings.toString()).append('\n').append(agent);
        for (Path key : s.identityFiles()) {
            text.append('\n').append(key).append('=').append(contentHash(key));
        }
        // Any change to the trusted host keys (ssh-keygen -R, an edited entry) ends reuse: the next
        // connection is verified afresh, so a changed key is refused as without the persist process.
        List<Path> trusted = new ArrayList<>(s.knownHostsFiles());
        trusted.add(s.userKnownHostsFile() != null ? s.userKnownHostsFile()
                : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        for (Path file : trusted) {
            text.append('\n').append(file).append('=').append(contentHash(file));
        }
        return new ReuseKey(sha256(text.toString().getBytes(StandardCharsets.UTF_8)), settings, agent);
    }

    /** The daemon's side: rebuilds what the CLI sent. */
    static ConnectionSettings settings(Map<String, Object> m) {
        Object port = m.get("port");
        Object userFile = m.get("user_known_hosts_file");
        return new ConnectionSettings((String) m.get("host"), "ssh", (String) m.get("address"),
                port == null ? null : ((Number) port).intValue(), (String) m.get("user"), toPaths(m.get("identity_files")),
                null, toPaths(m.get("known_hosts_files")), userFile == null ? null : Path.of((String) userFile),
                Boolean.TRUE.equals(m.get("accept_new")), Duration.ofMillis(((Number) m.get("connect_timeout_ms")).longValue()),
                Duration.ofMillis(((Number) m.get("keepalive_ms")).longValue()), ((Number) m.get("keepalive_max")).intValue(),
                null);
    }

    static AgentOptions agentOptions(Map<String, Object> m) {
        AgentOptions o = new AgentOptions((String) m.get("java"), (String) m.get("cache_dir"),
                Duration.ofMillis(((Number) m.get("start_timeout_ms")).longValue()));
        if (m.get("java_options") instanceof List<?> options) {
            o = o.withJavaOptions(options.stream().map(String::valueOf).toList());
        }
        Object become = m.get("become_user");
        return become == null ? o : o.withBecome(new AgentOptions.Become((String) become, (String) m.get("become_method"), null,
                (String) m.get("become_exe"), (String) m.get("become_flags")));
    }

    private static List<String> paths(List<Path> paths) {
        List<String> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(p.toAbsolutePath().toString());
        }
        return out;
    }

    private static List<Path> toPaths(Object list) {
        List<Path> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                out.add(Path.of(String.valueOf(o)));
            }
        }
        return out;
    }

    /** A key file's content hash: a file replaced under the same name is another key. */
    private static String contentHash(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
