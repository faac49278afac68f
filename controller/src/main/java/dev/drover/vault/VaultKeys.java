package dev.drover.vault;

import dev.drover.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The vault passwords of a command, each with its label (vault ID): from
 * {@code --vault-password-file FILE} and {@code DROVER_VAULT_PASSWORD_FILE} (label {@code default}),
 * {@code --vault-id LABEL@FILE}, or typed at a terminal. A password file is read and stripped of
 * surrounding whitespace, as Ansible does; an executable file is run and its output is the password
 * (Ansible's vault password scripts).
 */
public final class VaultKeys {
    public static final String DEFAULT = "default";
    public static final VaultKeys NONE = new VaultKeys(List.of());

    /** One password and its label. */
    public record Key(String label, Secret password) {
    }

    private final List<Key> keys;

    public VaultKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    public List<Key> all() {
        return keys;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    public VaultKeys plus(Key key) {
        List<Key> next = new ArrayList<>(keys);
        next.add(key);
        return new VaultKeys(next);
    }

    Key forEncryption(Optional<String> label) throws VaultException {
        if (keys.isEmpty()) {
            throw new VaultException("no vault password was given: pass --vault-password-file FILE, --vault-id"
                    + " [LABEL@]FILE or --ask-vault-pass");
        }
        if (label.isEmpty()) {
            return keys.get(0);
        }
        return keys.stream().filter(k -> k.label().equals(label.get())).findFirst().orElseThrow(() -> new VaultException(
                "no vault password has the vault ID '" + label.get() + "' (given: "
                        + String.join(", ", keys.stream().map(Key::label).toList()) + ")"));
    }

    /** Reads a password file, or runs it when it is executable. */
    public static Secret readPasswordFile(Path file) throws VaultException {
        if (!Files.isRegularFile(file)) {
            throw new VaultException("vault password file not found: " + file);
        }
        try {
            String text;
            if (Files.isExecutable(file)) {
                Process p = new ProcessBuilder(file.toAbsolutePath().toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new VaultException("vault password script " + file + " failed (exit "
                            + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
                }
                text = new String(out, StandardCharsets.UTF_8);
            } else {
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
            String pw = text.strip();
            if (pw.isEmpty()) {
                throw new VaultException("vault password file " + file + " is empty");
            }
            return Secret.of(pw);
        } catch (IOException e) {
            throw new VaultException("cannot read vault password file " + file + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException("interrupted while running " + file);
        }
    }
}
