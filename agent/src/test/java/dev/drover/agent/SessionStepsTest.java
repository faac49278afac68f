package dev.drover.agent;

import static dev.drover.agent.Wire.controllerHello;
import static dev.drover.agent.Wire.frames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.modules.BuiltinModules;
import dev.drover.agent.process.SystemProcessRunner;
import dev.drover.protocol.Messages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed steps through the real session, module and process runner, with the spool in a temp
 * directory: a step sent twice runs once, a step whose controller vanished finishes and is answered
 * from the spool, a step whose owner died is reported with its process, and grace that runs out
 * stops the step. Each step appends to a counter file, which is what "at most once" means on a host.
 */
class SessionStepsTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private List<Map<String, Object>> session(Map<?, ?>... messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Session(new ByteArrayInputStream(frames(messages)), out, new PrintStream(log, true, StandardCharsets.UTF_8),
                BuiltinModules.registry(), new SystemProcessRunner(), "test", dir.resolve("steps")).run();
        return Wire.agentOutput(out.toByteArray());
    }

    private Map<String, Object> step(long id, String shell, String key, long grace) {
        return Messages.run(id, "shell", Map.of("_raw_params", shell), false, false, key, grace);
    }

    private String counter() throws IOException {
        Path f = dir.resolve("counter");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Test
    void aStepSentAgainIsAnsweredFromTheSpoolNotRunAgain() throws IOException {
        String cmd = "echo ran >> " + dir.resolve("counter") + "; echo hello";
        Map<String, Object> first = Wire.result(session(controllerHello(), step(1, cmd, "run1/t1", 60),
                Messages.shutdown()).get(1));
        Map<String, Object> again = Wire.result(session(controllerHello(), step(1, cmd, "run1/t1", 60),
                Messages.shutdown()).get(1));
        assertEquals("hello", first.get("stdout"));
        assertEquals("hello", again.get("stdout"));
        assertEquals(true, again.get("_drover_replayed"));
        assertEquals("ran\n", counter(), "the command ran once");
    }

    @Test
    void aStepWhoseControllerVanishedFinishesAndItsResultWaitsOnTheHost() throws IOException {
        // The input ends right after the run frame: the controller is gone while the step sleeps.
        String cmd = "sleep 1; echo ran >> " + dir.resolve("counter") + "; echo done";
        List<Map<String, Object>> lost = session(controllerHello(), step(1, cmd, "run2/t1", 60));
        assertEquals("ran\n", counter(), "the step was kept alive past end of stream");
        Map<String, Object> replay = Wire.result(session(controllerHello(), step(7, cmd, "run2/t1", 60)).get(1));
        assertEquals(7L, ((Number) session(controllerHello(), step(7, cmd, "run2/t1", 60)).get(1).get("id")).longValue());
        assertEquals("done", replay.get("stdout"));
        assertEquals(0, ((Number) replay.get("rc")).intValue());
        assertEquals("ran\n", counter(), "never run twice");
        assertTrue(lost.size() >= 1);
    }

    @Test
    void forgetRemovesAFinishedSpoolSoTheKeyRunsAgain() throws IOException {
        String cmd = "echo ran >> " + dir.resolve("counter");
        session(controllerHello(), step(1, cmd, "run3/t1", 60), Messages.forget("run3/t1"), Messages.shutdown());
        try (Stream<Path> spools = Files.list(dir.resolve("steps"))) {
            assertEquals(0, spools.count());
        }
        session(controllerHello(), step(1, cmd, "run3/t1", 60), Messages.shutdown());
        assertEquals("ran\nran\n", counter());
    }

    @Test
    void graceRunningOutStopsTheStepAndRecordsIt() throws IOException {
        long t0 = System.nanoTime();
        session(controllerHello(), step(1, "echo started; sleep 60; echo ran >> " + dir.resolve("counter"), "run4/t1", 1));
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "the step was stopped, not waited for");
        assertEquals("", counter());
        Map<String, Object> replay = Wire.result(session(controllerHello(), step(1, "true", "run4/t1", 1)).get(1));
        assertEquals(true, replay.get("failed"));
        assertEquals("started", replay.get("stdout"));
    }

    @Test
    void aStepWhoseAgentDiedIsReportedWithItsProcessAndNeverStartedAgain() throws Exception {
        // The spool as a killed agent leaves it: claim by a dead pid, the step's process still running.
        Process orphan = new ProcessBuilder("sleep", "60").start();
        try {
            String key = "run5/t1";
            Path spool = dir.resolve("steps").resolve(dev.drover.agent.step.StepSpool.of(dir.resolve("steps"), key)
                    .dir().getFileName());
            Files.createDirectories(spool);
            Files.writeString(spool.resolve("claim"), "agent_pid=999999999\nagent_start=1\nstep=" + key
                    + "\nmodule=shell\nstarted=0\n");
            String start = Files.readString(Path.of("/proc", Long.toString(orphan.pid()), "stat"));
            String[] f = start.substring(start.lastIndexOf(')') + 2).split(" ");
            Files.writeString(spool.resolve("pid"), orphan.pid() + " " + f[19] + "\n");
            Files.writeString(spool.resolve("output"), "line 1\nschema upgrade 40%\n");
            Map<String, Object> r = Wire.result(session(controllerHello(),
                    step(1, "echo ran >> " + dir.resolve("counter"), key, 60), Messages.shutdown()).get(1));
            assertEquals(true, r.get("failed"));
            assertEquals(orphan.pid(), ((Number) r.get("step_pid")).longValue());
            assertEquals(true, r.get("step_alive"));
            String msg = (String) r.get("msg");
            assertTrue(msg.contains("STILL RUNNING") && msg.contains("schema upgrade 40%") && msg.contains("will not start it again"), msg);
            assertEquals("", counter(), "never started a second copy");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aQuickCommandIsAnsweredByItsResultAloneWithoutAClaimFrame() throws IOException {
        long usual = ClaimAck.delayMillis;
        ClaimAck.delayMillis = 60_000; // however loaded the machine, the command finishes first
        List<Map<String, Object>> out;
        try {
            out = session(controllerHello(),
                    Messages.run(4, "shell", Map.of("_raw_params", "echo ran >> " + dir.resolve("counter")), false, false,
                            "run6/t1", 60, false), Messages.shutdown());
        } finally {
            ClaimAck.delayMillis = usual;
        }
        assertEquals(List.of("hello", "result", "bye"), out.stream().map(m -> m.get("type")).toList(),
                "one frame for a step that finished before its acknowledgement was due: " + out);
        assertEquals(0, ((Number) Wire.result(out.get(1)).get("rc")).intValue(), out.toString());
        assertEquals("ran\n", counter());
    }

    @Test
    void aCommandStillRunningIsAcknowledgedOnceWithItsProcess() throws IOException {
        long usual = ClaimAck.delayMillis;
        ClaimAck.delayMillis = 1500; // the process has started by then, even on a loaded machine
        List<Map<String, Object>> out;
        try {
            out = session(controllerHello(),
                    Messages.run(4, "shell", Map.of("_raw_params", "sleep 4; echo ran >> " + dir.resolve("counter")), false,
                            false, "run6/t4", 60, false), Messages.shutdown());
        } finally {
            ClaimAck.delayMillis = usual;
        }
        assertEquals(List.of("hello", "claimed", "result", "bye"), out.stream().map(m -> m.get("type")).toList(), out.toString());
        assertEquals(4L, ((Number) out.get(1).get("id")).longValue());
        assertEquals("run6/t4", out.get(1).get("step"));
        assertTrue(((Number) out.get(1).get("pid")).longValue() > 0, "one frame, naming the step's process: " + out);
        assertEquals(0, ((Number) Wire.result(out.get(2)).get("rc")).intValue(), "then the result: " + out);
        assertEquals("ran\n", counter());
    }

    @Test
    void aStepWithoutAProcessIsAcknowledgedOnItsOwnWhileItRunsAndNeverAfterItsResult() throws IOException {
        // wait_for with only a timeout sleeps in the agent, starting no process.
        List<Map<String, Object>> out = session(controllerHello(),
                Messages.run(5, "wait_for", Map.of("timeout", 2), false, false, "run6/t2", 60, false),
                Messages.run(6, "ping", Map.of(), false, false, "run6/t3", 60, false), Messages.shutdown());
        assertEquals(Messages.CLAIMED, out.get(1).get("type"), "a step still running is acknowledged: " + out);
        assertEquals(5L, ((Number) out.get(1).get("id")).longValue());
        assertFalse(out.get(1).containsKey("pid"), out.toString());
        assertEquals(Messages.RESULT, out.get(2).get("type"), out.toString());
        assertEquals(5L, ((Number) out.get(2).get("id")).longValue());
        List<Map<String, Object>> rest = out.subList(3, out.size());
        int result = rest.indexOf(rest.stream().filter(m -> Messages.RESULT.equals(m.get("type"))).findFirst().orElseThrow());
        assertEquals("pong", Wire.result(rest.get(result)).get("ping"));
        assertEquals(List.of("bye"), rest.subList(result + 1, rest.size()).stream().map(m -> m.get("type")).toList(),
                "nothing claimed after a step's result: " + out);
    }

    @Test
    void aStepSentToAttachWhoseSpoolIsGoneIsNeverStarted() throws IOException {
        Map<String, Object> r = Wire.result(session(controllerHello(),
                Messages.run(1, "shell", Map.of("_raw_params", "echo ran >> " + dir.resolve("counter")), false, false,
                        "run7/t1", 60, true), Messages.shutdown()).get(1));
        assertEquals(true, r.get("failed"));
        assertEquals(true, r.get("step_unknown"));
        String msg = (String) r.get("msg");
        assertTrue(msg.contains("no record of it") && msg.contains("will not start it again"), msg);
        assertEquals("", counter(), "an attach never starts the step");
    }

    @Test
    void anAgentNeverStartsAKeyTwiceEvenWhenItsSpoolWasRemovedUnderIt() throws IOException {
        String key = "run8/t1";
        Path spool = dev.drover.agent.step.StepSpool.of(dir.resolve("steps"), key).dir();
        String cmd = "echo ran >> " + dir.resolve("counter");
        List<Map<String, Object>> out = session(controllerHello(), step(1, cmd, key, 60),
                Messages.run(2, "shell", Map.of("_raw_params", "rm -rf " + spool), false, false),
                step(3, cmd, key, 60), Messages.shutdown());
        Map<String, Object> again = Wire.result(out.get(out.size() - 2));
        assertEquals(true, again.get("step_unknown"), again.toString());
        assertEquals("ran\n", counter(), "started once");
    }

    @Test
    void anUnkeyedRunIsNotSpooled() throws IOException {
        session(controllerHello(), Messages.run(1, "ping", Map.of(), false, false), Messages.shutdown());
        assertFalse(Files.exists(dir.resolve("steps")), "no spool for a request without a step");
    }
}
