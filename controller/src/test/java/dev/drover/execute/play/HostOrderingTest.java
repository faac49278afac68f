package dev.drover.execute.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drover.playbook.HostOrder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** order: as Ansible's inventory.get_hosts(order=...), then drover's rank host variable on top. */
class HostOrderingTest {
    /** Inventory order; node10 sorts before node2 as strings, as in Ansible. */
    private static final List<String> INVENTORY = List.of("node2", "node10", "node1", "node3");

    private static List<String> order(HostOrder order, Map<String, Object> ranks) {
        return HostOrdering.order(INVENTORY, order, h -> h,
                h -> ranks.containsKey(h) ? Map.of("rank", ranks.get(h)) : Map.of(), new Random(7));
    }

    @Test
    void ansibleOrdersWithoutRank() {
        assertEquals(INVENTORY, order(HostOrder.INVENTORY, Map.of()));
        assertEquals(List.of("node3", "node1", "node10", "node2"), order(HostOrder.REVERSE_INVENTORY, Map.of()));
        assertEquals(List.of("node1", "node10", "node2", "node3"), order(HostOrder.SORTED, Map.of()));
        assertEquals(List.of("node3", "node2", "node10", "node1"), order(HostOrder.REVERSE_SORTED, Map.of()));
    }

    @Test
    void shuffleIsAPermutationDrawnFromTheGivenRandom() {
        List<String> a = order(HostOrder.SHUFFLE, Map.of());
        assertEquals(Set.copyOf(INVENTORY), new HashSet<>(a));
        assertEquals(a, order(HostOrder.SHUFFLE, Map.of()), "same seed, same order");
    }

    @Test
    void rankedHostsComeFirstLowestRankFirst() {
        Map<String, Object> ranks = new LinkedHashMap<>();
        ranks.put("node3", 1);
        ranks.put("node10", "2");  // an INI inventory gives strings
        assertEquals(List.of("node3", "node10", "node2", "node1"), order(HostOrder.INVENTORY, ranks));
        assertEquals(List.of("node3", "node10", "node1", "node2"), order(HostOrder.SORTED, ranks));
        assertEquals(List.of("node3", "node10", "node1", "node2"), order(HostOrder.REVERSE_INVENTORY, ranks));
    }

    @Test
    void equalRanksKeepTheOrderOfOrder() {
        Map<String, Object> ranks = Map.of("node1", 5, "node3", 5, "node2", 9);
        assertEquals(List.of("node1", "node3", "node2", "node10"), order(HostOrder.SORTED, ranks));
        assertEquals(List.of("node3", "node1", "node2", "node10"), order(HostOrder.REVERSE_SORTED, ranks));
    }

    @Test
    void rankedHostsLeadEvenWhenShuffled() {
        List<String> shuffled = order(HostOrder.SHUFFLE, Map.of("node2", 1));
        assertEquals("node2", shuffled.get(0));
        assertEquals(Set.of("node10", "node1", "node3"), new HashSet<>(shuffled.subList(1, 4)));
    }

    @Test
    void aRankThatIsNotAWholeNumberNamesTheHost() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> order(HostOrder.INVENTORY, Map.of("node1", "first")));
        assertEquals("host node1: rank 'first' is not an integer; rank orders a play's hosts (lowest first, before"
                + " hosts without a rank): set it to a whole number or remove it", e.getMessage());
    }
}
