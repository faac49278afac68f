package dev.drover.execute.play.action;

import dev.drover.protocol.Results;
import dev.drover.vault.Envelope;
import dev.drover.vault.Redactor;
import dev.drover.vault.Vault;
import dev.drover.vault.VaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@code copy}, {@code template}, {@code script} or {@code unarchive} source encrypted with
 * ansible-vault is decrypted on the controller, as Ansible's {@code decrypt: true} default does; its
 * content (and each of its longer lines, for diffs) becomes a secret of the run.
 */
final class VaultedSources {
    private static final int MIN_LINE = 4;

    private VaultedSources() {
    }

    /**
     * @throws VaultException without a vault password, with Ansible's words (its DataLoader's
     *     {@code get_real_file}, which every one of those actions reads its source through): a task
     *     registering the failure sees the same {@code msg} under both tools
     */
    static byte[] plain(byte[] bytes, Path file, Vault vault) throws VaultException {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8);
        if (!Envelope.isVaulted(head)) {
            return bytes;
        }
        if (vault.keys().isEmpty()) {
            throw new VaultException("A vault password or secret must be specified to decrypt " + file);
        }
        byte[] plain = vault.decrypt(new String(bytes, StandardCharsets.UTF_8), file.toString());
        Redactor r = vault.redactor();
        String text = new String(plain, StandardCharsets.UTF_8);
        r.add(text.strip());
        for (String line : text.split("\\R")) {
            if (line.strip().length() >= MIN_LINE) {
                r.add(line.strip());
            }
        }
        return plain;
    }

    /**
     * The failed result for a source {@link #plain} refused: its message as it is (Ansible's has no
     * action name before it either), and, where the run has no vault password, what to pass as a
     * warning beside it.
     */
    static Map<String, Object> failed(VaultException e, Vault vault) {
        Map<String, Object> r = Results.failed(e.getMessage());
        if (vault.keys().isEmpty()) {
            r.put("warnings", List.of("no vault password was given: pass --vault-password-file FILE, --vault-id"
                    + " [LABEL@]FILE or --ask-vault-pass (or set DROVER_VAULT_PASSWORD_FILE, or vault_password_file"
                    + " in ansible.cfg)"));
        }
        return r;
    }
}
