package dev.drover.execute.rolling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling plays on four local hosts: which hosts a failure leaves untouched, in which order hosts
 * run, and how many run at once. Asserts on files the hosts write, the exit code and the recap.
 */
class RollingRunTest {
    @TempDir
    Path dir;
    Path inventory;

    @BeforeEach
    void inventory() throws IOException {
        inventory = write("hosts.ini", """
                [nodes]
                a ansible_connection=local
                b ansible_connection=local
                c ansible_connection=local
                d ansible_connection=local
                """);
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("OUT", dir.toString()));
        return f;
    }

    private CliRun run(String playbook, String... extra) throws IOException {
        Path pb = write("site.yml", playbook);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = "-i";
        args[2] = inventory.toString();
        args[3] = pb.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }

    private List<String> lines(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    @Test
    void aFailedHostInASerialPlayStopsItBeforeTheNextBatch() throws IOException {
        CliRun run = run("""
                - name: rolling
                  hosts: nodes
                  gather_facts: false
                  serial: 2
                  tasks:
                    - shell: echo {{ inventory_hostname }} >> OUT/started
                    - fail: {msg: broken}
                      when: inventory_hostname == 'b'
                    - shell: echo {{ inventory_hostname }} >> OUT/finished
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - shell: echo {{ inventory_hostname }} >> OUT/second-play
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals(List.of("a", "b"), lines("started").stream().sorted().toList(), "c and d never touched");
        assertEquals(List.of("a"), lines("finished"), "the batch's other host finishes its tasks");
        assertEquals(List.of(), lines("second-play"), "the run stops");
        assertTrue(run.out().contains("NO MORE HOSTS LEFT"), run.toString());
        assertTrue(run.out().contains("play 'rolling' stopped: b failed; a play with serial stops before the next batch"
                + " when a host fails (set max_fail_percentage to tolerate failures) in batch 1 of 2; never started: c, d"),
                run.toString());
        assertTrue(run.recap().contains("\nnever started: c, d\n"), run.toString());
        assertNull(run.recapLine("c"), "no counters for a host no task reached");
        assertEquals("ok=1 changed=1 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0", run.recapLine("b"));
    }

    @Test
    void maxFailPercentageLetsTheRollGoOnUpToThePercentage() throws IOException {
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  serial: 2
                  max_fail_percentage: 50
                  tasks:
                    - fail: {msg: broken}
                      when: inventory_hostname in ['a', 'c']
                    - shell: echo {{ inventory_hostname }} >> OUT/finished
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals(List.of("b", "d"), lines("finished"), "1 of 2 is not more than 50%");
        assertFalse(run.out().contains("never started"), run.toString());
    }

    @Test
    void maxFailPercentageExceededStopsTheBatchAtOnce() throws IOException {
        CliRun run = run("""
                - name: all at once
                  hosts: nodes
                  gather_facts: false
                  max_fail_percentage: 25
                  tasks:
                    - fail: {msg: broken}
                      when: inventory_hostname in ['a', 'b']
                    - shell: echo {{ inventory_hostname }} >> OUT/finished
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals(List.of(), lines("finished"), "2 of 4 is more than 25%: c and d stop too");
        assertTrue(run.out().contains("play 'all at once' stopped: a, b failed: 2 of 4 hosts of the batch, more than"
                + " max_fail_percentage 25%"), run.toString());
    }

    @Test
    void withoutSerialOneFailedHostLeavesAndTheOthersGoOn() throws IOException {
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - fail: {msg: broken}
                      when: inventory_hostname == 'a'
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - shell: echo {{ inventory_hostname }} >> OUT/second-play
                """);
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertEquals(List.of("b", "c", "d"), lines("second-play").stream().sorted().toList());
    }

    @Test
    void rankedHostsGoFirstThenTheOrderKeyword() throws IOException {
        inventory = write("hosts.ini", """
                [nodes]
                a ansible_connection=local
                b ansible_connection=local rank=2
                c ansible_connection=local
                d ansible_connection=local rank=1
                """);
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  serial: 1
                  order: reverse_sorted
                  tasks:
                    - shell: echo {{ inventory_hostname }} {{ ansible_play_batch | join(',') }} >> OUT/order
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("d d", "b b", "c c", "a a"), lines("order"));
    }

    @Test
    void aBadRankIsRefusedBeforeAnyHostRuns() throws IOException {
        inventory = write("hosts.ini", "[nodes]\na ansible_connection=local rank=first\n");
        CliRun run = run("- hosts: nodes\n  gather_facts: false\n  tasks: [{shell: touch OUT/ran}]\n");
        assertEquals(4, run.exitCode(), run.toString());
        assertTrue(run.err().contains("host a: rank 'first' is not an integer"), run.toString());
        assertFalse(Files.exists(dir.resolve("ran")));
    }

    @Test
    void endPlaySkipsTheLaterBatchesAndTheRunGoesOn() throws IOException {
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  serial: 1
                  tasks:
                    - shell: echo {{ inventory_hostname }} >> OUT/first
                    - meta: end_play
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - shell: echo {{ inventory_hostname }} >> OUT/second
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("a"), lines("first"));
        assertEquals(4, lines("second").size());
    }

    @Test
    void runOnceWithDelegateToRunsOncePerBatch() throws IOException {
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  serial: 3
                  tasks:
                    - shell: echo {{ inventory_hostname }} >> OUT/once
                      delegate_to: localhost
                      run_once: true
                      register: once
                    - copy: {dest: "OUT/{{ inventory_hostname }}", content: "{{ once.cmd }}"}
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(List.of("a", "d"), lines("once"), "batches [a, b, c] and [d]");
        assertTrue(Files.readString(dir.resolve("c")).contains("echo a"), "c got its batch's result");
        assertTrue(run.out().contains("changed: [a -> localhost]"), run.toString());
    }

    /**
     * Each host takes a lock directory for a while; a second host inside at the same time fails. The
     * first task starts every host's agent, so the hosts reach the lock together, not one JVM start apart.
     */
    private static final String EXCLUSIVE = "command: /bin/true\n    - shell: mkdir OUT/lock && sleep 0.5 && rmdir OUT/lock";

    @Test
    void throttleOneRunsTheTaskOnOneHostAtATime() throws IOException {
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - %s
                      throttle: 1
                    - shell: echo {{ inventory_hostname }} >> OUT/after
                """.formatted(EXCLUSIVE));
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals(4, lines("after").size());
    }

    @Test
    void withoutThrottleHostsRunTheTaskTogether() throws IOException {
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - %s
                """.formatted(EXCLUSIVE));
        // Proves the lock test above can fail: four hosts at once collide on the lock.
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
    }

    @Test
    void forksOneRunsHostsOneAtATime() throws IOException {
        CliRun run = run("""
                - hosts: nodes
                  gather_facts: false
                  tasks:
                    - %s
                """.formatted(EXCLUSIVE), "-f", "1");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
    }
}
