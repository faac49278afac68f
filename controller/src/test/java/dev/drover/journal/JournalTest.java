package dev.drover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.execute.HostStatus;
import dev.drover.execute.play.PlayListener;
import dev.drover.playbook.SourcePos;
import dev.drover.secret.Secret;
import dev.drover.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal written by {@link JournalWriter} and read back by {@link Journal}: what is kept, what never is. */
class JournalTest {
    @TempDir
    Path dir;

    private Runs runs() {
        return new Runs(new StateDir(dir.resolve("state")));
    }

    private JournalWriter open(Runs runs, Map<String, Object> extraVars) throws IOException {
        Path file = runs.create(Instant.parse("2026-11-28T17:52:04Z"));
        Map.Entry<Map<String, Object>, List<String>> vars = RunStart.splitSecrets(extraVars, java.util.Set.of("version"));
        RunStart start = new RunStart(file.getParent().getFileName().toString(), dir.resolve("site.yml"), Map.of(),
                List.of(), vars.getKey(), vars.getValue(), "node*", List.of("deploy"), List.of(), false, false, 42,
                Instant.parse("2026-11-28T17:52:04Z"), null);
        return JournalWriter.open(file, start, Clock.systemUTC());
    }

    private static PlayListener.TaskStart task(Path dir, int line) {
        return new PlayListener.TaskStart("Start", PlayListener.Kind.TASK, "shell", new SourcePos(dir.resolve("site.yml"), line, 7),
                List.of("n1"));
    }

    @Test
    void aRunReadsBackAsItHappened() throws Exception {
        Runs runs = runs();
        Path file;
        try (JournalWriter w = open(runs, Map.of("version", "5.2", "db_password", "hunter2", "dbpw", "xyzzy42"))) {
            file = w.file();
            w.playStart("roll", List.of("n1", "n2"));
            w.taskStart(task(dir, 12));
            w.hostResult(new PlayListener.TaskResult("n1", Optional.empty(), "shell", HostStatus.CHANGED,
                    Map.of("changed", true, "stdout", "done", "invocation", Map.of("module_args", Map.of("x", 1))),
                    false, false, false));
            w.hostResult(new PlayListener.TaskResult("n2", Optional.empty(), "shell", HostStatus.FAILED,
                    Map.of("failed", true, "msg", "boom", "token", Secret.of("s3cret")), false, false, false));
            w.playStopped(new PlayListener.PlayStop("roll", "n2 failed", List.of("n3")));
            w.playEnd("roll", List.of("n2"));
            w.end("failed", 2);
        }
        assertTrue(RunId.isRunId(file.getParent().getFileName().toString()), file.toString());
        assertTrue(file.getParent().getFileName().toString().startsWith("20261128-175204-"));
        assertEquals(file, runs.journal("last"), "'last' points at the newest run");

        String text = Files.readString(file);
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("xyzzy42"), "a name that does not look secret is masked too unless marked safe: " + text);
        assertFalse(text.contains("s3cret"), text);
        assertFalse(text.contains("module_args"), "invocations are not kept: " + text);

        Journal j = Journal.read(file);
        assertEquals(Map.of("version", "5.2"), j.start().extraVars());
        assertEquals(java.util.Set.of("db_password", "dbpw"), java.util.Set.copyOf(j.start().maskedVars()));
        assertEquals("node*", j.start().limit());
        assertEquals(2, j.tasks().size());
        Journal.TaskLine n1 = j.tasks().get(0);
        assertEquals("site.yml:12:7", n1.where());
        assertEquals(HostStatus.CHANGED, n1.status());
        assertEquals("done", n1.result().get("stdout"));
        assertEquals(Optional.of("boom"), j.tasks().get(1).message());
        assertEquals(List.of("n2"), j.playEnds().get(0));
        assertEquals(List.of("n3"), j.stops().get(0).neverStarted());
        assertEquals("failed", j.end().orElseThrow().result());
        assertEquals(2, j.end().get().exitCode());
    }

    @Test
    void noLogKeepsTheStatusOnly() throws IOException {
        Path file;
        try (JournalWriter w = open(runs(), Map.of())) {
            file = w.file();
            w.playStart("p", List.of("n1"));
            w.taskStart(task(dir, 3));
            w.hostResult(new PlayListener.TaskResult("n1", Optional.empty(), "shell", HostStatus.CHANGED,
                    Map.of("changed", true, "stdout", "the-password-is-x"), false, true, false));
        }
        assertFalse(Files.readString(file).contains("the-password-is-x"));
        Journal.TaskLine t = Journal.read(file).tasks().get(0);
        assertTrue(t.noLog());
        assertNull(t.result());
        assertEquals(HostStatus.CHANGED, t.status());
    }

    @Test
    void aLastLineCutByAKillIsIgnoredAndTheRunIsIncomplete() throws IOException {
        Path file;
        try (JournalWriter w = open(runs(), Map.of())) {
            file = w.file();
            w.playStart("p", List.of("n1"));
            w.taskStart(task(dir, 3));
            w.hostResult(new PlayListener.TaskResult("n1", Optional.empty(), "shell", HostStatus.OK, Map.of(), false, false, false));
        }
        Files.writeString(file, "{\"event\":\"task\",\"pla", java.nio.file.StandardOpenOption.APPEND);
        Journal j = Journal.read(file);
        assertTrue(j.truncated());
        assertEquals(1, j.tasks().size());
        assertTrue(j.end().isEmpty());
        assertEquals(RunSummary.INCOMPLETE, RunSummary.of(j).result());
    }

    @Test
    void anUnknownRunNamesTheStateDirectoryAndTheNewestRuns() throws IOException {
        Runs runs = runs();
        assertTrue(assertThrows(Runs.NoSuchRunException.class, () -> runs.journal("last")).getMessage()
                .contains("no runs recorded in " + dir.resolve("state/runs")));
        try (JournalWriter w = open(runs, Map.of())) {
            String id = w.runId();
            String msg = assertThrows(Runs.NoSuchRunException.class, () -> runs.journal("20200101-000000-0000")).getMessage();
            assertTrue(msg.contains("newest runs: " + id), msg);
        }
    }

    /**
     * A claim stays open until a result closes it, across the resume chain read oldest first: a step
     * a resumed run finished is not attached to again, one it claimed again after an earlier result is.
     */
    @Test
    void stepClaimsAreClosedByTheirResultAcrossTheChainInOrder() throws IOException {
        Path first = dir.resolve("first.jsonl");
        Files.writeString(first, """
                {"event":"step_claimed","host":"a","task":"t","step":"r/k1"}
                {"event":"step_claimed","host":"a","task":"t","step":"r/k2"}
                {"event":"step_done","host":"a","task":"t","step":"r/k2"}
                {"event":"step_claimed","host":"a","task":"t","step":"r/k3"}
                {"event":"step_done","host":"a","task":"t","step":"r/k3"}
                """);
        Path second = dir.resolve("second.jsonl");
        Files.writeString(second, """
                {"event":"step_done","host":"a","task":"t","step":"r/k1"}
                {"event":"step_claimed","host":"a","task":"t","step":"r/k3"}
                {"event":"step_claimed","host":"a","task":"t","step":"r/k4"
                """);
        java.util.Set<String> open = new java.util.LinkedHashSet<>();
        Journal.applyStepLines(first, open);
        Journal.applyStepLines(second, open);
        assertEquals(java.util.Set.of("r/k3"), open, "k1 finished by the resumed run, k2 done, k3 claimed again, k4 cut");
    }
}
