package dev.drover.execute.play;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recap counters of a run, per host, counted as Ansible counts them: a changed result is also
 * ok; an ignored failure is ok and ignored; a failure inside a block with {@code rescue} is rescued,
 * not failed. Thread-safe (host threads count concurrently).
 */
final class Stats {
    private final Map<String, int[]> counts = new LinkedHashMap<>();

    enum Counter { OK, CHANGED, UNREACHABLE, FAILED, SKIPPED, RESCUED, IGNORED }

    synchronized void register(String host) {
        counts.computeIfAbsent(host, h -> new int[Counter.values().length]);
    }

    synchronized void add(String host, Counter c) {
        counts.computeIfAbsent(host, h -> new int[Counter.values().length])[c.ordinal()]++;
    }

    synchronized int get(String host, Counter c) {
        int[] n = counts.get(host);
        return n == null ? 0 : n[c.ordinal()];
    }

    synchronized Map<String, PlayListener.HostStats> snapshot() {
        Map<String, PlayListener.HostStats> out = new LinkedHashMap<>();
        counts.forEach((h, n) -> out.put(h, new PlayListener.HostStats(n[0], n[1], n[2], n[3], n[4], n[5], n[6])));
        return out;
    }
}
