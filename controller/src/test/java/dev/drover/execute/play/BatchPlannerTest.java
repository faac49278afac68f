package dev.drover.execute.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** serial as Ansible's _get_serialized_batches cuts it. */
class BatchPlannerTest {
    private static final List<Integer> TEN = IntStream.rangeClosed(1, 10).boxed().toList();

    private static List<Integer> sizes(List<String> steps) {
        return BatchPlanner.plan(TEN, steps).stream().map(List::size).toList();
    }

    @Test
    void noSerialIsOneBatchOfAllHostsInOrder() {
        assertEquals(List.of(TEN), BatchPlanner.plan(TEN, List.of()));
    }

    @Test
    void countCutsEqualBatchesAndTheLastTakesTheRest() {
        assertEquals(List.of(3, 3, 3, 1), sizes(List.of("3")));
        assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9), List.of(10)), BatchPlanner.plan(TEN, List.of("3")));
    }

    @Test
    void percentRoundsDownButIsAtLeastOne() {
        assertEquals(List.of(2, 2, 2, 2, 2), sizes(List.of("25%")));
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), sizes(List.of("1%")));
    }

    @Test
    void listStepsRepeatTheLastOne() {
        assertEquals(List.of(1, 3, 6), sizes(List.of("1", "3", "100%")));
        assertEquals(List.of(1, 2, 2, 2, 2, 1), sizes(List.of("1", "2")));
    }

    @Test
    void zeroTakesEveryRemainingHost() {
        assertEquals(List.of(2, 8), sizes(List.of("2", "0")));
    }

    @Test
    void badStepIsRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sizes(List.of("many")));
        assertEquals("serial: 'many' is neither a host count nor a percentage like 30%", e.getMessage());
    }

    @Test
    void noHostsNoBatches() {
        assertEquals(List.of(), BatchPlanner.plan(List.of(), List.of("2")));
    }

    @Test
    void percentOfAllThePlaysHostsNotOfTheRemainingOnes() {
        // Ansible's pct_to_int(step, all_hosts_len): 3 hosts, 50% -> int(1.5) = 1 per batch; 33% -> 0 -> 1.
        List<Integer> three = List.of(1, 2, 3);
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), BatchPlanner.plan(three, List.of("50%")));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), BatchPlanner.plan(three, List.of("33%")));
        assertEquals(List.of(3, 3, 3, 1), sizes(List.of("30%")));
        assertEquals(List.of(1, 5, 4), sizes(List.of("1", "50%")));
    }
}
