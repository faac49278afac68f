package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection that drops while facts are gathered is regained as a task's would be, and
 * {@code setup} runs again on the new agent. Made deterministic by play 1, which records its
 * session's sshd and then pauses on the controller (the journal says when) while the test kills
 * that sshd: play 2 reuses
 * play 1's agent, so its "Gathering Facts" meets the dead connection.
 */
class FactsReconnectOpenSshTest extends CutStepFixture {
    static final String FACTS_PLAYBOOK = """
            - hosts: nodes
              gather_facts: false
              tasks:
                - name: Record the session
                  shell: |
                    p=$$; while [ "$p" -gt 1 ]; do case "$(cat /proc/$p/comm)" in sshd*) echo $p > {{ work }}/sshd.pid; break;; esac; p=$(awk '{print $4}' /proc/$p/stat); done
                - name: Wait while the test cuts it
                  pause:
                    seconds: 4
            - hosts: nodes
              gather_facts: true
              tasks:
                - name: Facts
                  debug:
                    msg: "hostname is {{ ansible_hostname }}"
            """;

    @Test
    void aConnectionLostDuringFactGatheringReconnectsAndGathersAgain(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        Files.writeString(playbook, FACTS_PLAYBOOK);
        CompletableFuture<CliRun> running = start(inventory(lab, ""));
        long session = awaitPid("sshd.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!journal(0).contains("Wait while the test cuts it")) { // play 1's agent call is over
            assertTrue(System.nanoTime() < deadline, "the run never reached the pause");
            Thread.sleep(50);
        }
        kill9(session);
        CliRun r = running.get(120, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        String hostname = lab.ssh(lab.node("node1"), "uname -n | cut -d. -f1").stdout().strip();
        assertTrue(r.out().contains("hostname is " + hostname), "facts were gathered on the new connection\n" + r);
        assertTrue(r.out().contains("node1: connection lost, reconnecting (attempt 1)..."), r.toString());
        assertTrue(r.out().contains("node1: reconnected, gathering facts again"), r.toString());
        String journal = journal(0);
        assertTrue(journal.contains("\"connection_lost\"") && journal.contains("\"reattached\"")
                && journal.contains("Gathering Facts"), journal);
    }
}
