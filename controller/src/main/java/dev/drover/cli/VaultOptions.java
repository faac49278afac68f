package dev.drover.cli;

import dev.drover.secret.Secret;
import dev.drover.transport.CredentialPrompt;
import dev.drover.vault.Vault;
import dev.drover.vault.VaultException;
import dev.drover.vault.VaultKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The vault passwords of a command, as ansible-playbook takes them: {@code --vault-password-file},
 * {@code --vault-id [LABEL@]FILE|prompt} (repeatable), {@code --ask-vault-pass} (only at a terminal;
 * never a prompt without one), then {@code DROVER_VAULT_PASSWORD_FILE} and ansible.cfg's
 * {@code vault_password_file}.
 */
final class VaultOptions {
    static final String ENV = "DROVER_VAULT_PASSWORD_FILE";

    @Option(names = "--vault-password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Vault password file (an executable file is run; its output is the password). Repeatable.")
    List<Path> passwordFiles = new ArrayList<>();

    @Option(names = "--vault-id", scope = ScopeType.INHERIT, paramLabel = "[LABEL@]SOURCE",
            description = "A vault password with its ID: LABEL@FILE, LABEL@prompt, or FILE. Repeatable.")
    List<String> vaultIds = new ArrayList<>();

    @Option(names = {"-J", "--ask-vault-pass"}, scope = ScopeType.INHERIT, description = "Ask for the vault password (needs a terminal).")
    boolean ask;

    /** The keys, in the order given; reads files and asks at the terminal now. */
    VaultKeys keys(CredentialPrompt prompt, Optional<Path> fromConfig) {
        VaultKeys keys = VaultKeys.NONE;
        try {
            for (String id : vaultIds) {
                int at = id.indexOf('@');
                String label = at < 0 ? VaultKeys.DEFAULT : id.substring(0, at);
                String source = at < 0 ? id : id.substring(at + 1);
                Secret pw = source.equals("prompt") ? ask(prompt, "Vault password (" + label + "): ", "--vault-id " + id)
                        : VaultKeys.readPasswordFile(Path.of(source));
                keys = keys.plus(new VaultKeys.Key(label, pw));
            }
            for (Path f : passwordFiles) {
                keys = keys.plus(new VaultKeys.Key(VaultKeys.DEFAULT, VaultKeys.readPasswordFile(f)));
            }
            if (ask) {
                keys = keys.plus(new VaultKeys.Key(VaultKeys.DEFAULT, ask(prompt, "Vault password: ", "--ask-vault-pass")));
            }
            String env = System.getenv(ENV);
            if (env != null && !env.isBlank()) {
                keys = keys.plus(new VaultKeys.Key(VaultKeys.DEFAULT, VaultKeys.readPasswordFile(Path.of(env))));
            } else if (keys.isEmpty() && fromConfig.isPresent()) {
                keys = keys.plus(new VaultKeys.Key(VaultKeys.DEFAULT, VaultKeys.readPasswordFile(fromConfig.get())));
            }
        } catch (VaultException e) {
            throw new UserError(e.getMessage());
        }
        return keys;
    }

    /** The command's vault, passed to whatever reads files for the command. */
    Vault vault(CredentialPrompt prompt, Optional<Path> fromConfig) {
        return new Vault(keys(prompt, fromConfig));
    }

    private static Secret ask(CredentialPrompt prompt, String question, String option) {
        return prompt.ask(question).orElseThrow(() -> new UserError(option + " needs a terminal to ask at, and there is"
                + " none; use --vault-password-file FILE or set " + ENV));
    }
}
