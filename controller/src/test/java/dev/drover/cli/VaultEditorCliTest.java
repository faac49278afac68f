package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover vault create} and {@code drover vault edit} in a real drover process, with
 * {@code $EDITOR} a small script: the plaintext only ever sits in a private (0600) temporary file that
 * is gone afterwards, the result is an ansible-vault envelope with the vault ID kept across edits, a
 * failing editor leaves the file as it was, and create refuses an existing file.
 */
class VaultEditorCliTest {
    @TempDir
    Path dir;
    private Path tmp;
    private Path password;

    @BeforeEach
    void setUp() throws IOException {
        tmp = Files.createDirectories(dir.resolve("tmp"));
        password = Files.writeString(dir.resolve("pw.txt"), "editor-pw\n");
    }

    private Path editor(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body.replace("DIR", dir.toString()));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    private DroverProcess drover(String name, Path editor, String... args) throws IOException {
        return DroverProcess.start(dir, name, Map.of("EDITOR", editor.toString(),
                "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp), args);
    }

    private String view(Path file) throws Exception {
        DroverProcess v = drover("view", editor("noop.sh", "exit 0\n"), "vault", "view", "--vault-id",
                "prod@" + password, file.toString());
        assertEquals(ExitCodes.OK, v.exitCode(), v.toString());
        return v.out();
    }

    @Test
    void createThenEditKeepTheVaultIdAndLeaveNoPlaintextBehind() throws Exception {
        Path append = editor("append.sh", "stat -c %a \"$1\" > DIR/mode\nprintf '%s\\n' \"line$(wc -l < \"$1\")\" >> \"$1\"\n");
        Path secrets = dir.resolve("secrets.yml");
        DroverProcess create = drover("create", append, "vault", "create", "--vault-id", "prod@" + password,
                "--encrypt-vault-id", "prod", secrets.toString());
        assertEquals(ExitCodes.OK, create.exitCode(), create.toString());
        assertEquals("600\n", Files.readString(dir.resolve("mode")), "the editor's file is private");
        String created = Files.readString(secrets);
        assertTrue(created.startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"), created);
        assertEquals("line0\n", view(secrets));

        DroverProcess edit = drover("edit", append, "vault", "edit", "--vault-id", "prod@" + password, secrets.toString());
        assertEquals(ExitCodes.OK, edit.exitCode(), edit.toString());
        String edited = Files.readString(secrets);
        assertTrue(edited.startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n"), "the vault ID is kept: " + edited);
        assertNotEquals(created, edited);
        assertEquals("line0\nline1\n", view(secrets));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("drover-vault-")).count(),
                    "no temporary plaintext is left");
        }
    }

    @Test
    void aFailingEditorChangesNothingAndCreateRefusesAnExistingFile() throws Exception {
        Path secrets = dir.resolve("secrets.yml");
        DroverProcess create = drover("create", editor("one.sh", "echo 'a: 1' > \"$1\"\n"), "vault", "create",
                "--vault-password-file", password.toString(), secrets.toString());
        assertEquals(ExitCodes.OK, create.exitCode(), create.toString());
        byte[] before = Files.readAllBytes(secrets);

        DroverProcess failing = drover("fail", editor("fail.sh", "echo 'b: 2' > \"$1\"\nexit 3\n"), "vault", "edit",
                "--vault-password-file", password.toString(), secrets.toString());
        assertNotEquals(ExitCodes.OK, failing.exitCode(), failing.toString());
        assertTrue(failing.err().contains("failed (exit 3); nothing was written"), failing.toString());
        assertArrayEquals(before, Files.readAllBytes(secrets));

        DroverProcess again = drover("again", editor("two.sh", "exit 0\n"), "vault", "create",
                "--vault-password-file", password.toString(), secrets.toString());
        assertNotEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertTrue(again.err().contains("exists; use 'drover vault edit'"), again.toString());
        assertArrayEquals(before, Files.readAllBytes(secrets));
    }
}
