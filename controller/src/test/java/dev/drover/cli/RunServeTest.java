package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    @Test
    void thePageIsServedByAProcessBesideTheRunThatEndsWithIt() throws Exception {
        // Answering pages in the run's own JVM cost the run measurable work (docs/serve.md): the server is a child.
        Path pb = write("site.yml", """
                - hosts: web
                  gather_facts: false
                  tasks:
                    - command: sleep 4
                """);
        Path state = dir.resolve("state");
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", "-i", inventory.toString(),
                pb.toString(), "--state-dir", state.toString(), "--serve", "--serve-port", "0", "--color", "never"));
        Optional<ProcessHandle> server = Optional.empty();
        for (int i = 0; i < 200 && server.isEmpty() && !run.isDone(); i++) {
            server = ProcessHandle.current().children().filter(c -> c.info().arguments()
                    .map(a -> String.join(" ", a).contains("serve --port 0 --state-dir " + state)).orElse(false)).findFirst();
            Thread.sleep(50);
        }
        assertTrue(server.isPresent(), "a drover serve process beside the run: " + ProcessHandle.current().children()
                .map(c -> c.info().commandLine().orElse("?")).toList());
        CliRun r = run.get(120, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Watch this run: http://127.0.0.1:"), r.toString());
        server.get().onExit().get(30, TimeUnit.SECONDS);
        assertFalse(server.get().isAlive(), "the server ended with the run");
    }
}
