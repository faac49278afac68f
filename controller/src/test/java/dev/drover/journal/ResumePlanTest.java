package dev.drover.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.execute.HostStatus;
import dev.drover.execute.play.CompletedTasks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which tasks a resumed run skips, computed from journals written by hand: the plan is a pure function. */
class ResumePlanTest {
    private final List<Journal.TaskLine> lines = new ArrayList<>();
    private final Map<Integer, List<String>> playEnds = new LinkedHashMap<>();

    private void line(String host, String where, HostStatus status) {
        line(host, where, "shell", status, false, null);
    }

    private void line(String host, String where, String action, HostStatus status, boolean ignored, String replayedFrom) {
        lines.add(new Journal.TaskLine(0, where, "t " + where, action, host, status, ignored, false,
                Map.of("changed", status == HostStatus.CHANGED, "rc", 0), false, replayedFrom, Instant.EPOCH, 1));
    }

    private void inBlock(String host, String block, String where, HostStatus status) {
        lines.add(new Journal.TaskLine(0, where, "t " + where, "shell", host, status, false, false,
                Map.of("changed", status == HostStatus.CHANGED), false, null, Instant.EPOCH, 1, block));
    }

    private Journal journal() {
        RunStart start = new RunStart("20261128-100000-abcd", Path.of("/pb/site.yml"), Map.of(), List.of(), Map.of(),
                List.of(), null, List.of(), List.of(), false, false, 1, Instant.EPOCH, null);
        return new Journal(Path.of("j"), start, Map.of(), lines, playEnds, List.of(), Map.of(), Optional.empty(), false);
    }

    private List<String> kept(String host) {
        return ResumePlan.plan(journal()).getOrDefault(new ResumePlan.Key(0, host), List.of()).stream()
                .map(ResumePlan.Step::where).toList();
    }

    @Test
    void aFailedHostKeepsWhatItCompletedBeforeItsFailure() {
        line("n1", "a:1:1", HostStatus.CHANGED);
        line("n1", "a:2:1", HostStatus.OK);
        line("n2", "a:1:1", HostStatus.CHANGED);
        line("n2", "a:2:1", HostStatus.FAILED);
        playEnds.put(0, List.of("n2"));
        assertEquals(List.of("a:1:1", "a:2:1"), kept("n1"), "n1 finished the play: all of it replays");
        assertEquals(List.of("a:1:1"), kept("n2"), "the failed task runs again");
        assertEquals(List.of(), kept("n3"), "a host never started runs everything");
    }

    @Test
    void aKilledRunKeepsEveryCompletedResultAndAFinalFailure() {
        line("n1", "a:1:1", HostStatus.CHANGED);
        line("n2", "a:1:1", HostStatus.FAILED);
        // No play_end: the controller died. n1 was mid-play; n2's last result was fatal.
        assertEquals(List.of("a:1:1"), kept("n1"));
        assertEquals(List.of(), kept("n2"));
    }

    @Test
    void survivedFailuresReplaySoTheRescueRunsAsBefore() {
        line("n1", "a:1:1", "shell", HostStatus.FAILED, true, null);
        line("n1", "a:2:1", HostStatus.FAILED);
        line("n1", "a:3:1", HostStatus.OK);
        line("n1", "a:4:1", HostStatus.FAILED);
        playEnds.put(0, List.of("n1"));
        assertEquals(List.of("a:1:1", "a:2:1", "a:3:1"), kept("n1"),
                "an ignored failure and a rescued one (the host went on) replay; the last fatal one runs again");
    }

    @Test
    void aRescueThatFailedRunsItsWholeBlockAgain() {
        // A block whose start failed, whose rescue rolled back and then failed the host on purpose.
        line("n1", "a:1:1", HostStatus.OK);
        inBlock("n1", "a:4:3", "a:5:7", HostStatus.CHANGED);   // install
        inBlock("n1", "a:4:3", "a:6:7", HostStatus.FAILED);    // start: failed, rescued
        inBlock("n1", "a:4:3", "a:9:7", HostStatus.CHANGED);   // rescue: roll back
        inBlock("n1", "a:4:3", "a:10:7", HostStatus.FAILED);   // rescue: fail, "rolled back"
        // Another host failed in the same block without a rescue having run: only its failure reruns.
        inBlock("n2", "a:4:3", "a:5:7", HostStatus.CHANGED);
        inBlock("n2", "a:4:3", "a:6:7", HostStatus.FAILED);
        playEnds.put(0, List.of("n1", "n2"));
        assertEquals(List.of("a:1:1"), kept("n1"), "the rolled-back block runs again from its first task");
        assertEquals(List.of("a:5:7"), kept("n2"));
    }

    @Test
    void factsAndIncludesAreEvaluatedAgainNotReplayed() {
        line("n1", "a:1:1", "gather_facts", HostStatus.OK, false, null);
        line("n1", "a:2:1", "include_tasks", HostStatus.SKIPPED, false, null);
        line("n1", "a:3:1", HostStatus.OK);
        assertEquals(List.of("a:3:1"), kept("n1"));
    }

    @Test
    void aReplayedResultKeepsTheRunThatReallyRanIt() {
        line("n1", "a:1:1", "shell", HostStatus.CHANGED, false, "20261127-090000-0001");
        line("n1", "a:2:1", HostStatus.OK);
        ResumePlan plan = ResumePlan.of(journal());
        assertEquals("20261127-090000-0001", plan.next(0, "n1", "a:1:1", "shell").orElseThrow().runId());
        assertEquals("20261128-100000-abcd", plan.next(0, "n1", "a:2:1", "shell").orElseThrow().runId());
    }

    @Test
    void theFirstTaskThatDoesNotMatchEndsSkippingForThatHost() {
        line("n1", "a:1:1", HostStatus.CHANGED);
        line("n1", "a:2:1", HostStatus.CHANGED);
        line("n1", "a:3:1", HostStatus.CHANGED);
        line("n2", "a:1:1", HostStatus.CHANGED);
        ResumePlan plan = ResumePlan.of(journal());
        Optional<CompletedTasks.Recorded> first = plan.next(0, "n1", "a:1:1", "shell");
        assertEquals(HostStatus.CHANGED, first.orElseThrow().status());
        assertEquals(0, first.get().result().get("rc"), "the registered result comes back");
        assertTrue(plan.next(0, "n1", "a:9:1", "shell").isEmpty(), "a task the journal does not have next runs");
        assertTrue(plan.next(0, "n1", "a:2:1", "shell").isEmpty(), "and from then on everything runs");
        assertTrue(plan.next(0, "n2", "a:1:1", "copy").isEmpty(), "same place, other action: runs");
        assertTrue(plan.next(1, "n1", "a:1:1", "shell").isEmpty(), "another play has its own tasks");
    }
}
