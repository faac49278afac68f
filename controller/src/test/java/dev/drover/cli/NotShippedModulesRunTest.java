package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task naming an Ansible module drover does not ship ({@code yum} in Ansible's copy target, run on
 * RedHat only): skipped by its {@code when:} it costs nothing, as under Ansible; a host that reaches
 * it fails it with a message naming the module, the task and its file:line:column; {@code drover
 * check} warns about it without failing.
 */
class NotShippedModulesRunTest {
    @TempDir
    Path dir;

    private Path playbook(String when) throws IOException {
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local\n");
        return Files.writeString(dir.resolve("site.yml"), """
                - hosts: a
                  gather_facts: false
                  tasks:
                    - name: Install the acl package on CentOS
                      yum:
                        name: acl
                      when: WHEN
                    - debug: {msg: after}
                """.replace("WHEN", when));
    }

    @Test
    void skippedByItsWhenTheTaskCostsNothing() throws IOException {
        Path pb = playbook("false");
        CliRun run = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i",
                dir.resolve("hosts.ini").toString(), pb.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("ok=1 changed=0 unreachable=0 failed=0 skipped=1 rescued=0 ignored=0", run.recapLine("a"), run.toString());
    }

    @Test
    void aHostThatReachesItFailsNamingModuleTaskAndPlace() throws IOException {
        Path pb = playbook("true");
        CliRun run = CliRun.of("run", "--state-dir", dir.resolve("state").toString(), "-i",
                dir.resolve("hosts.ini").toString(), pb.toString());
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().contains("'yum' is an Ansible module drover does not ship (task 'Install the acl package"
                + " on CentOS', site.yml:4:7)"), run.toString());
        assertEquals("ok=0 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0", run.recapLine("a"), run.toString());
    }

    @Test
    void checkWarnsAndPasses() throws IOException {
        Path pb = playbook("ansible_distribution == 'CentOS'");
        CliRun check = CliRun.of("check", pb.toString());
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        assertTrue(check.err().contains("[WARNING]: " + pb + ":4:7: 'yum' is an Ansible module drover does not ship:"
                + " a host that reaches this task fails it"), check.toString());
        assertTrue(check.out().contains(": OK (1 play, 2 tasks"), check.toString());
    }
}
