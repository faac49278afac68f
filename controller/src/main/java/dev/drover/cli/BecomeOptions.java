package dev.drover.cli;

import dev.drover.remote.AgentOptions;
import dev.drover.secret.Secret;
import dev.drover.transport.CredentialPrompt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Privilege escalation options, with Ansible's names: {@code -b/--become}, {@code --become-user},
 * {@code --become-method}, {@code -K/--ask-become-pass}; the password may also come from
 * {@code DROVER_BECOME_PASSWORD} (for runs without a terminal).
 */
final class BecomeOptions {
    static final String PASSWORD_ENV = "DROVER_BECOME_PASSWORD";

    @Option(names = {"-b", "--become"}, description = "Run the module as another user through sudo (default root).")
    boolean become;

    @Option(names = "--become-user", paramLabel = "USER", description = "The user to become with --become (default root).")
    String user;

    String method;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--become-method", paramLabel = "METHOD", description = "How to become: sudo (the default) or su.")
    void method(String name) {
        if (!AgentOptions.Become.METHODS.contains(name)) {
            // Accepting it and going through sudo anyway would run as someone the operator did not choose.
            throw new ParameterException(spec.commandLine(), "--become-method " + name + ": "
                    + AgentOptions.Become.unsupported(name));
        }
        method = name;
    }

    @Option(names = {"-K", "--ask-become-pass"},
            description = "Ask for the become password (terminal only; or set " + PASSWORD_ENV + ").")
    boolean askPass;

    /**
     * For playbooks ({@code drover run}): the command line's become user, method and password as
     * defaults, or null when none was given. Unlike ad hoc runs, {@code -K} is useful without
     * {@code -b}: plays and tasks may ask for become themselves, as with ansible-playbook.
     */
    AgentOptions.Become defaultsForPlaybook(CredentialPrompt prompt) {
        Secret password = password(prompt);
        if (!become && user == null && method == null && password == null) {
            return null;
        }
        return new AgentOptions.Become(user, method, password);
    }

    /** ansible.cfg's become, become_user, become_method and become_ask_pass, for the options not given. */
    void applyConfig(AnsibleConfigs cfg) {
        if (!become) {
            become = cfg.become("become").map(dev.drover.config.AnsibleConfig::bool).orElse(false);
        }
        if (user == null) {
            user = cfg.become("become_user").orElse(null);
        }
        if (method == null) {
            method = cfg.become("become_method").orElse(null);
        }
        if (!askPass) {
            askPass = cfg.become("become_ask_pass").map(dev.drover.config.AnsibleConfig::bool).orElse(false);
        }
    }

    boolean becomeByDefault() {
        return become;
    }

    private Secret password(CredentialPrompt prompt) {
        String fromEnv = System.getenv(PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return Secret.of(fromEnv);
        }
        if (askPass) {
            return prompt.ask("BECOME password: ").orElseThrow(() -> new UserError(
                    "--ask-become-pass needs a terminal to ask on; with no terminal set " + PASSWORD_ENV + " instead"));
        }
        return null;
    }

    /** What the agent should run as, or null when --become was not given. */
    AgentOptions.Become resolve(CredentialPrompt prompt) {
        if (!become) {
            if (user != null || method != null || askPass) {
                throw new UserError("--become-user, --become-method and --ask-become-pass take effect only with"
                        + " --become (-b), as in Ansible; add -b");
            }
            return null;
        }
        return new AgentOptions.Become(user, method, password(prompt));
    }
}
