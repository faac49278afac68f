package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.journal.Journal;
import dev.drover.journal.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drover run} as a real process that the operator interrupts: Ctrl-C (SIGINT) lets the task
 * in flight finish, starts no other, writes the journal and the resume hint and exits 99; SIGKILL
 * loses at most the task in flight. Either way {@code --resume} finishes the run without repeating
 * a completed task, counted in the files the hosts append to, and {@code drover history} shows the
 * stopped run as interrupted (99) or, killed, as incomplete, and the resumed one as ended ok.
 */
class RunInterruptTest extends LocalPlaybookRun {
    static final String PLAYBOOK = """
            - hosts: web
              gather_facts: false
              serial: 1
              tasks:
                - shell: echo {{ inventory_hostname }} >> OUT/started
                - shell: touch OUT/in-flight-{{ inventory_hostname }}; sleep 3; echo {{ inventory_hostname }} >> OUT/slow
                - shell: echo {{ inventory_hostname }} >> OUT/after
            """;
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    /**
     * The CLI in a JVM of its own, on this test's class path; output goes to files. On the client
     * compiler, as the launcher starts it: C2 cost each of these short JVMs about 0.8 s of CPU.
     */
    private Process start(String name, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.drover.cli.Main"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        return new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    private void awaitFile(String name, Process p) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!Files.exists(dir.resolve(name))) {
            assertTrue(p.isAlive(), "drover exited before " + name + " appeared: " + output("run"));
            assertTrue(System.nanoTime() < end, name + " never appeared: " + output("run"));
            Thread.sleep(50);
        }
    }

    private int waitFor(Process p) throws Exception {
        assertTrue(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "drover did not exit");
        return p.exitValue();
    }

    private String output(String name) throws IOException {
        return "--- stdout\n" + Files.readString(dir.resolve(name + ".out")) + "--- stderr\n" + Files.readString(dir.resolve(name + ".err"));
    }

    private List<String> lines(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    /** {@code drover history}'s table for this test's state directory. */
    private String history() {
        CliRun h = CliRun.of("history", "--state-dir", dir.resolve("state").toString());
        assertEquals(ExitCodes.OK, h.exitCode(), h.toString());
        return h.out();
    }

    private String historyLine(String runId) {
        return history().lines().filter(l -> l.startsWith(runId)).findFirst().orElse("(no line for " + runId + ")");
    }

    private static void signal(String sig, Process p) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    /** SIGTERM (systemd, timeout, cron wrappers) gets the same orderly stop as Ctrl-C. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalLetsTheRunningTaskFinishStartsNoOtherAndTheRunResumes(String sig) throws Exception {
        Path pb = write("site.yml", PLAYBOOK);
        Path junit = dir.resolve("report.xml");
        Process p = start("run", "run", "-i", inventory.toString(), pb.toString(), "--junit-xml", junit.toString());
        awaitFile("in-flight-a", p);
        signal(sig, p);
        int code = waitFor(p);
        String out = output("run");
        assertEquals(ExitCodes.INTERRUPTED, code, out);
        assertEquals(List.of("a"), lines("slow"), "the task in flight finished");
        assertEquals(List.of(), lines("after"), "no task started after Ctrl-C");
        assertEquals(List.of("a"), lines("started"), "b's batch never started");
        assertTrue(out.contains(sig.equals("INT") ? "interrupted: no new task starts" : "terminated (SIGTERM): no new task starts"), out);
        String xml = Files.readString(junit);
        assertTrue(xml.contains("type=\"interrupted\""), "a CI server must read the interrupted run as failed: " + xml);
        assertTrue(xml.contains("name=\"[b] ") && xml.contains("<skipped message=\"not run"), "b never ran, and says so: " + xml);
        assertTrue(out.contains("PLAY RECAP"), out);
        Matcher hint = Pattern.compile("To resume: drover run --resume (\\S+)").matcher(out);
        assertTrue(hint.find(), out);
        Journal j = Journal.read(dir.resolve("state/runs").resolve(hint.group(1)).resolve(Journal.FILE_NAME));
        assertEquals("interrupted", j.end().orElseThrow().result());
        assertEquals(ExitCodes.INTERRUPTED, j.end().get().exitCode());
        assertEquals(List.of("b"), j.stops().get(0).neverStarted());
        assertTrue(historyLine(hint.group(1)).contains("interrupted (99)"), "history shows the stop: " + history());

        Process resumed = start("resume", "run", "--resume", hint.group(1));
        assertEquals(ExitCodes.OK, waitFor(resumed), output("resume"));
        assertTrue(historyLine(hint.group(1)).contains("interrupted (99)"), history());
        assertTrue(history().lines().filter(l -> l.contains("(0)")).count() == 1, "the resumed run ended ok: " + history());
        assertEquals(List.of("a", "b"), lines("started"));
        assertEquals(List.of("a", "b"), lines("slow"), "a's slow task is not run twice");
        assertEquals(List.of("a", "b"), lines("after"));
    }

    @Test
    void afterSigkillAResumeRunsNothingCompletedTwice() throws Exception {
        Path pb = write("site.yml", PLAYBOOK);
        Process p = start("run", "run", "-i", inventory.toString(), pb.toString(), "--junit-xml", dir.resolve("report.xml").toString());
        awaitFile("in-flight-a", p);
        signal("KILL", p);
        waitFor(p);
        String xml = Files.readString(dir.resolve("report.xml"));
        assertTrue(xml.contains("the run has not finished") && xml.contains("errors=\"1\""),
                "a killed run's report must not read as passed: " + xml);
        assertTrue(history().lines().anyMatch(l -> l.contains(RunSummary.INCOMPLETE)),
                "history must not show a killed run as finished: " + history());
        Process resumed = start("resume", "run", "--resume", "last");
        assertEquals(ExitCodes.OK, waitFor(resumed), output("resume"));
        assertTrue(history().lines().anyMatch(l -> l.contains(RunSummary.INCOMPLETE)), history());
        assertTrue(history().lines().filter(l -> l.contains("(0)")).count() == 1, "the resumed run ended ok: " + history());
        assertEquals(List.of("a", "b"), lines("started"), "a's first task completed before the kill: not run again");
        assertEquals(List.of("a", "b"), lines("after"));
        assertTrue(lines("slow").stream().filter("b"::equals).count() == 1, "slow: " + lines("slow"));
        assertTrue(output("resume").contains("done: [a] => changed in run"), output("resume"));
    }
}
