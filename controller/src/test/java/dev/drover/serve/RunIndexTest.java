package dev.drover.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.execute.HostStatus;
import dev.drover.journal.Journal;
import dev.drover.journal.JournalWriter;
import dev.drover.journal.RunSummary;
import dev.drover.state.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs list reads each journal from where it stopped last time: the row of a journal that grows
 * follows it line by line, says what {@code drover history} says of the whole journal, and a
 * journal replaced by a shorter one is read again from its start.
 */
class RunIndexTest {
    static final Instant T0 = Instant.parse("2026-11-28T02:30:00Z");

    @TempDir
    Path dir;

    @Test
    void aGrowingJournalsRowFollowsItAndSaysWhatHistorySays() throws Exception {
        StateDir state = new StateDir(dir.resolve("state"));
        Journals journals = new Journals(state, dir);
        RunIndex index = new RunIndex(state, System.getProperty("user.name"), Clock.systemUTC());
        String finished = journals.rolling("20261128-023000-aaaa", "site.yml", T0, "node2");
        JournalWriter w = journals.open("20261128-033000-bbbb", "site.yml", T0.plusSeconds(3600), 0);
        w.playStart("rolling", List.of("node1", "node2"));
        w.batchStart(0, 2, List.of("node1"));
        w.taskStart(journals.task("Stop the node", 4, List.of("node1")));
        w.hostResult(Journals.result("node1", HostStatus.FAILED, Map.of("failed", true, "msg", "no")));
        assertSameAsHistory(index, state, "20261128-033000-bbbb");
        assertEquals(List.of("node1"), index.row("20261128-033000-bbbb").orElseThrow().failedHosts());

        w.batchStart(1, 2, List.of("node2"));
        w.taskStart(journals.task("Stop the node", 4, List.of("node2")));
        w.hostResult(Journals.result("node2", HostStatus.UNREACHABLE, Map.of("unreachable", true, "msg", "gone")));
        w.end("unreachable", 4);
        w.close();
        assertSameAsHistory(index, state, "20261128-033000-bbbb");
        assertEquals(List.of("node1", "node2"), index.row("20261128-033000-bbbb").orElseThrow().failedHosts());
        assertSameAsHistory(index, state, finished);

        // The growing journal replaced by the finished one (a restored backup): read again, from its start.
        Path grown = state.runs().resolve("20261128-033000-bbbb").resolve(Journal.FILE_NAME);
        String text = Files.readString(state.runs().resolve(finished).resolve(Journal.FILE_NAME))
                .replace(finished, "20261128-033000-bbbb").replace("\"pid\":1,", "\"pid\":0,");   // its controller gone
        Path tmp = grown.resolveSibling("journal.tmp");
        Files.writeString(tmp, text.substring(0, text.indexOf("\"event\":\"batch_start\"")).replaceAll("\\{[^\\n]*$", ""));
        Files.move(tmp, grown, StandardCopyOption.REPLACE_EXISTING);
        assertSameAsHistory(index, state, "20261128-033000-bbbb");
        assertEquals(List.of(), index.row("20261128-033000-bbbb").orElseThrow().failedHosts());
    }

    private static void assertSameAsHistory(RunIndex index, StateDir state, String id) throws Exception {
        RunSummary history = RunSummary.of(Journal.read(state.runs().resolve(id).resolve(Journal.FILE_NAME)));
        RunRow row = index.row(id).orElseThrow();
        assertEquals(history.result(), row.result(), id);
        assertEquals(history.exitCode().orElse(null), row.exitCode(), id);
        assertEquals(history.failedHosts(), row.failedHosts(), id);
        assertEquals(history.duration().toMillis(), row.durationMs(), id);
        assertEquals(history.started(), row.started(), id);
        assertEquals(String.valueOf(history.playbook()), row.playbook(), id);
    }
}
