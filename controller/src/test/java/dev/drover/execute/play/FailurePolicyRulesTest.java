package dev.drover.execute.play;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** What a batch's failures mean for the rest of the play: pure decisions, no hosts, no threads. */
class FailurePolicyRulesTest {
    private static final FailurePolicy.Rules ALL_AT_ONCE = FailurePolicy.Rules.ANSIBLE_DEFAULT;
    private static final FailurePolicy.Rules SERIAL = new FailurePolicy.Rules(true, OptionalDouble.empty());

    private static FailurePolicy.Rules maxFail(double pct) {
        return new FailurePolicy.Rules(true, OptionalDouble.of(pct));
    }

    @Test
    void aCleanBatchGoesOnWhateverTheRules() {
        for (FailurePolicy.Rules r : List.of(ALL_AT_ONCE, SERIAL, maxFail(0))) {
            assertEquals(Optional.empty(), FailurePolicy.afterBatch(r, 3, List.of()));
            assertEquals(Optional.empty(), FailurePolicy.afterTask(r, 3, List.of()));
        }
    }

    @Test
    void withoutSerialOnlyAWhollyFailedBatchStopsAsInAnsible() {
        assertEquals(Optional.empty(), FailurePolicy.afterBatch(ALL_AT_ONCE, 3, List.of("node1", "node2")));
        assertEquals(Optional.of("every host of the batch failed (node1, node2)"),
                FailurePolicy.afterBatch(ALL_AT_ONCE, 2, List.of("node1", "node2")));
    }

    @Test
    void aSerialPlayStopsAtTheFirstFailedHostButLetsTheBatchFinish() {
        assertEquals(Optional.of("node2 failed; a play with serial stops before the next batch when a host fails"
                + " (set max_fail_percentage to tolerate failures)"), FailurePolicy.afterBatch(SERIAL, 3, List.of("node2")));
        assertEquals(Optional.empty(), FailurePolicy.afterTask(SERIAL, 3, List.of("node2")), "no mid-batch stop");
    }

    @Test
    void maxFailPercentageIsExceededOnlyAboveThePercentage() {
        // Ansible: failed / batch_size > pct / 100.
        assertEquals(Optional.empty(), FailurePolicy.afterTask(maxFail(50), 4, List.of("a", "b")));
        assertEquals(Optional.empty(), FailurePolicy.afterBatch(maxFail(50), 4, List.of("a", "b")));
        assertEquals(Optional.of("a, b, c failed: 3 of 4 hosts of the batch, more than max_fail_percentage 50%"),
                FailurePolicy.afterTask(maxFail(50), 4, List.of("a", "b", "c")));
        assertEquals(Optional.of("a failed: 1 of 3 hosts of the batch, more than max_fail_percentage 33.3%"),
                FailurePolicy.afterBatch(maxFail(33.3), 3, List.of("a")));
        assertEquals(Optional.empty(), FailurePolicy.afterBatch(maxFail(34), 3, List.of("a")));
    }

    @Test
    void maxFailPercentageZeroStopsAtTheFirstFailureAtOnce() {
        assertEquals(Optional.of("a failed: 1 of 10 hosts of the batch, more than max_fail_percentage 0%"),
                FailurePolicy.afterTask(maxFail(0), 10, List.of("a")));
    }

    @Test
    void aWhollyFailedBatchStopsEvenWithMaxFailPercentage100() {
        assertEquals(Optional.of("every host of the batch failed (a, b)"), FailurePolicy.afterBatch(maxFail(100), 2, List.of("a", "b")));
        assertEquals(Optional.empty(), FailurePolicy.afterTask(maxFail(100), 2, List.of("a", "b")));
    }
}
