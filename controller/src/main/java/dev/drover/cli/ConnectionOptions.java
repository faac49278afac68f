package dev.drover.cli;

import dev.drover.execute.ConnectionOverrides;
import dev.drover.secret.Secret;
import dev.drover.transport.CredentialPrompt;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Connection options shared by every verb that reaches hosts (Ansible's names where it has them). */
final class ConnectionOptions {
    @Option(names = {"-u", "--user"}, description = "Login user when the inventory sets no ansible_user.")
    String user;

    @Option(names = "--private-key", paramLabel = "FILE",
            description = "Private key when the inventory sets no ansible_ssh_private_key_file.")
    Path privateKey;

    @Option(names = {"-k", "--ask-pass"}, description = "Ask for the SSH password (terminal only; or set DROVER_SSH_PASSWORD).")
    boolean askPass;

    @Option(names = "--accept-new-host-keys",
            description = "Record unknown host keys in known_hosts instead of refusing (never changed ones), like StrictHostKeyChecking=accept-new.")
    boolean acceptNewHostKeys;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "The known_hosts file to check and record keys in (default ~/.ssh/known_hosts).")
    Path knownHosts;

    int timeoutSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-T", "--timeout"}, paramLabel = "SECONDS", description = "Connection timeout (default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    void timeout(int seconds) {
        timeoutSeconds = OptionChecks.atLeastOne(spec, "-T/--timeout", seconds, "seconds to wait for a connection");
    }

    /**
     * ansible.cfg's remote_user, private_key_file, timeout and host_key_checking, for the options not
     * given on the command line. {@code host_key_checking = False} becomes accept-new: drover records
     * unknown keys but never accepts a changed one.
     */
    void applyConfig(AnsibleConfigs cfg, picocli.CommandLine.ParseResult given, java.io.PrintWriter err) {
        if (user == null) {
            user = cfg.get("defaults.remote_user").orElse(null);
        }
        if (privateKey == null) {
            privateKey = cfg.path("defaults.private_key_file").orElse(null);
        }
        if (!given.hasMatchedOption("--timeout")) {
            cfg.get("defaults.timeout").ifPresent(t -> timeoutSeconds = Integer.parseInt(t.strip()));
        }
        if (cfg.get("defaults.host_key_checking").map(v -> !dev.drover.config.AnsibleConfig.bool(v)).orElse(false)
                && !acceptNewHostKeys) {
            acceptNewHostKeys = true;
            err.println("[WARNING]: ansible.cfg: host_key_checking = False is applied as accept-new: unknown host keys"
                    + " are recorded, a changed key is still refused");
        }
    }

    ConnectionOverrides overrides() {
        CredentialPrompt prompt = telling(TerminalPrompt.forThisProcess(), spec.commandLine().getErr());
        Secret password = null;
        String fromEnv = System.getenv("DROVER_SSH_PASSWORD");
        if (fromEnv != null) {
            password = Secret.of(fromEnv);
        } else if (askPass) {
            password = prompt.ask("SSH password: ").orElseThrow(() -> new UserError(
                    "--ask-pass needs a terminal to ask on; with no terminal set DROVER_SSH_PASSWORD instead"));
        }
        return new ConnectionOverrides(user, privateKey, password, acceptNewHostKeys,
                Duration.ofSeconds(timeoutSeconds), knownHosts, prompt);
    }

    /** {@code asking}, with each distinct notice printed once on {@code err} as a warning, terminal or not. */
    static CredentialPrompt telling(CredentialPrompt asking, java.io.PrintWriter err) {
        java.util.Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new CredentialPrompt() {
            @Override
            public java.util.Optional<Secret> ask(String question) {
                return asking.ask(question);
            }

            @Override
            public void tell(String notice) {
                if (told.add(notice)) {
                    err.println("[WARNING]: " + notice);
                    err.flush();
                }
            }
        };
    }
}
