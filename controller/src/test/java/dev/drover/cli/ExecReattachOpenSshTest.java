package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.BlackholeRelay;
import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code drover exec}'s command is a keyed step as a playbook task is: the long step of
 * {@link CutStepFixture} sent ad hoc survives the session's sshd being killed (reattached, run once,
 * output whole), and when the connection cannot be regained in time the operator is told the command
 * had started, its pid, that it may still run and where the host keeps its output and result.
 */
class ExecReattachOpenSshTest extends CutStepFixture {
    @Test
    void anAdHocCommandReattachesAfterTheSessionsSshdIsKilled(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        CompletableFuture<CliRun> running = startExec(inventory(lab, ""));
        kill9(awaitPid("sshd.pid"));
        Thread.sleep(2000);
        go();
        CliRun r = running.get(120, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("start\nend\n", counter(), "the command ran once, to its end");
        assertTrue(r.out().contains("node1: connection lost, reconnecting (attempt 1)..."), r.toString());
        assertTrue(r.out().contains("node1 | CHANGED | rc=0 >>\nline 1\nline 2\nline 3\nline 4\nline 5"),
                "the command's output is complete\n" + r);
    }

    @Test
    void aWindowThatClosesSaysTheCommandStartedWithItsPidAndWhereItsResultWaits(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        try (BlackholeRelay relay = new BlackholeRelay("127.0.0.41", lab.node("node1").socketAddress())) {
            CompletableFuture<CliRun> running = startExec(inventory(lab, relay.address(), relay.port(),
                    knownHostsFor(lab, relay), "drover_step_grace=8\n"));
            awaitPid("sshd.pid");
            Thread.sleep(500); // the agent's claimed frames are on their way before the path goes
            relay.blackhole(true);
            CliRun r = running.get(120, TimeUnit.SECONDS);
            assertEquals(3, r.exitCode(), r.toString());
            assertTrue(r.out().contains("node1 | UNREACHABLE!"), r.toString());
            var pid = Pattern.compile("It had started on the host \\(pid (\\d+)\\) and may still be running there")
                    .matcher(r.out());
            assertTrue(pid.find(), r.toString());
            long agent = awaitPid("agent.pid");
            String stat = Files.readString(java.nio.file.Path.of("/proc", pid.group(1), "stat"));
            assertEquals(Long.toString(agent), stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1],
                    "the pid named is the command's, a child of the agent, and it still runs");
            assertTrue(r.out().contains("~/.cache/drover/steps/") && r.out().contains("drover exec cannot collect it"),
                    r.toString());
            go();
            relay.blackhole(false);
        }
    }
}
