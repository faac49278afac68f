package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.state.lock.LockName;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What drover leaves on the controller is the user's alone, and cannot be turned against them: under
 * umask 000 the state directory, journals, locks and log file are still 0700 / 0600 (they hold
 * extra variables and host output); a symbolic link planted where a lock goes is refused and what
 * it points at is left untouched; a link to a playbook takes that playbook's lock.
 */
class StateFilesSafetyTest extends LocalPlaybookRun {
    private static final String QUICK = """
            - hosts: a
              gather_facts: false
              tasks:
                - command: /bin/true
            """;

    @Test
    void underUmaskZeroEveryStateFileIsTheUsersAlone() throws Exception {
        Path pb = write("site.yml", QUICK);
        Path state = dir.resolve("state");
        Path log = dir.resolve("logs/drover.log");
        DroverProcess run = DroverProcess.startUnderUmask("000", dir, "run", Map.of(), "run", "-i", inventory.toString(),
                pb.toString(), "--state-dir", state.toString(), "--log-file", log.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("rwx------", mode(state));
        assertEquals("rwx------", mode(state.resolve("runs")));
        assertEquals("rwx------", mode(state.resolve("locks")));
        try (Stream<Path> all = Files.walk(state)) {
            for (Path p : all.toList()) {
                String mode = mode(p);
                assertTrue(Files.isDirectory(p) ? mode.equals("rwx------") : mode.equals("rw-------"), p + " is " + mode);
            }
        }
        assertEquals("rw-------", mode(log), "the log file carries host output");
    }

    @Test
    void anExistingStateDirectoryKeepsItsModeWhileWhatDroverKeepsThereIsPrivate() throws Exception {
        // A project's .drover may hold other things (the OpenSSH lab's files, which its login user must reach):
        // narrowing it to 0700 locked that user out. The runs and locks under it are the user's alone.
        Path pb = write("site.yml", QUICK);
        Path state = Files.createDirectory(dir.resolve("shared-state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRun run = CliRun.of("run", "-i", inventory.toString(), pb.toString(), "--state-dir", state.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("rwxr-xr-x", mode(state));
        assertEquals("rwx------", mode(state.resolve("runs")));
        assertEquals("rwx------", mode(state.resolve("locks")));
    }

    @Test
    void aSymlinkPlantedWhereTheLockGoesIsRefusedAndItsTargetIsUntouched() throws Exception {
        Path pb = write("site.yml", QUICK);
        Path state = dir.resolve("state");
        Path victim = dir.resolve("precious.txt");
        Files.writeString(victim, "do not overwrite me\n");
        Files.createDirectories(state.resolve("locks"));
        String lockName = LockName.forRun(pb, List.of(inventory.toAbsolutePath().toString()));
        Files.createSymbolicLink(state.resolve("locks").resolve(lockName), victim);

        CliRun run = CliRun.of("run", "-i", inventory.toString(), pb.toString(), "--state-dir", state.toString());
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("symbolic link"), run.toString());
        assertFalse(run.out().contains("PLAY ["), "no host was touched: " + run);
        assertEquals("do not overwrite me\n", Files.readString(victim));
    }

    @Test
    void aLinkToThePlaybookTakesThePlaybooksLock() throws Exception {
        Path pb = write("site.yml", QUICK);
        Path link = dir.resolve("link.yml");
        Files.createSymbolicLink(link, pb);
        List<String> sources = List.of(inventory.toAbsolutePath().toString());
        assertEquals(LockName.forRun(pb, sources), LockName.forRun(link, sources));
        Path invLink = dir.resolve("inventory-link.ini");
        Files.createSymbolicLink(invLink, inventory.toAbsolutePath());
        assertEquals(LockName.forRun(pb, sources), LockName.forRun(link, List.of(invLink.toString())));
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
