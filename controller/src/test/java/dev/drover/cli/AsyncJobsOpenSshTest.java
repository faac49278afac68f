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
 * Async jobs over real OpenSSH: a job polled to completion with {@code async_status}, and a
 * fire-and-forget job that is still running when the run ends (agent gone, SSH connection closed)
 * and finishes on the node afterwards, as Ansible's async_wrapper job does.
 */
@ExtendWith(OpenSshLab.class)
class AsyncJobsOpenSshTest {
    @TempDir
    Path dir;

    @Test
    void jobsArePolledAndOutliveTheRun(OpenSshLab.Lab lab) throws Exception {
        String node = lab.nodeNames().get(0);
        String marker = "drover-async-test-" + ProcessHandle.current().pid();
        assertEquals(0, lab.ssh(lab.node(node), "rm -f ~/" + marker + "*").exitCode());
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, """
                - hosts: %s
                  gather_facts: false
                  tasks:
                    - shell: echo polled
                      async: 60
                      poll: 0
                      register: job
                    - async_status: {jid: "{{ job.ansible_job_id }}"}
                      register: status
                      until: status is finished
                      retries: 60
                      delay: 0.5
                    - assert: {that: ["status.stdout == 'polled'", status is changed]}
                    - command: echo waited
                      async: 60
                      poll: 1
                      register: waited
                    - assert: {that: ["waited.stdout == 'waited'", waited is finished]}
                    - shell: sleep 4; touch ~/%s-late
                      async: 60
                      poll: 0
                """.formatted(node, marker));
        CliRun run = CliRun.of("run", "-i", lab.inventory().toString(), pb.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(lab.ssh(lab.node(node), "test -e ~/" + marker + "-late").exitCode() != 0,
                "the last job was still sleeping when the run ended\n" + run);
        int code = 1;
        for (int i = 0; i < 60 && code != 0; i++) {
            Thread.sleep(500);
            code = lab.ssh(lab.node(node), "test -e ~/" + marker + "-late").exitCode();
        }
        assertEquals(0, code, "the fire-and-forget job finished on the node after the run\n" + run);
        lab.ssh(lab.node(node), "rm -f ~/" + marker + "*");
    }
}
