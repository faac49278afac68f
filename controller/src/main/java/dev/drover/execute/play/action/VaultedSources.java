package dev.drover.execute.play.action;

import dev.drover.vault.Envelope;
import dev.drover.vault.Redactor;
import dev.drover.vault.Vault;
import dev.drover.vault.VaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A {@code copy} or {@code template} source encrypted with ansible-vault is decrypted on the
 * controller, as Ansible's {@code decrypt: true} default does; its content (and each of its longer
 * lines, for diffs) becomes a secret of the run.
 */
final class VaultedSources {
    private static final int MIN_LINE = 4;

    private VaultedSources() {
    }

    static byte[] plain(byte[] bytes, Path file, Vault vault) throws VaultException {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8);
        if (!Envelope.isVaulted(head)) {
            return bytes;
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
}
