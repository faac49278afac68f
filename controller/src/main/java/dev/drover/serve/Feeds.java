package dev.drover.serve;

import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The event streams being watched, one per run however many pages watch it ({@link EventStream}).
 * A stream starts with its first watcher and is dropped with its last, with the lines it kept.
 *
 * <p>Threading: the map and every stream are touched on {@code executor} only (one thread), so a
 * watcher joining while the last one leaves finds either the old stream or a new one, never a
 * stopped one.
 */
final class Feeds {
    private final Api api;
    private final ScheduledExecutorService executor;
    private final Map<String, EventStream> streams = new HashMap<>();

    Feeds(Api api, ScheduledExecutorService executor) {
        this.api = api;
        this.executor = executor;
    }

    /**
     * Streams run {@code runId}'s journal to {@code watcher}, after line {@code lastEventId}; or, for
     * a page ({@code changes}), its grid and the grid's changes.
     */
    void watch(Channel watcher, String runId, Path journal, long lastEventId, boolean changes) {
        executor.execute(() -> streams.computeIfAbsent(runId,
                id -> new EventStream(api, id, journal, executor, () -> streams.remove(id))).join(watcher, lastEventId, changes));
    }
}
