package dev.drover.vault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decrypts and encrypts vault texts with the passwords a run was given, and remembers every plaintext
 * it produced in its {@link Redactor}. Which password opens a text: those whose label matches the
 * envelope's vault ID first, then the others (Ansible's default, {@code vault_id_match} off).
 *
 * <p>The CLI builds one per command and passes it to whatever reads files for that command (the
 * playbook and variables-file parsers, the inventory sources, the run's copy/template/include_vars);
 * there is no process-wide vault. Without a password it is {@link #NONE}, which refuses any encrypted
 * text with what to pass.
 */
public final class Vault {
    public static final Vault NONE = new Vault(VaultKeys.NONE);

    private final VaultKeys keys;
    private final Redactor redactor = new Redactor();

    public Vault(VaultKeys keys) {
        this.keys = keys;
    }

    public VaultKeys keys() {
        return keys;
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * @param what names the file or value for messages, e.g. {@code group_vars/all/vault.yml}
     */
    public byte[] decrypt(String vaultText, String what) throws VaultException {
        Envelope env = Envelope.parse(vaultText);
        if (keys.isEmpty()) {
            throw new VaultException(what + " is encrypted with Ansible Vault, and no vault password was given: pass"
                    + " --vault-password-file FILE, --vault-id [LABEL@]FILE or --ask-vault-pass (or set"
                    + " DROVER_VAULT_PASSWORD_FILE, or vault_password_file in ansible.cfg)");
        }
        List<VaultKeys.Key> order = new ArrayList<>();
        env.vaultId().ifPresent(id -> keys.all().stream().filter(k -> k.label().equals(id)).forEach(order::add));
        keys.all().stream().filter(k -> !order.contains(k)).forEach(order::add);
        for (VaultKeys.Key k : order) {
            char[] pw = k.password().reveal();
            try {
                return VaultCipher.decrypt(env.body(), pw);
            } catch (VaultException e) {
                if (!e.getMessage().startsWith("wrong vault password")) {
                    throw new VaultException(what + ": " + e.getMessage());
                }
            } finally {
                java.util.Arrays.fill(pw, '\0');
            }
        }
        throw new VaultException(what + ": none of the vault passwords given decrypts it (tried "
                + String.join(", ", order.stream().map(VaultKeys.Key::label).toList())
                + env.vaultId().map(id -> "; it was encrypted with vault ID '" + id + "'").orElse("") + ")");
    }

    /** Decrypts text and registers the plaintext as a secret. */
    public String decryptString(String vaultText, String what) throws VaultException {
        String plain = new String(decrypt(vaultText, what), StandardCharsets.UTF_8);
        redactor.add(plain);
        return plain;
    }

    /**
     * Encrypts with the password labelled {@code label} (or the first one given when empty); a label
     * other than {@code default} is written into the envelope (format 1.2), as ansible-vault does.
     */
    public String encrypt(byte[] plaintext, Optional<String> label) throws VaultException {
        VaultKeys.Key key = keys.forEncryption(label);
        char[] pw = key.password().reveal();
        try {
            String body = VaultCipher.encrypt(plaintext, pw);
            Optional<String> id = key.label().equals(VaultKeys.DEFAULT) ? Optional.empty() : Optional.of(key.label());
            return new Envelope(id, body).format();
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }
}
