package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code async:} / {@code poll:} as Ansible runs them: a fire-and-forget job ({@code poll: 0}) goes on
 * on the host while later tasks run and is polled to completion with {@code async_status}; a polled
 * job that outlives {@code async} fails with Ansible's message; {@code mode: cleanup} forgets the job.
 */
class AsyncJobsTest extends LocalPlaybookRun {
    @Test
    void aFireAndForgetJobRunsOnWhileLaterTasksRunAndIsPolledToCompletion() throws Exception {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - shell: sleep 2; echo done > OUT/job.txt; echo finished
                      async: 30
                      poll: 0
                      register: job
                    - assert:
                        that:
                          - job is started
                          - job is not finished
                          - job is changed
                          - job.ansible_job_id is string
                          - job.results_file is string
                    - stat: {path: OUT/job.txt}
                      register: early
                    - assert: {that: [not early.stat.exists]}
                    - async_status: {jid: "{{ job.ansible_job_id }}"}
                      register: status
                      until: status is finished
                      retries: 30
                      delay: 0.5
                    - assert:
                        that:
                          - status.stdout == 'finished'
                          - status.rc == 0
                          - status is changed
                          - status.ansible_job_id == job.ansible_job_id
                    - async_status: {jid: "{{ job.ansible_job_id }}", mode: cleanup}
                      register: gone
                    - assert: {that: [gone.erased is string]}
                    - async_status: {jid: "{{ job.ansible_job_id }}"}
                      register: missing
                      ignore_errors: true
                    - assert: {that: [missing is failed, "missing.msg == 'could not find job'"]}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("done\n", read("job.txt"), run.toString());
        assertEquals("10 2 0 0 0 0 1", recap(run, "a"), run.toString());
    }

    @Test
    void aPolledJobThatOutlivesAsyncFailsAndIsKilledOnTheHost() throws Exception {
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  tasks:
                    - shell: sleep 3; touch OUT/early.txt; sleep 9; touch OUT/late.txt
                      async: 1
                      poll: 1
                      register: slow
                      ignore_errors: true
                    - assert:
                        that:
                          - slow is failed
                          - "slow.msg == 'async task did not complete within the requested time - 1s'"
                    - command: echo quick
                      async: 20
                      poll: 1
                      register: quick
                    - assert: {that: [quick is finished, "quick.stdout == 'quick'"]}
                    - pause: {seconds: 12}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        // As under Ansible, whose async_wrapper checks the limit every 5 s after a first 5: the job goes
        // on after the poll gave up at 1 s, and is killed at 10 s.
        assertTrue(Files.exists(dir.resolve("early.txt")), "the job was killed before async_wrapper's first check\n" + run);
        assertFalse(Files.exists(dir.resolve("late.txt")), "the job was not killed at async_wrapper's check\n" + run);
        assertTrue(run.out().contains("...ignoring"), run.toString());
    }
}
