package dev.drover.transport.ssh;

import dev.drover.transport.ConnectionSettings;
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
 */
record SshTarget(String inventoryName, String host, int port, String user, List<Identity> identities,
        Path userKnownHostsFile, List<Path> knownHostsFiles) {

    /** Where a key file to try comes from: explicit ones must exist, the others are used when present. */
    enum Source { SETTINGS, SSH_CONFIG, DEFAULT }

    /** A private key file to offer; {@code origin} says where it was named, for messages. */
    record Identity(Path path, Source source, String origin) {
    }

    static SshTarget resolve(ConnectionSettings s, SshConfig config, SshEnvironment env) throws TransportException {
        String given = s.address() != null && !s.address().isBlank() ? s.address().trim() : s.hostName();
        SshConfig.HostOptions opts = config.lookup(given);

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
        for (SshConfig.Setting f : opts.identityFiles()) {
            String expanded = SshConfig.expandTokens(f.value(), tokens, f.origin());
            identities.add(new Identity(tilde(expanded, env), Source.SSH_CONFIG, "IdentityFile at " + f.origin()));
        }
        if (identities.isEmpty()) {
            for (Path p : env.defaultIdentityFiles()) {
                if (Files.exists(p)) {
                    identities.add(new Identity(p, Source.DEFAULT, "default key"));
                }
            }
        }

        Path userFile = s.userKnownHostsFile() != null ? tilde(s.userKnownHostsFile().toString(), env)
                : env.defaultKnownHostsFile();
        Set<Path> files = new LinkedHashSet<>();
        files.add(userFile);
        s.knownHostsFiles().forEach(p -> files.add(tilde(p.toString(), env)));
        files.addAll(env.globalKnownHostsFiles());
        return new SshTarget(s.hostName(), host, port, user, dedupe(identities), userFile, List.copyOf(files));
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
