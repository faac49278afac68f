package dev.drover.transport.ssh;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.ProxySetting;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where and as whom to connect, resolved from the connection settings, then {@code ~/.ssh/config},
 * then defaults, the way {@code ssh -o User=.. -o Port=.. -i key host} would resolve it: explicit
 * settings win; the configuration is looked up with the name given (ansible_host, else the inventory
 * name) and may map it to another {@code HostName}; host keys are checked for that final address.
 *
 * @param inventoryName     the host as the inventory names it (for messages)
 * @param host              the address to connect to and to look up in known_hosts
 * @param identities        private keys to offer, in order
 * @param userKnownHostsFile where accepted new host keys are recorded (also consulted)
 * @param knownHostsFiles   every known_hosts file consulted, the user file first
 * @param hopName           null for the host itself; for a jump host, its name as written (ProxyJump)
 * @param jump              the jump host this one is reached through, or null for a direct connection
 *
 * <p>Jump hosts ({@link JumpSpec}) come from the settings (drover_jump_hosts, ansible_ssh_*_args),
 * else from ~/.ssh/config's ProxyJump/ProxyCommand for the host. As with OpenSSH's {@code -J a,b}:
 * each hop is looked up in ~/.ssh/config under its own name (HostName, User, Port, IdentityFile);
 * hop b is reached through a, and only the first hop may have a jump of its own from the config.
 * Every hop is checked against the same known_hosts files, and accepts new keys only when the host
 * would. A hop logs in with its own IdentityFile, else with the host's private key setting, else
 * the default keys (drover has no ssh-agent, where OpenSSH users usually keep a bastion's key);
 * never with the host's password.
 */
record SshTarget(String inventoryName, String host, int port, String user, List<Identity> identities,
        Path userKnownHostsFile, List<Path> knownHostsFiles, String hopName, SshTarget jump) {

    /** A chain of jump hosts longer than this is refused: a ProxyJump loop in ~/.ssh/config. */
    static final int MAX_JUMP_DEPTH = 8;

    /** Where a key file to try comes from: explicit ones must exist, the others are used when present. */
    enum Source { SETTINGS, SSH_CONFIG, DEFAULT }

    /** A private key file to offer; {@code origin} says where it was named, for messages. */
    record Identity(Path path, Source source, String origin) {
    }

    static SshTarget resolve(ConnectionSettings s, SshConfig config, SshEnvironment env) throws TransportException {
        String given = s.address() != null && !s.address().isBlank() ? s.address().trim() : s.hostName();
        SshConfig.HostOptions opts = config.lookup(given);
        SshTarget jump = jumps(s.proxy(), opts, given, s, config, env, 0);

        String host = opts.hostName() == null ? given
                : SshConfig.expandTokens(opts.hostName().value(), Map.of('h', given), opts.hostName().origin());
        int port = s.port() != null ? checkPort(s.port(), s.hostName(), "the port setting (ansible_port)")
                : opts.port() != null ? parsePort(opts.port(), s.hostName()) : 22;
        String user = s.user() != null && !s.user().isBlank() ? s.user()
                : opts.user() != null ? opts.user().value() : env.localUser();

        Map<Character, String> tokens = Map.of('d', env.userHome().toString(), 'u', env.localUser(), 'h', host,
                'r', user, 'n', given, 'p', Integer.toString(port));
        List<Identity> identities = new ArrayList<>();
        for (Path p : s.identityFiles()) {
            identities.add(new Identity(tilde(p.toString(), env), Source.SETTINGS, "the private key setting"));
        }
        addConfigIdentities(identities, opts, tokens, env);
        addDefaultIdentitiesIfNone(identities, env);

        Path userFile = userKnownHostsFile(s, env);
        return new SshTarget(s.hostName(), host, port, user, dedupe(identities), userFile,
                knownHostsFiles(userFile, s, env), null, jump);
    }

    /** How this target is named in messages: {@code node1 (10.0.0.5:22)}, {@code jump host b1 (..) of node1}. */
    String label() {
        String address = host + ":" + port;
        if (hopName != null) {
            return "jump host " + (hopName.equals(host) ? address : hopName + " (" + address + ")") + " of " + inventoryName;
        }
        return inventoryName == null || inventoryName.equals(host) ? address : inventoryName + " (" + address + ")";
    }

    /** The hops to go through, first first (empty for a direct connection). */
    List<SshTarget> chain() {
        List<SshTarget> out = new ArrayList<>();
        for (SshTarget t = jump; t != null; t = t.jump) {
            out.add(0, t);
        }
        return out;
    }

    /** The last hop of the jump chain for a host, or null: explicit settings win over the config's. */
    private static SshTarget jumps(ProxySetting explicit, SshConfig.HostOptions opts, String given, ConnectionSettings s,
            SshConfig config, SshEnvironment env, int depth) throws TransportException {
        ProxySetting proxy = explicit;
        if (proxy == null && opts.matchProxy() != null) {
            throw new TransportException(Kind.CONFIG, s.hostName(), opts.matchProxy() + ": a ProxyJump/ProxyCommand"
                    + " inside a Match block, which drover cannot evaluate for " + given + "; a jump host is never"
                    + " ignored, so move it to a Host block, or set the host variable drover_jump_hosts (none for a"
                    + " direct connection)");
        }
        if (proxy == null) {
            proxy = opts.proxy();
        }
        if (proxy == null) {
            return null;
        }
        List<JumpSpec.Hop> hops = JumpSpec.parse(proxy, s.hostName());
        if (depth + hops.size() > MAX_JUMP_DEPTH) {
            throw new TransportException(Kind.CONFIG, s.hostName(), "reaching " + s.hostName() + " takes more than "
                    + MAX_JUMP_DEPTH + " jump hosts (" + proxy.origin() + "); is there a ProxyJump loop in ~/.ssh/config?");
        }
        SshTarget via = null;
        for (int i = 0; i < hops.size(); i++) {
            via = hop(hops.get(i), via, i == 0, s, config, env, depth + i + 1);
        }
        return via;
    }

    private static SshTarget hop(JumpSpec.Hop hop, SshTarget via, boolean first, ConnectionSettings s, SshConfig config,
            SshEnvironment env, int depth) throws TransportException {
        SshConfig.HostOptions opts = config.lookup(hop.host());
        SshTarget jump = via;
        if (first) {
            jump = jumps(null, opts, hop.host(), s, config, env, depth);
        }
        String host = opts.hostName() == null ? hop.host()
                : SshConfig.expandTokens(opts.hostName().value(), Map.of('h', hop.host()), opts.hostName().origin());
        int port = hop.port() != null ? hop.port() : opts.port() != null ? parsePort(opts.port(), s.hostName()) : 22;
        String user = hop.user() != null ? hop.user() : opts.user() != null ? opts.user().value() : env.localUser();
        Map<Character, String> tokens = Map.of('d', env.userHome().toString(), 'u', env.localUser(), 'h', host,
                'r', user, 'n', hop.host(), 'p', Integer.toString(port));
        List<Identity> identities = new ArrayList<>();
        for (String f : hop.identityFiles()) {
            identities.add(new Identity(tilde(f, env), Source.SETTINGS, "-i in the ProxyCommand"));
        }
        addConfigIdentities(identities, opts, tokens, env);
        if (identities.isEmpty()) {
            for (Path p : s.identityFiles()) {
                identities.add(new Identity(tilde(p.toString(), env), Source.SETTINGS, "the private key setting"));
            }
        }
        addDefaultIdentitiesIfNone(identities, env);
        Path userFile = userKnownHostsFile(s, env);
        return new SshTarget(s.hostName(), host, port, user, dedupe(identities), userFile,
                knownHostsFiles(userFile, s, env), hop.host(), jump);
    }

    /** The IdentityFile lines of the host's ~/.ssh/config block, tokens expanded. */
    private static void addConfigIdentities(List<Identity> identities, SshConfig.HostOptions opts,
            Map<Character, String> tokens, SshEnvironment env) throws TransportException {
        for (SshConfig.Setting f : opts.identityFiles()) {
            String expanded = SshConfig.expandTokens(f.value(), tokens, f.origin());
            identities.add(new Identity(tilde(expanded, env), Source.SSH_CONFIG, "IdentityFile at " + f.origin()));
        }
    }

    /** OpenSSH's default keys (~/.ssh/id_*) that exist, when nothing named a key. */
    private static void addDefaultIdentitiesIfNone(List<Identity> identities, SshEnvironment env) {
        if (identities.isEmpty()) {
            for (Path p : env.defaultIdentityFiles()) {
                if (Files.exists(p)) {
                    identities.add(new Identity(p, Source.DEFAULT, "default key"));
                }
            }
        }
    }

    private static Path userKnownHostsFile(ConnectionSettings s, SshEnvironment env) {
        return s.userKnownHostsFile() != null ? tilde(s.userKnownHostsFile().toString(), env) : env.defaultKnownHostsFile();
    }

    /** The user's known_hosts file first, then the extra ones of the settings, then the global ones. */
    private static List<Path> knownHostsFiles(Path userFile, ConnectionSettings s, SshEnvironment env) {
        Set<Path> files = new LinkedHashSet<>();
        files.add(userFile);
        s.knownHostsFiles().forEach(p -> files.add(tilde(p.toString(), env)));
        files.addAll(env.globalKnownHostsFiles());
        return List.copyOf(files);
    }

    private static List<Identity> dedupe(List<Identity> all) {
        Set<Path> seen = new LinkedHashSet<>();
        List<Identity> out = new ArrayList<>();
        for (Identity i : all) {
            if (seen.add(i.path().toAbsolutePath().normalize())) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }

    private static Path tilde(String path, SshEnvironment env) {
        if (path.equals("~")) {
            return env.userHome();
        }
        if (path.startsWith("~/")) {
            return env.userHome().resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static int parsePort(SshConfig.Setting port, String host) throws TransportException {
        int value;
        try {
            value = Integer.parseInt(port.value());
        } catch (NumberFormatException e) {
            throw new TransportException(Kind.CONFIG, host, port.origin() + ": Port '" + port.value()
                    + "' is not a number");
        }
        return checkPort(value, host, "Port at " + port.origin());
    }

    private static int checkPort(int port, String host, String where) throws TransportException {
        if (port < 1 || port > 65535) {
            throw new TransportException(Kind.CONFIG, host, where + " is " + port + "; a port is between 1 and 65535");
        }
        return port;
    }
}
