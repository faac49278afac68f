package dev.drover.execute.play;

import dev.drover.playbook.Coerce;
import dev.drover.playbook.HostOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The order a play takes its hosts in, before {@link BatchPlanner} cuts them into batches: Ansible's
 * {@code order:} ({@code inventory}, {@code reverse_inventory}, {@code sorted}, {@code reverse_sorted},
 * {@code shuffle}), then drover's {@code rank} host variable on top. Hosts with a {@code rank} come
 * first, lowest rank first (ties keep their {@code order:} order); hosts without one follow in
 * {@code order:} order. {@code rank: 1} on the node that must upgrade the database schema first makes
 * it the first host of the first batch whatever {@code order:} says.
 *
 * <p>A pure function: no threads, no I/O; {@code shuffle} draws from the {@link Random} passed in.
 */
public final class HostOrdering {
    /** The host variable that puts a host ahead of the others. */
    public static final String RANK_VAR = "rank";

    private HostOrdering() {
    }

    /**
     * @param hosts  the play's hosts in inventory order
     * @param name   a host's inventory name (what {@code sorted} compares)
     * @param vars   a host's inventory variables (where {@code rank} is read)
     * @param random used by {@code shuffle} only
     * @throws IllegalArgumentException when a host's {@code rank} is not an integer; the message names the host
     */
    public static <T> List<T> order(List<T> hosts, HostOrder order, Function<T, String> name,
            Function<T, Map<String, Object>> vars, Random random) {
        List<T> out = new ArrayList<>(hosts);
        switch (order) {
            case INVENTORY -> { }
            case REVERSE_INVENTORY -> Collections.reverse(out);
            case SORTED -> out.sort(Comparator.comparing(name));
            case REVERSE_SORTED -> out.sort(Comparator.comparing(name).reversed());
            case SHUFFLE -> Collections.shuffle(out, random);
        }
        List<Ranked<T>> ranked = new ArrayList<>();
        List<T> unranked = new ArrayList<>();
        for (T h : out) {
            Optional<Integer> rank = rank(name.apply(h), vars.apply(h));
            if (rank.isPresent()) {
                ranked.add(new Ranked<>(rank.get(), h));
            } else {
                unranked.add(h);
            }
        }
        // List.sort is stable: equal ranks keep the order: order.
        ranked.sort(Comparator.comparingInt(Ranked::rank));
        List<T> result = new ArrayList<>(hosts.size());
        ranked.forEach(r -> result.add(r.host()));
        result.addAll(unranked);
        return result;
    }

    private record Ranked<T>(int rank, T host) {
    }

    static Optional<Integer> rank(String host, Map<String, Object> vars) {
        Object value = vars.get(RANK_VAR);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Coerce.toInt(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("host " + host + ": rank '" + value + "' is not an integer; rank orders"
                    + " a play's hosts (lowest first, before hosts without a rank): set it to a whole number or remove it");
        }
    }
}
