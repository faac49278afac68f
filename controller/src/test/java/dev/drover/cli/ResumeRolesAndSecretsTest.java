package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code --resume} with roles and vaulted secrets: a changed role file (tasks, defaults, a
 * {@code tasks_from} file) is noticed like a changed included task file, and a registered result or
 * fact that held a vaulted secret (journaled as {@code ********}) is derived again on resume instead of
 * being replayed as the mask.
 */
class ResumeRolesAndSecretsTest extends LocalPlaybookRun {
    private static final String ROLES = """
            - hosts: web
              gather_facts: false
              roles: [app]
              tasks:
                - include_role: {name: app, tasks_from: extra}
                - shell: test ! -e OUT/fault-{{ inventory_hostname }}
            """;

    private CliRun drover(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = dir.resolve("state").toString();
        return CliRun.of(all);
    }

    private void roles() throws IOException {
        write("roles/app/defaults/main.yml", "port: 80\n");
        write("roles/app/tasks/main.yml", "- shell: echo {{ port }} >> OUT/ports-{{ inventory_hostname }}\n");
        write("roles/app/tasks/extra.yml", "- shell: echo extra >> OUT/extra-{{ inventory_hostname }}\n");
    }

    private void failThenChange(String file, String text) throws IOException {
        roles();
        write("fault-b", "");
        CliRun failed = run(ROLES, "--state-dir", dir.resolve("state").toString());
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        Files.delete(dir.resolve("fault-b"));
        write(file, text);
        CliRun refused = drover("run", "--resume", "last");
        assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains(dir.resolve(file).toString()), "names the changed role file\n" + refused);
        assertTrue(refused.err().contains("--resume-force"), refused.toString());
    }

    @Test
    void aChangedRoleDefaultsFileIsNoticedOnResume() throws IOException {
        failThenChange("roles/app/defaults/main.yml", "port: 8080\n");
    }

    @Test
    void aChangedTasksFromFileOfAnIncludeRoleIsNoticedOnResume() throws IOException {
        failThenChange("roles/app/tasks/extra.yml", "- shell: echo changed >> OUT/extra-{{ inventory_hostname }}\n");
    }

    @Test
    void aRegisteredSecretIsDerivedAgainOnResumeNotReplayedAsTheMask() throws IOException {
        Path pw = write("pw.txt", "resume-vault-pw\n");
        CliRun enc = CliRun.of("vault", "encrypt_string", "--vault-password-file", pw.toString(), "--name", "db_password",
                "hunter2-secret");
        assertEquals(ExitCodes.OK, enc.exitCode(), enc.toString());
        write("vars.yml", enc.out());
        String playbook = """
                - hosts: web
                  gather_facts: false
                  serial: 1
                  vars_files: [vars.yml]
                  tasks:
                    - shell: echo "{{ db_password }}"
                      register: echoed
                    - set_fact: {conn: "user:{{ db_password }}"}
                    - shell: test ! -e OUT/fault-{{ inventory_hostname }}
                    - shell: echo "{{ echoed.stdout }} {{ conn }}" > OUT/used-{{ inventory_hostname }}
                """;
        write("fault-b", "");
        CliRun failed = run(playbook, "--state-dir", dir.resolve("state").toString(), "--vault-password-file", pw.toString());
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        assertFalse(failed.out().contains("hunter2"), failed.toString());
        Files.delete(dir.resolve("fault-b"));

        CliRun resumed = drover("run", "--resume", "last", "--vault-password-file", pw.toString());
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals("hunter2-secret user:hunter2-secret\n", read("used-a"));
        assertEquals("hunter2-secret user:hunter2-secret\n", read("used-b"),
                "the resumed host used the secret, not the journal's mask");
        assertFalse(resumed.out().contains("hunter2"), resumed.toString());
    }
}
