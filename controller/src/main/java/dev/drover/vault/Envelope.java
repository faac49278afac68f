package dev.drover.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text around the cipher: {@code $ANSIBLE_VAULT;1.1;AES256} or
 * {@code $ANSIBLE_VAULT;1.2;AES256;<vault id>} on the first line, then the hex body in lines of 80.
 *
 * @param vaultId the label of the 1.2 format; empty for 1.1
 * @param body    the hex body without line breaks
 */
public record Envelope(Optional<String> vaultId, String body) {
    public static final String MAGIC = "$ANSIBLE_VAULT";

    /** True when the text starts like an encrypted file or value. */
    public static boolean isVaulted(String text) {
        return text != null && text.stripLeading().startsWith(MAGIC + ";");
    }

    public static Envelope parse(String text) throws VaultException {
        String[] lines = text.strip().split("\\R");
        String[] header = lines[0].strip().split(";");
        if (header.length < 3 || !header[0].equals(MAGIC)) {
            throw new VaultException("not an Ansible Vault text (the first line must start with " + MAGIC + ";)");
        }
        if (!header[1].equals("1.1") && !header[1].equals("1.2") && !header[1].equals("1.0")) {
            throw new VaultException("vault format " + header[1] + " is not supported (only 1.1 and 1.2)");
        }
        if (!header[2].strip().equals("AES256")) {
            throw new VaultException("vault cipher " + header[2] + " is not supported (only AES256)");
        }
        Optional<String> id = header[1].equals("1.2") && header.length > 3 ? Optional.of(header[3].strip()) : Optional.empty();
        StringBuilder body = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            body.append(lines[i].strip());
        }
        return new Envelope(id, body.toString());
    }

    /** The envelope as ansible-vault writes it, ending with a newline. */
    public String format() {
        StringBuilder b = new StringBuilder(MAGIC);
        b.append(vaultId.isPresent() ? ";1.2;AES256;" + vaultId.get() : ";1.1;AES256").append('\n');
        for (String line : chunks(body, 80)) {
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static List<String> chunks(String s, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i += n) {
            out.add(s.substring(i, Math.min(s.length(), i + n)));
        }
        return out;
    }
}
