package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The role and vault options an operator's existing Ansible content relies on, each through the
 * real command line: {@code tasks_from}/{@code vars_from}/{@code defaults_from}/{@code handlers_from},
 * {@code allow_duplicates}, {@code ANSIBLE_ROLES_PATH}, {@code DROVER_VAULT_PASSWORD_FILE},
 * {@code --ask-vault-pass} without a terminal, {@code drover vault rekey}, and {@code drover exec} masking
 * values from a vault as {@code run} does.
 */
class RolesAndVaultOptionsTest extends LocalPlaybookRun {

    @Test
    void theFromOptionsPickTheRoleFilesAndDuplicatesRunOnlyWhenAllowed() throws Exception {
        write("roles/r/tasks/main.yml", "- shell: echo main >> OUT/main.txt\n");
        write("roles/r/tasks/other.yml", "- shell: echo \"{{ v }} {{ d }}\" >> OUT/from.txt\n  notify: h2\n");
        write("roles/r/vars/main.yml", "v: main\n");
        write("roles/r/vars/alt.yml", "v: alt\n");
        write("roles/r/defaults/main.yml", "d: maind\n");
        write("roles/r/defaults/alt.yml", "d: altd\n");
        write("roles/r/handlers/main.yml", "- name: h1\n  shell: echo h1 >> OUT/h1.txt\n");
        write("roles/r/handlers/alt.yml", "- name: h2\n  shell: echo h2 >> OUT/h2.txt\n");
        write("roles/dup/meta/main.yml", "allow_duplicates: true\n");
        write("roles/dup/tasks/main.yml", "- shell: echo dup >> OUT/dup.txt\n");
        write("roles/once/tasks/main.yml", "- shell: echo once >> OUT/once.txt\n");

        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  roles: [dup, dup, once, once]
                  tasks:
                    - import_role:
                        name: r
                        tasks_from: other
                        vars_from: alt
                        defaults_from: alt
                        handlers_from: alt
                """);

        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("alt altd\n", read("from.txt"), "tasks, vars and defaults from the named files");
        assertEquals("h2\n", read("h2.txt"), "the handler from handlers_from answered");
        assertFalse(Files.exists(dir.resolve("main.txt")), "tasks/main.yml was not run");
        assertFalse(Files.exists(dir.resolve("h1.txt")));
        assertEquals("dup\ndup\n", read("dup.txt"), "allow_duplicates: true runs the role each time it is listed");
        assertEquals("once\n", read("once.txt"), "without allow_duplicates a role listed twice runs once");
    }

    @Test
    void ansibleRolesPathFindsRolesOutsideThePlaybookDirectory() throws Exception {
        write("shelf/shelved/tasks/main.yml", "- shell: echo shelved >> OUT/shelved.txt\n");
        Path pb = write("site.yml", "- hosts: a\n  gather_facts: false\n  roles: [shelved]\n");

        DroverProcess without = DroverProcess.start(dir, "without", Map.of(), "run", "-i", inventory.toString(), pb.toString());
        assertEquals(ExitCodes.BAD_INPUT, without.exitCode(), without.toString());
        assertTrue(without.err().contains("shelved"), without.toString());

        DroverProcess with = DroverProcess.start(dir, "with", Map.of("ANSIBLE_ROLES_PATH", dir.resolve("shelf").toString()),
                "run", "-i", inventory.toString(), pb.toString());
        assertEquals(ExitCodes.OK, with.exitCode(), with.toString());
        assertEquals("shelved\n", read("shelved.txt"));
    }

    @Test
    void theVaultPasswordComesFromTheEnvironmentAndIsNeverAskedForWithoutATerminal() throws Exception {
        Path pw = write("pw.txt", "s3cret-pw\n");
        Path vars = write("secrets.yml", "db_password: hunter2-vaulted\n");
        CliRun encrypt = CliRun.of("vault", "encrypt", "--vault-password-file", pw.toString(), vars.toString());
        assertEquals(ExitCodes.OK, encrypt.exitCode(), encrypt.toString());
        assertTrue(Files.readString(vars).startsWith("$ANSIBLE_VAULT;1.1;AES256"), Files.readString(vars));
        Path pb = write("site.yml", """
                - hosts: a
                  gather_facts: false
                  vars_files: [secrets.yml]
                  tasks:
                    - shell: echo "{{ db_password | length }}" >> OUT/len.txt
                """);

        DroverProcess env = DroverProcess.start(dir, "env", Map.of("DROVER_VAULT_PASSWORD_FILE", pw.toString()),
                "run", "-i", inventory.toString(), pb.toString());
        assertEquals(ExitCodes.OK, env.exitCode(), env.toString());
        assertEquals("15\n", read("len.txt"), "decrypted with the password file the environment names");

        DroverProcess ask = DroverProcess.start(dir, "ask", Map.of(), "run", "-i", inventory.toString(), pb.toString(),
                "--ask-vault-pass");
        assertEquals(ExitCodes.BAD_INPUT, ask.exitCode(), ask.toString());
        assertTrue(ask.err().contains("--ask-vault-pass needs a terminal"), ask.toString());
        assertEquals("15\n", read("len.txt"), "nothing ran");
    }

    @Test
    void rekeyReencryptsWithTheNewPasswordOnly() throws Exception {
        Path oldPw = write("old.txt", "old-pw\n");
        Path newPw = write("new.txt", "new-pw\n");
        Path file = write("data.yml", "token: abc123\n");
        assertEquals(ExitCodes.OK, CliRun.of("vault", "encrypt", "--vault-password-file", oldPw.toString(), file.toString()).exitCode());

        CliRun rekey = CliRun.of("vault", "rekey", "--vault-password-file", oldPw.toString(),
                "--new-vault-password-file", newPw.toString(), file.toString());
        assertEquals(ExitCodes.OK, rekey.exitCode(), rekey.toString());

        CliRun withNew = CliRun.of("vault", "view", "--vault-password-file", newPw.toString(), file.toString());
        assertEquals(ExitCodes.OK, withNew.exitCode(), withNew.toString());
        assertTrue(withNew.out().contains("token: abc123"), withNew.toString());
        CliRun withOld = CliRun.of("vault", "view", "--vault-password-file", oldPw.toString(), file.toString());
        assertTrue(withOld.exitCode() != ExitCodes.OK, "the old password no longer opens it: " + withOld);
        assertFalse(withOld.out().contains("abc123"), withOld.toString());
    }

    @Test
    void execShowsNoValueFromAVault() throws Exception {
        Path pw = write("pw.txt", "exec-pw\n");
        Path hostVars = write("host_vars/a.yml", "api_token: tok-9f8e7d6c5b\n");
        assertEquals(ExitCodes.OK, CliRun.of("vault", "encrypt", "--vault-password-file", pw.toString(), hostVars.toString()).exitCode());

        Path onHost = write("token.txt", "token=tok-9f8e7d6c5b\n"); // the host's copy of the secret, as a module may print it

        CliRun exec = CliRun.of("exec", "a", "-i", inventory.toString(), "--vault-password-file", pw.toString(),
                "-m", "shell", "-a", "cat " + onHost);

        assertEquals(ExitCodes.OK, exec.exitCode(), exec.toString());
        assertTrue(exec.out().contains("token=********"), "the output is shown, the vaulted value masked: " + exec);
        assertFalse(exec.toString().contains("tok-9f8e7d6c5b"), exec.toString());
    }
}
