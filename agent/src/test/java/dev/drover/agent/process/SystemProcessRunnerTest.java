package dev.drover.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner.Completed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemProcessRunnerTest {
    private final SystemProcessRunner runner = new SystemProcessRunner();

    private Completed sh(String script) throws ModuleException {
        return runner.run(List.of("/bin/sh", "-c", script), null, Map.of(), null, 0);
    }

    @Test
    void capturesStdoutAndStderrSeparatelyWithTheExitCode() throws ModuleException {
        Completed done = sh("echo out; echo err >&2; exit 4");
        assertEquals("out\n", done.stdout);
        assertEquals("err\n", done.stderr);
        assertEquals(4, done.rc);
        assertFalse(done.timedOut);
        assertTrue(done.endMillis >= done.startMillis);
    }

    @Test
    void stdinIsEmptyUnlessBytesAreGiven() throws ModuleException {
        // If stdin were inherited, cat would read the test JVM's stdin (surefire's command channel).
        assertEquals("", runner.run(List.of("cat"), null, Map.of(), null, 0).stdout);
        byte[] input = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("line 1\nline 2\n", runner.run(List.of("cat"), null, Map.of(), input, 0).stdout);
    }

    @Test
    void largeStdinAndLargeOutputDoNotDeadlock() throws ModuleException {
        byte[] input = new byte[4 << 20];
        java.util.Arrays.fill(input, (byte) 'x');
        Completed done = runner.run(List.of("cat"), null, Map.of(), input, 0);
        assertEquals(input.length, done.stdout.length());
    }

    @Test
    void environmentAdditionsAndWorkingDirectoryApply(@TempDir Path dir) throws ModuleException, IOException {
        Completed done = runner.run(List.of("/bin/sh", "-c", "echo \"$DROVER_X\"; pwd -P; echo \"$PATH\""),
                dir.toString(), Map.of("DROVER_X", "added"), null, 0);
        List<String> lines = done.stdout.lines().toList();
        assertEquals("added", lines.get(0));
        assertEquals(dir.toRealPath().toString(), lines.get(1));
        assertEquals(System.getenv("PATH"), lines.get(2), "the agent's environment is kept");
    }

    @Test
    void outputBeyondTheLimitIsDrainedAndFlaggedAsTruncated() throws ModuleException {
        SystemProcessRunner small = new SystemProcessRunner(1000);
        // 1 MiB exceeds any pipe buffer: without draining, the child would block forever.
        Completed done = small.run(List.of("/bin/sh", "-c", "head -c 1048576 /dev/zero | tr '\\0' a; echo e >&2"),
                null, Map.of(), null, 0);
        assertEquals(0, done.rc);
        assertEquals("a".repeat(1000), done.stdout);
        assertTrue(done.stdoutTruncated);
        assertEquals("e\n", done.stderr);
        assertFalse(done.stderrTruncated);
    }

    @Test
    void invalidUtf8IsDecodedLeniently() throws ModuleException {
        assertEquals("a\uFFFDb", sh("printf 'a\\377b'").stdout);
    }

    @Test
    void programThatCannotStartNamesProgramAndReason() {
        ModuleException e = assertThrows(ModuleException.class,
                () -> runner.run(List.of("drover-no-such-program", "x"), null, Map.of(), null, 0));
        assertEquals("cannot run 'drover-no-such-program': No such file or directory", e.getMessage());
        assertEquals(2, e.fields().get("rc"), "errno, as Ansible reports it");
    }

    @Test
    void missingWorkingDirectoryIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("gone").toString();
        ModuleException e = assertThrows(ModuleException.class,
                () -> runner.run(List.of("true"), missing, Map.of(), null, 0));
        assertEquals("cannot run 'true': working directory '" + missing + "' does not exist", e.getMessage());
    }

    @Test
    void timeoutKillsTheProcessAndReportsRcMinusOne() throws ModuleException {
        Completed done = runner.run(List.of("/bin/sh", "-c", "echo started; exec sleep 60"), null, Map.of(), null, 300);
        assertTrue(done.timedOut);
        assertEquals(-1, done.rc);
        assertEquals("started\n", done.stdout, "output before the kill is kept");
    }

    @Test
    void timeoutKillsGrandchildrenThatHoldTheOutputPipe(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("sleep.pid");
        // The shell forks sleep (not exec: a command follows), so killing only the shell would leave
        // sleep holding stdout open for a minute.
        Completed done = runner.run(List.of("/bin/sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait; echo never"),
                null, Map.of(), null, 300);
        assertTrue(done.timedOut);
        assertEquals("", done.stdout);
        long sleepPid = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(eventuallyGone(sleepPid), "the grandchild sleep " + sleepPid + " must be killed too");
    }

    private static boolean eventuallyGone(long pid) throws Exception {
        for (int i = 0; i < 200; i++) {
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            if (!Files.exists(stat)) {
                return true;
            }
            String s = Files.readString(stat);
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                return true; // dead, waiting for a parent (init in a container may not reap it)
            }
            Thread.sleep(50);
        }
        return false;
    }
}
