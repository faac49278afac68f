package dev.drover.cli;

import dev.drover.config.AnsibleConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ansible.cfg of this command, found as Ansible finds it, with one warning line per setting
 * drover ignores. Commands apply its settings under their own options: an option given on the
 * command line (or its environment variable) always wins.
 */
final class AnsibleConfigs {
    private final AnsibleConfig config;
    private final Map<String, String> env = System.getenv();
    private final Path home = Path.of(System.getProperty("user.home"));

    private AnsibleConfigs(AnsibleConfig config) {
        this.config = config;
    }

    static AnsibleConfigs load(PrintWriter err) {
        Map<String, String> env = System.getenv();
        Optional<Path> file = AnsibleConfig.locate(env, Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
        if (file.isEmpty()) {
            return new AnsibleConfigs(AnsibleConfig.NONE);
        }
        try {
            AnsibleConfig c = AnsibleConfig.read(file.get());
            for (String ignored : c.ignored()) {
                err.println("[WARNING]: " + file.get() + ": ignoring " + ignored + " (drover has no equivalent)");
            }
            return new AnsibleConfigs(c);
        } catch (IOException e) {
            throw new UserError("cannot read " + file.get() + ": " + e.getMessage());
        }
    }

    /**
     * Applies what {@code run} and {@code exec} share (inventory, connection, become, forks) under
     * the options given on the command line.
     *
     * @param forks the command's forks, from -f or its default
     * @return the forks to use: -f when given, else ansible.cfg's, else {@code forks}
     */
    int applyTo(InventoryOptions inventory, ConnectionOptions connection, BecomeOptions become,
            picocli.CommandLine.ParseResult given, PrintWriter err, int forks) {
        inventory.configured = inventory().stream().map(Path::toString).toList();
        connection.applyConfig(this, given, err);
        become.applyConfig(this);
        if (given.hasMatchedOption("--forks")) {
            return forks;
        }
        return get("defaults.forks").map(f -> {
            try {
                return Math.max(1, Integer.parseInt(f.strip()));
            } catch (NumberFormatException e) {
                throw new UserError("ansible.cfg: forks = " + f.strip() + " is not a number of hosts");
            }
        }).orElse(forks);
    }

    AnsibleConfig config() {
        return config;
    }

    Optional<Path> vaultPasswordFile() {
        return config.path("defaults.vault_password_file", env, home);
    }

    /** {@code ANSIBLE_ROLES_PATH} wins over roles_path, as in Ansible. */
    List<Path> rolesPath() {
        String fromEnv = env.get("ANSIBLE_ROLES_PATH");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return java.util.Arrays.stream(fromEnv.split(":")).filter(s -> !s.isBlank()).map(Path::of).toList();
        }
        return config.paths("defaults.roles_path", env, home);
    }

    List<Path> inventory() {
        List<Path> out = config.paths("defaults.inventory", env, home);
        return out.isEmpty() ? config.paths("defaults.hostfile", env, home) : out;
    }

    Optional<String> get(String key) {
        return config.get(key);
    }

    Optional<Path> path(String key) {
        return config.path(key, env, home);
    }

    Optional<String> become(String key) {
        return config.become(key);
    }
}
