package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.testing.BlackholeRelay;
import dev.drover.testing.OpenSshLab;
import dev.drover.testing.PrivateSshd;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code drover run --resume} right after each way a connection is cut mid-step
 * ({@link ReattachOverOpenSshTest} has the cuts themselves): the run is ended during the cut, the
 * step still runs on the host, and the resumed run must wait for it rather than start it again,
 * then take its end: neither lost nor run twice. And Ctrl-C while the run waits to reconnect ends
 * the wait at once, with the journal closed and the resume hint.
 */
class ResumeAfterCutOpenSshTest extends CutStepFixture {
    @Test
    void resumeAfterTheSessionsSshdWasKilledWaitsForTheStep(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        DroverProcess p = startProcess("cut", Map.of(), run(inventory(lab, "")));
        kill9(awaitPid("sshd.pid"));
        killController(p);
        resumeWhileTheStepRuns();
    }

    @Test
    void resumeAfterSshdWasRestartedWaitsForTheStep(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        DroverProcess p = startProcess("cut", Map.of(), run(inventory(lab, "")));
        long session = awaitPid("sshd.pid");
        kill9(Long.parseLong(Files.readString(lab.dir().resolve("node1/sshd.pid")).strip()));
        kill9(session);
        killController(p);
        restartSshd(lab);
        resumeWhileTheStepRuns();
    }

    @Test
    void resumeAfterThePathWasBlackholedWaitsForTheStep(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        try (BlackholeRelay relay = new BlackholeRelay("127.0.0.41", lab.node("node1").socketAddress())) {
            DroverProcess p = startProcess("cut", Map.of(),
                    run(inventory(lab, relay.address(), relay.port(), knownHostsFor(lab, relay), "")));
            awaitPid("sshd.pid");
            relay.blackhole(true);
            killController(p);
            // The cut outlasts the killed controller: its end (FIN) and whatever it sent last reach the
            // host only now, as TCP's retransmissions would deliver them. The length adds nothing more:
            // no sshd or agent timer runs meanwhile (the lab's sshd has no ClientAliveInterval).
            Thread.sleep(2000);
            relay.blackhole(false);
            resumeWhileTheStepRuns();
        }
    }

    @Test
    void resumeAfterAPauseThatSshdDroppedWaitsForTheStep(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        try (PrivateSshd sshd = impatientSshd(lab)) {
            DroverProcess p = startThrough(lab, sshd, "cut");
            pauseUntilSshdDropsTheSession(p, awaitPid("sshd.pid"));
            killController(p); // SIGKILL ends a stopped process too
            resumeWhileTheStepRuns();
        }
    }

    /**
     * The killed run's journal says the host claimed the step ({@code step_claimed}); its spool is
     * gone by the time of the resume (the host's 7-day cleanup after a late resume, or a cleared
     * {@code ~/.cache/drover}). The resumed run must not take that for a step that never started.
     */
    @Test
    void resumeAfterTheSpoolWasRemovedNeverStartsAClaimedStepAgain(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        DroverProcess p = startProcess("cut", Map.of(), run(inventory(lab, "")));
        awaitPid("sshd.pid");
        killController(p);
        go();
        java.nio.file.Path spool = awaitSpooledResult();
        assertTrue(journal(0).contains("\"step_claimed\""), "the killed run journaled the claim");
        try (var files = Files.walk(spool)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        CliRun resumed = CliRun.of("run", "--resume", "last", "--state-dir", dir.resolve("state").toString());
        assertEquals("start\nend\n", counter(), "not started a second time\n" + resumed);
        assertEquals(ExitCodes.HOST_FAILED, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("no record of it") && resumed.out().contains("will not start it again"),
                resumed.toString());
    }

    @Test
    void ctrlCWhileReconnectingEndsTheWaitAtOnceAndResumeFinishesTheStep(OpenSshLab.Lab lab) throws Exception {
        workDir(lab);
        try (BlackholeRelay relay = new BlackholeRelay("127.0.0.41", lab.node("node1").socketAddress())) {
            // Ctrl-C's own wait for running tasks outlasts the test's bounds: only ending the reconnect wait ends the run in time.
            DroverProcess p = startProcess("interrupted", Map.of("JAVA_TOOL_OPTIONS", "-Ddrover.stopGraceSeconds=900"),
                    run(inventory(lab, relay.address(), relay.port(), knownHostsFor(lab, relay), "")));
            awaitPid("sshd.pid");
            relay.blackhole(true);
            awaitReconnecting(p);
            new ProcessBuilder("kill", "-INT", Long.toString(p.process.pid())).start().waitFor();
            int code = p.exitCode();
            String all = p.toString();
            assertEquals(ExitCodes.INTERRUPTED, code, all);
            assertTrue(all.contains("the run was interrupted while reconnecting") && !all.contains("stopping now"), all);
            Matcher hint = Pattern.compile("To resume: drover run --resume (\\S+)").matcher(all);
            assertTrue(hint.find(), all);
            assertTrue(journal(0).contains("\"run_end\""), "the journal is closed");
            relay.blackhole(false);
            resumeWhileTheStepRuns();
        }
    }
}
