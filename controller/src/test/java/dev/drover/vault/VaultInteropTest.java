package dev.drover.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.testing.Tiers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drover's vault against the real {@code ansible-vault}: files and strings encrypted by each are
 * decrypted by the other, with the default ID (format 1.1) and with a vault ID (format 1.2).
 */
class VaultInteropTest {
    static final String TIER = "ansible";
    private static final String SECRET = "s3cr3t p@ss, with ünïcode\nand a second line\n";

    @TempDir
    Path dir;

    private Path passwordFile(String name, String pw) throws IOException {
        return Files.writeString(dir.resolve(name), pw + "\n");
    }

    private static void requireAnsibleVault() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= !d.isEmpty() && Files.isExecutable(Path.of(d, "ansible-vault"));
        }
        Tiers.require(TIER, found, "ansible-vault is not on the PATH (apt-get install ansible-core)");
    }

    private String ansibleVault(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ansible-vault"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "ansible-vault " + String.join(" ", args) + ": " + err);
        return out;
    }

    private static String drover(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), "drover " + String.join(" ", args) + ": " + run.err());
        return run.out();
    }

    @Test
    void filesEncryptedByAnsibleVaultDecryptInDroverAndBack() throws Exception {
        requireAnsibleVault();
        Path pw = passwordFile("pw", "correct horse");
        Path byAnsible = Files.writeString(dir.resolve("a.yml"), SECRET);
        ansibleVault("encrypt", "--vault-password-file", pw.toString(), byAnsible.toString());
        assertTrue(Files.readString(byAnsible).startsWith("$ANSIBLE_VAULT;1.1;AES256\n"));
        assertEquals(SECRET, drover("vault", "view", "--vault-password-file", pw.toString(), byAnsible.toString()));

        Path byDrover = Files.writeString(dir.resolve("d.yml"), SECRET);
        drover("vault", "encrypt", "--vault-password-file", pw.toString(), byDrover.toString());
        assertTrue(Files.readString(byDrover).startsWith("$ANSIBLE_VAULT;1.1;AES256\n"));
        assertEquals(SECRET, ansibleVault("view", "--vault-password-file", pw.toString(), byDrover.toString()));
    }

    @Test
    void vaultIdsWriteFormat12AndPickTheirPassword() throws Exception {
        requireAnsibleVault();
        Path dev = passwordFile("dev", "dev-password");
        Path prod = passwordFile("prod", "prod-password");
        Path byAnsible = Files.writeString(dir.resolve("a.yml"), SECRET);
        ansibleVault("encrypt", "--vault-id", "prod@" + prod, "--encrypt-vault-id", "prod", byAnsible.toString());
        assertTrue(Files.readString(byAnsible).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"));
        assertEquals(SECRET, drover("vault", "view", "--vault-id", "dev@" + dev, "--vault-id", "prod@" + prod,
                byAnsible.toString()));

        Path byDrover = Files.writeString(dir.resolve("d.yml"), SECRET);
        drover("vault", "encrypt", "--vault-id", "dev@" + dev, "--vault-id", "prod@" + prod, "--encrypt-vault-id", "prod",
                byDrover.toString());
        assertTrue(Files.readString(byDrover).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"));
        assertEquals(SECRET, ansibleVault("view", "--vault-id", "dev@" + dev, "--vault-id", "prod@" + prod,
                byDrover.toString()));
    }

    @Test
    void stringsEncryptedByEitherDecryptInTheOther() throws Exception {
        requireAnsibleVault();
        Path pw = passwordFile("pw", "pw-for-strings");
        String ansibleString = ansibleVault("encrypt_string", "--vault-id", "app@" + pw, "--encrypt-vault-id", "app",
                "db-password-1", "--name", "db_password");
        Files.writeString(dir.resolve("vars.yml"), ansibleString);
        Vault vault = new Vault(new VaultKeys(List.of(new VaultKeys.Key("app", VaultKeys.readPasswordFile(pw)))));
        String body = ansibleString.substring(ansibleString.indexOf("$ANSIBLE_VAULT"));
        assertEquals("db-password-1", vault.decryptString(body, "test"));

        String droverString = drover("vault", "encrypt_string", "--vault-password-file", pw.toString(), "--name",
                "api_key", "api-key-2");
        Files.writeString(dir.resolve("drover-vars.yml"), droverString);
        String shown = ansibleVault("view", "--vault-password-file", pw.toString(), writeEnvelopeOf(droverString).toString());
        assertEquals("api-key-2", shown.strip(), "ansible-vault view ends what it shows with a newline");
    }

    /** The !vault block of encrypt_string output as a vault file, so ansible-vault view can read it. */
    private Path writeEnvelopeOf(String yaml) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : yaml.split("\n")) {
            if (line.startsWith("          ")) {
                b.append(line.strip()).append('\n');
            }
        }
        return Files.writeString(dir.resolve("string.vault"), b.toString());
    }

    @Test
    void aWrongPasswordIsRefusedWithoutTheSecret() throws Exception {
        Vault right = new Vault(new VaultKeys(List.of(new VaultKeys.Key("default", dev.drover.secret.Secret.of("a")))));
        String text = right.encrypt(SECRET.getBytes(StandardCharsets.UTF_8), Optional.empty());
        Vault wrong = new Vault(new VaultKeys(List.of(new VaultKeys.Key("default", dev.drover.secret.Secret.of("b")))));
        VaultException e = assertThrows(VaultException.class, () -> wrong.decrypt(text, "vars.yml"));
        assertTrue(e.getMessage().startsWith("vars.yml: none of the vault passwords given decrypts it"), e.getMessage());
        VaultException none = assertThrows(VaultException.class, () -> Vault.NONE.decrypt(text, "vars.yml"));
        assertTrue(none.getMessage().contains("--vault-password-file"), none.getMessage());
    }
}
