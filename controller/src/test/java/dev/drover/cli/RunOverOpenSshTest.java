package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover run} over three real OpenSSH nodes (the lab's nodes share one login home, so each
 * uses its own directory): a small playbook with files, register, handlers and fetch.
 */
@ExtendWith(OpenSshLab.class)
class RunOverOpenSshTest {
    @TempDir
    Path dir;

    @Test
    void runsAPlaybookOnAllThreeNodes(OpenSshLab.Lab lab) throws Exception {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, """
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - file: {path: "~/drover-run-test-{{ inventory_hostname }}", state: absent}
                    - file: {path: "~/drover-run-test-{{ inventory_hostname }}", state: directory}
                    - copy: {dest: "~/drover-run-test-{{ inventory_hostname }}/who", content: "who={{ inventory_hostname }}"}
                      notify: mark
                    - command: cat drover-run-test-{{ inventory_hostname }}/who
                      args: {chdir: "~"}
                      register: who
                      changed_when: false
                    - assert: {that: "who.stdout == 'who=' ~ inventory_hostname"}
                    - fetch: {src: "drover-run-test-{{ inventory_hostname }}/who", dest: "%s/fetched/{{ inventory_hostname }}", flat: true}
                  handlers:
                    - name: mark
                      shell: touch ~/drover-run-test-{{ inventory_hostname }}/handled
                """.formatted(dir));
        CliRun run = CliRun.of("run", "-i", lab.inventory().toString(), pb.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        for (String node : lab.nodeNames()) {
            assertEquals("who=" + node, Files.readString(dir.resolve("fetched").resolve(node)), run.toString());
            assertEquals(0, lab.ssh(lab.node(node), "test -f ~/drover-run-test-" + node + "/handled").exitCode(), node);
            String[] counts = LocalPlaybookRun.recap(run, node).split(" ");
            assertEquals("7 0 0", counts[0] + " " + counts[2] + " " + counts[3], run.toString());
        }
    }
}
