package dev.drover.cli;

import dev.drover.vault.Vault;
import dev.drover.vault.VaultException;
import dev.drover.vault.VaultKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drover vault}: ansible-vault's commands, writing texts ansible-vault reads and reading the
 * ones it writes. Files are replaced atomically (a temporary file next to them, then a rename), so an
 * interrupted command leaves the old file, never half of one. The plaintext of {@code create} and
 * {@code edit} lives in a file only the user can read while the editor runs, and is overwritten before
 * it is deleted.
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Encrypt and decrypt Ansible Vault files and values (interoperable with ansible-vault).")
final class VaultCommand {
    @Mixin
    VaultOptions vault;

    @Option(names = "--encrypt-vault-id", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "LABEL",
            description = "The vault ID whose password encrypts (default: the first given).")
    String encryptId;

    @Spec
    CommandSpec spec;

    private Vault open() {
        Vault v = new Vault(vault.keys(TerminalPrompt.forThisProcess(), AnsibleConfigs.load(spec.commandLine().getErr()).vaultPasswordFile()));
        if (v.keys().isEmpty()) {
            throw new UserError("no vault password: pass --vault-password-file FILE, --vault-id [LABEL@]FILE or"
                    + " --ask-vault-pass, or set " + VaultOptions.ENV);
        }
        return v;
    }

    @Command(name = "encrypt", description = "Encrypt files in place (or to --output).")
    int encrypt(@Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files,
            @Option(names = "--output", paramLabel = "FILE") Path output) throws IOException {
        Vault v = open();
        for (Path f : files) {
            byte[] plain = Files.readAllBytes(f);
            if (Envelope.isVaulted(new String(plain, StandardCharsets.UTF_8))) {
                throw new UserError(f + " is already encrypted");
            }
            write(output != null ? output : f, encrypt(v, plain));
        }
        spec.commandLine().getErr().println("Encryption successful");
        return 0;
    }

    @Command(name = "decrypt", description = "Decrypt files in place (or to --output; '-' is standard output).")
    int decrypt(@Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files,
            @Option(names = "--output", paramLabel = "FILE") String output) throws IOException {
        Vault v = open();
        for (Path f : files) {
            byte[] plain = decrypt(v, f);
            if ("-".equals(output)) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(new String(plain, StandardCharsets.UTF_8));
                out.flush();
            } else {
                writeBytes(output != null ? Path.of(output) : f, plain);
            }
        }
        spec.commandLine().getErr().println("Decryption successful");
        return 0;
    }

    @Command(name = "view", description = "Print the decrypted content of files.")
    int view(@Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files) {
        Vault v = open();
        PrintWriter out = spec.commandLine().getOut();
        for (Path f : files) {
            out.print(new String(decrypt(v, f), StandardCharsets.UTF_8));
        }
        out.flush();
        return 0;
    }

    @Command(name = "create", description = "Create an encrypted file with $EDITOR.")
    int create(@Parameters(paramLabel = "FILE") Path file) throws IOException {
        if (Files.exists(file)) {
            throw new UserError(file + " exists; use 'drover vault edit' to change it");
        }
        Vault v = open();
        byte[] plain = edit(file, new byte[0]);
        write(file, encrypt(v, plain));
        return 0;
    }

    @Command(name = "edit", description = "Edit an encrypted file with $EDITOR.")
    int edit(@Parameters(paramLabel = "FILE") Path file) throws IOException {
        Vault v = open();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Optional<String> id = envelopeId(text);
        byte[] plain = edit(file, decrypt(v, file));
        write(file, encryptAs(v, plain, id.or(() -> Optional.ofNullable(encryptId))));
        return 0;
    }

    @Command(name = "encrypt_string", description = "Encrypt a value for a playbook (!vault); reads stdin when no value is given.")
    int encryptString(@Parameters(paramLabel = "STRING", arity = "0..1") String value,
            @Option(names = {"-n", "--name"}, paramLabel = "VAR") String name) throws IOException {
        Vault v = open();
        String plain = value != null ? value : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        String env = encrypt(v, plain.getBytes(StandardCharsets.UTF_8));
        StringBuilder b = new StringBuilder(name != null ? name + ": " : "").append("!vault |\n");
        for (String line : env.split("\n")) {
            b.append("          ").append(line).append('\n');
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(b);
        out.flush();
        spec.commandLine().getErr().println("Encryption successful");
        return 0;
    }

    @Command(name = "rekey", description = "Encrypt files again with a new password.")
    int rekey(@Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files,
            @Option(names = "--new-vault-password-file", paramLabel = "FILE") Path newFile,
            @Option(names = "--new-vault-id", paramLabel = "[LABEL@]FILE") String newId) throws IOException {
        Vault v = open();
        VaultKeys.Key key;
        try {
            if (newId != null) {
                int at = newId.indexOf('@');
                key = new VaultKeys.Key(at < 0 ? VaultKeys.DEFAULT : newId.substring(0, at),
                        VaultKeys.readPasswordFile(Path.of(at < 0 ? newId : newId.substring(at + 1))));
            } else if (newFile != null) {
                key = new VaultKeys.Key(VaultKeys.DEFAULT, VaultKeys.readPasswordFile(newFile));
            } else {
                throw new UserError("rekey needs the new password: --new-vault-password-file FILE or --new-vault-id LABEL@FILE");
            }
        } catch (VaultException e) {
            throw new UserError(e.getMessage());
        }
        Vault next = new Vault(new VaultKeys(List.of(key)));
        for (Path f : files) {
            write(f, encryptAs(next, decrypt(v, f), Optional.empty()));
        }
        spec.commandLine().getErr().println("Rekey successful");
        return 0;
    }

    private String encrypt(Vault v, byte[] plain) {
        return encryptAs(v, plain, Optional.ofNullable(encryptId));
    }

    private static String encryptAs(Vault v, byte[] plain, Optional<String> id) {
        try {
            return v.encrypt(plain, id);
        } catch (VaultException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static byte[] decrypt(Vault v, Path f) {
        try {
            return v.decrypt(Files.readString(f, StandardCharsets.UTF_8), f.toString());
        } catch (IOException e) {
            throw new UserError("cannot read " + f + ": " + e.getMessage());
        } catch (VaultException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static Optional<String> envelopeId(String text) {
        try {
            return dev.drover.vault.Envelope.parse(text).vaultId();
        } catch (VaultException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static byte[] edit(Path file, byte[] start) throws IOException {
        Path tmp = Files.createTempFile("drover-vault-", "-" + file.getFileName(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, start);
            String editor = Optional.ofNullable(System.getenv("EDITOR")).filter(e -> !e.isBlank()).orElse("vi");
            List<String> argv = new ArrayList<>(List.of(editor.split("\\s+")));
            argv.add(tmp.toString());
            Process p = new ProcessBuilder(argv).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new UserError("the editor '" + editor + "' failed (exit " + p.exitValue() + "); nothing was written");
            }
            return Files.readAllBytes(tmp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted; nothing was written");
        } finally {
            long size = Files.size(tmp);
            Files.write(tmp, new byte[(int) size]);
            Files.delete(tmp);
        }
    }

    private static void write(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".drover-vault-", ".tmp");
        Files.write(tmp, bytes);
        if (Files.exists(target)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Access to the envelope check without importing it everywhere. */
    private static final class Envelope {
        static boolean isVaulted(String text) {
            return dev.drover.vault.Envelope.isVaulted(text);
        }
    }
}
