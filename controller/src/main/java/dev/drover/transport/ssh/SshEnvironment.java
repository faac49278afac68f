package dev.drover.transport.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the SSH client takes from the machine it runs on, gathered in one value so tests can supply
 * their own instead of the operator's real {@code ~/.ssh} and environment.
 *
 * @param userHome               the local home: {@code ~} in paths, {@code ~/.ssh/id_*} default keys,
 *                               {@code ~/.ssh/known_hosts}
 * @param localUser              the default remote user and the {@code %u} token
 * @param configFile             the OpenSSH client configuration to honour (need not exist)
 * @param globalKnownHostsFiles  system-wide known_hosts files also trusted (need not exist)
 * @param env                    environment lookup ({@code DROVER_SSH_PASSPHRASE}); returns null when unset
 */
public record SshEnvironment(Path userHome, String localUser, Path configFile, List<Path> globalKnownHostsFiles,
        Function<String, String> env) {

    /** The environment variable holding the passphrase of encrypted private keys. */
    public static final String PASSPHRASE_VARIABLE = "DROVER_SSH_PASSPHRASE";

    public SshEnvironment {
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(localUser, "localUser");
        Objects.requireNonNull(configFile, "configFile");
        globalKnownHostsFiles = List.copyOf(globalKnownHostsFiles);
        Objects.requireNonNull(env, "env");
    }

    /** The real machine: {@code user.home}, {@code user.name}, {@code ~/.ssh/config}, the process environment. */
    public static SshEnvironment system() {
        Path home = Path.of(System.getProperty("user.home"));
        return new SshEnvironment(home, System.getProperty("user.name"), home.resolve(".ssh").resolve("config"),
                List.of(Path.of("/etc/ssh/ssh_known_hosts"), Path.of("/etc/ssh/ssh_known_hosts2")), System::getenv);
    }

    /** A test or embedding setup: everything under {@code home}, no global files, the given environment. */
    public static SshEnvironment isolated(Path home, String localUser, Function<String, String> env) {
        return new SshEnvironment(home, localUser, home.resolve(".ssh").resolve("config"), List.of(), env);
    }

    /** {@code ~/.ssh/known_hosts}: where new host keys are recorded unless the settings name another file. */
    public Path defaultKnownHostsFile() {
        return userHome.resolve(".ssh").resolve("known_hosts");
    }

    /** The keys tried, when they exist, if neither the settings nor ssh_config name any (strongest type first). */
    public List<Path> defaultIdentityFiles() {
        Path ssh = userHome.resolve(".ssh");
        return List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa"));
    }
}
