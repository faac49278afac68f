package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.BlackholeRelay;
import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection that drops while facts are gathered is regained as a task's would be, and
 * {@code setup} runs again on the new agent. Made deterministic by play 1, which records its
 * session's sshd and then pauses on the controller (the journal says when) while the test cuts the
 * connection: play 2 reuses play 1's agent, so its "Gathering Facts" meets the dead connection. A
 * host key changed meanwhile still refuses, and Ctrl-C ends the reconnect wait at once.
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
        kill9(sessionOnceIdle());
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

    @Test
    void aHostKeyChangedMeanwhileStillRefusesTheReconnect(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        Files.writeString(playbook, FACTS_PLAYBOOK);
        OpenSshLab.Node n = lab.node("node1");
        Path knownHosts = dir.resolve("known_hosts_swapped");
        Files.copy(lab.knownHosts(), knownHosts);
        CompletableFuture<CliRun> running = start(inventory(lab, n.address(), n.port(), knownHosts, ""));
        long session = sessionOnceIdle();
        // Another machine answers at node1's address from now on: known_hosts records a key it lacks.
        Path other = dir.resolve("other_host_key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString())
                .redirectErrorStream(true).start();
        keygen.getInputStream().readAllBytes();
        assertEquals(0, keygen.waitFor(), "ssh-keygen");
        String prefix = "[" + n.address() + "]:" + n.port() + " ";
        String otherKey = Files.readString(Path.of(other + ".pub")).strip().split(" ")[1];
        Files.write(knownHosts, Files.readAllLines(knownHosts).stream()
                .map(l -> l.startsWith(prefix) ? prefix + "ssh-ed25519 " + otherKey : l).toList());
        kill9(session);
        CliRun r = running.get(120, TimeUnit.SECONDS);
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.out().contains("node1: connection lost, reconnecting (attempt 1)..."), r.toString());
        assertTrue(r.out().contains("HOST KEY CHANGED"), r.toString());
        assertFalse(r.out().contains("reconnecting (attempt 2)"), "a changed key ends the reconnects\n" + r);
        assertFalse(r.out().contains("hostname is"), r.toString());
    }

    @Test
    void ctrlCWhileFactsWaitToReconnectEndsTheWaitAtOnce(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        Files.writeString(playbook, FACTS_PLAYBOOK);
        try (BlackholeRelay relay = new BlackholeRelay("127.0.0.41", lab.node("node1").socketAddress())) {
            // Ctrl-C's own wait for running tasks outlasts the test's bounds: only ending the reconnect wait ends the run in time.
            DroverProcess p = startProcess("interrupted", Map.of("JAVA_TOOL_OPTIONS", "-Ddrover.stopGraceSeconds=900"),
                    run(inventory(lab, relay.address(), relay.port(), knownHostsFor(lab, relay), "")));
            sessionOnceIdle();
            relay.blackhole(true); // keepalive declares play 1's connection dead; every reconnect times out
            awaitReconnecting(p);
            new ProcessBuilder("kill", "-INT", Long.toString(p.process.pid())).start().waitFor();
            int code = p.exitCode();
            String all = p.toString();
            assertEquals(ExitCodes.INTERRUPTED, code, all);
            assertTrue(all.contains("connection lost during 'Gathering Facts'; the run was interrupted while reconnecting"), all);
            assertTrue(journal(0).contains("\"run_end\""), "the journal is closed");
        }
    }

    /** The sshd of play 1's session, once play 1 no longer talks to the agent (its pause began). */
    private long sessionOnceIdle() throws Exception {
        long session = awaitPid("sshd.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!journal(0).contains("Wait while the test cuts it")) {
            assertTrue(System.nanoTime() < deadline, "the run never reached the pause");
            Thread.sleep(50);
        }
        return session;
    }
}
