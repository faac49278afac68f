package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the local connection a module's relative path means the directory drover was started in, as
 * under Ansible's local connection (checked with ansible-playbook 2.14: {@code command: pwd} prints
 * its working directory and {@code copy: dest=rel.txt} writes there), not the home directory an SSH
 * login would start in. Each run is a process of its own, started in a directory that is not its home.
 */
class LocalConnectionWorkingDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aPlaybooksRelativePathsAreTheWorkingDirectorysAsUnderAnsible() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("project"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(cwd.resolve("hosts"), "localhost ansible_connection=local\n");
        Files.writeString(cwd.resolve("site.yml"), """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - command: pwd
                      register: r
                    - debug: msg="pwd={{ r.stdout }}"
                    - copy: content=hi dest=rel.txt
                    - stat: path=rel.txt
                      register: s
                    - assert: {that: [s.stat.exists]}
                """);
        DroverProcess run = DroverProcess.start(cwd, "run", Map.of("HOME", home.toString()),
                "run", "--state-dir", dir.resolve("state").toString(), "-i", "hosts", "site.yml");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("pwd=" + cwd.toRealPath()), run.toString());
        assertEquals("hi", Files.readString(cwd.resolve("rel.txt")));
        assertFalse(Files.exists(home.resolve("rel.txt")), "written in the home directory");
    }

    @Test
    void anAdHocCommandRunsInTheWorkingDirectory() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("here"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(cwd.resolve("marker.txt"), "x");
        Files.writeString(cwd.resolve("hosts"), "localhost ansible_connection=local\n");
        DroverProcess exec = DroverProcess.start(cwd, "exec", Map.of("HOME", home.toString()),
                "exec", "-i", "hosts", "all",
                "-m", "command", "-a", "ls");
        assertEquals(0, exec.exitCode(), exec.toString());
        assertTrue(exec.out().contains("marker.txt"), exec.toString());
    }
}
