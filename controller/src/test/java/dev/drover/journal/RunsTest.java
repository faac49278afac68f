package dev.drover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTest {
    @TempDir
    Path dir;

    @Test
    void runsStartedInTheSameSecondAreListedInTheOrderTheyStarted() throws IOException, InterruptedException {
        // A quick failure and its resume start within one second; their ids differ only in the
        // random suffix, which must not decide the order 'history' shows them in.
        Runs runs = new Runs(new StateDir(dir));
        Instant second = Instant.parse("2026-11-28T18:54:54Z");
        List<String> started = new ArrayList<>();
        for (String suffix : List.of("ffff", "0000", "8888")) {
            Path journal = runs.create(second, "20261128-185454-" + suffix);
            Files.writeString(journal, "");
            started.add(journal.getParent().getFileName().toString());
            Thread.sleep(20);
        }
        Path older = runs.create(Instant.parse("2026-11-28T18:54:53Z"), "20261128-185453-ffff");
        Files.writeString(older, "");
        started.add(0, "20261128-185453-ffff");
        assertEquals(started, runs.ids());
    }
}
