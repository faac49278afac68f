package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The overlap lock with real processes: a second run of the same playbook and inventory exits 6 at
 * once naming the holder; a holder killed with SIGKILL leaves a stale lock the next run takes over.
 */
class RunLockTest extends LocalPlaybookRun {
    private static final String SLOW = """
            - hosts: a
              gather_facts: false
              tasks:
                - command: sleep {{ secs | default(60) }}
            """;

    private Map<String, String> env() {
        return Map.of("DROVER_STATE_DIR", dir.resolve("state").toString());
    }

    @Test
    void aSecondRunExitsSixNamingTheHolderAndASigkilledHoldersLockIsTakenOver() throws Exception {
        Path pb = write("slow.yml", SLOW);
        DroverProcess first = DroverProcess.start(dir, "first", env(), "run", "-i", inventory.toString(), pb.toString());
        List<ProcessHandle> children = List.of();
        try {
            Path lockFile = awaitHeldLock(first);
            assertTrue(Files.readString(lockFile).contains("pid=" + first.process.pid()), Files.readString(lockFile));

            // The same playbook and inventory, named differently (relative paths): the same lock.
            DroverProcess second = DroverProcess.start(dir, "second", env(), "run", "-i", "hosts.ini", "slow.yml", "-e", "secs=0");
            assertEquals(ExitCodes.LOCKED, second.exitCode(), second.toString());
            assertTrue(second.err().contains("another run holds the lock"), second.toString());
            assertTrue(second.err().contains("pid " + first.process.pid()), second.toString());
            assertTrue(second.err().matches("(?s).*started \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d.*"), second.toString());
            assertFalse(second.out().contains("PLAY ["), "the refused run touched no host: " + second);
            assertTrue(first.process.isAlive(), "the refused run left the holder alone");

            // A symbolic link to the same playbook is the same playbook: the same lock.
            Files.createSymbolicLink(dir.resolve("link.yml"), pb);
            DroverProcess viaLink = DroverProcess.start(dir, "via-link", env(), "run", "-i", "hosts.ini", "link.yml", "-e", "secs=0");
            assertEquals(ExitCodes.LOCKED, viaLink.exitCode(), viaLink.toString());

            children = first.process.descendants().toList();
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no release
            first.process.waitFor();
        } finally {
            first.process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }

        DroverProcess third = DroverProcess.start(dir, "third", env(), "run", "-i", inventory.toString(), pb.toString(), "-e", "secs=0");
        assertEquals(ExitCodes.OK, third.exitCode(), third.toString());
        assertTrue(third.err().contains("took over a stale lock from pid " + first.process.pid()), third.toString());
    }

    @Test
    void lockNameSerializesDifferentPlaybooksAndAnEndedRunReleasesIt() throws Exception {
        Path slow = write("slow.yml", SLOW);
        Path quick = write("quick.yml", SLOW);
        DroverProcess holder = DroverProcess.start(dir, "holder", env(), "run", "-i", inventory.toString(), slow.toString(),
                "--lock", "acs-prod");
        try {
            Path lockFile = awaitHeldLock(holder);
            assertEquals("acs-prod.lock", lockFile.getFileName().toString());
            DroverProcess other = DroverProcess.start(dir, "other", env(), "run", "-i", inventory.toString(), quick.toString(),
                    "--lock", "acs-prod", "-e", "secs=0");
            assertEquals(ExitCodes.LOCKED, other.exitCode(), other.toString());
            assertTrue(other.err().contains(slow.toString()), "names the holder's playbook: " + other);
        } finally {
            holder.process.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.process.destroy();
            holder.process.waitFor();
        }
        // In one JVM: after a clean run the lock is free and empty, so the next run says nothing about it.
        CliRun a = CliRun.of("run", "-i", inventory.toString(), quick.toString(), "--lock", "acs-prod", "-e", "secs=0",
                "--state-dir", dir.resolve("state2").toString());
        CliRun b = CliRun.of("run", "-i", inventory.toString(), quick.toString(), "--lock", "acs-prod", "-e", "secs=0",
                "--state-dir", dir.resolve("state2").toString());
        assertEquals(ExitCodes.OK, a.exitCode(), a.toString());
        assertEquals(ExitCodes.OK, b.exitCode(), b.toString());
        assertFalse(b.err().contains("stale"), b.toString());
        assertEquals("", Files.readString(dir.resolve("state2/locks/acs-prod.lock")));
    }

    @Test
    void aBadLockNameIsBadInput() throws IOException {
        CliRun run = run("- hosts: a\n  tasks: []\n", "--lock", "../escape");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--lock: lock name '../escape'"), run.toString());
    }

    /** Waits until the run has written its details into a lock file, and returns that file. */
    private Path awaitHeldLock(DroverProcess holder) throws Exception {
        Path locks = dir.resolve("state/locks");
        for (int i = 0; i < 1200; i++) {
            if (Files.isDirectory(locks)) {
                try (var files = Files.list(locks)) {
                    for (Path f : files.toList()) {
                        if (Files.readString(f).contains("pid=")) {
                            return f;
                        }
                    }
                }
            }
            if (!holder.process.isAlive()) {
                throw new AssertionError("the holder exited early: " + holder);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no lock was taken within 60 s: " + holder);
    }
}
