package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code drover run --serve}: the run prints its page's URL, for the run it is, and goes on as without it. */
class RunServeTest extends LocalPlaybookRun {

    @Test
    void printsThePageOfTheRunItStarts() throws Exception {
        Path pb = write("site.yml", """
                - hosts: web
                  gather_facts: false
                  tasks:
                    - command: echo hello
                """);
        Path state = dir.resolve("state");
        CliRun r = CliRun.of("run", "-i", inventory.toString(), pb.toString(), "--state-dir", state.toString(), "--serve",
                "--serve-port", "0", "--color", "never");
        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("Watch this run: http://127\\.0\\.0\\.1:\\d+/runs/(\\S+)").matcher(r.err());
        assertTrue(m.find(), r.toString());
        assertEquals(Files.readString(state.resolve("runs/last")).strip(), m.group(1));
        assertTrue(r.out().contains("ok=1"), r.toString());
    }
}
