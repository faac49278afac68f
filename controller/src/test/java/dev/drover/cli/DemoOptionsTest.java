package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover demo}'s options: mistakes are refused with exit 4 before anything is set up. */
class DemoOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void anUnknownNodeIsRefusedNamingTheNodes() {
        CliRun r = CliRun.of("demo", "--fail", "node7");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("node1, node2, node3"), r.toString());
    }

    @Test
    void anUnknownFaultIsRefusedNamingTheFaults() {
        CliRun r = CliRun.of("demo", "--fail", "node2", "--fault", "meteor");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("content-integrity"), r.toString());
    }

    @Test
    void aDirectoryWithFilesIsNeverUsed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        CliRun r = CliRun.of("demo", "--dir", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertEquals("keep me", Files.readString(dir.resolve("notes.txt")));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing was written into it");
        }
    }
}
