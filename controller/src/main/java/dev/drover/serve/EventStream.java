package dev.drover.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two streams of one run, for every watcher (server-sent events):
 * <ul>
 * <li>{@code /api/runs/{id}/events}: the run's journal from its first line (or after
 * {@code Last-Event-ID}, so a reconnecting client misses nothing), then each line as the run writes
 * it. Each event's {@code id} is its line number, its {@code event} the journal event's name, its
 * {@code data} the line; a {@code task} line carries {@code message} (failures) instead of its
 * {@code result}, which {@code /output} serves.
 * <li>{@code /api/runs/{id}/changes}, what the run's page watches: a {@code snapshot} event (the
 * grid as {@code /api/runs/{id}} has it, {@link RunModel#view}), then a {@code change} event per
 * poll that found new lines, the pairs {@link RunModel#changes} gives. The page sets each value at
 * its path: it draws the server's model, and builds none of its own.
 * </ul>
 * When another run resumes this one, both get a {@code resumed} event naming it.
 *
 * <p>One stream per watched run, shared by all its watchers ({@link Feeds}): the journal is tailed
 * once every {@value #POLL_MS} ms whatever the number of watchers, each new line is turned into
 * its event text and applied to the model once, each poll's changes are written once for all the
 * pages, and the text of the lines so far is kept for the next watcher to join. Threading: every
 * method runs on the one executor {@link Feeds} gives it; it reads the journal read-only and never
 * touches the run that writes it. The poll stops with the last watcher.
 */
final class EventStream {
    static final long POLL_MS = 250;
    private static final long HEARTBEAT_MS = 15_000;
    private static final long RESUME_CHECK_MS = 2_000;

    private record Event(long number, String text) {
    }

    private final Api api;
    private final String runId;
    private final JournalTail tail;
    private final ScheduledExecutorService executor;
    private final Runnable onIdle;
    private final List<Event> events = new ArrayList<>();
    private final RunModel model = new RunModel();
    private final Set<Channel> watchers = new HashSet<>();
    /** The watchers of {@code /changes}; the others get the journal's events. */
    private final Set<Channel> pages = new HashSet<>();
    private final Set<String> resumedSent = new HashSet<>();
    private boolean ended;
    private long lastWrite = System.currentTimeMillis();
    private long lastResumeCheck;
    private ScheduledFuture<?> poll;

    EventStream(Api api, String runId, Path journal, ScheduledExecutorService executor, Runnable onIdle) {
        this.api = api;
        this.runId = runId;
        this.tail = new JournalTail(journal);
        this.executor = executor;
        this.onIdle = onIdle;
    }

    /**
     * Sends {@code watcher} the events after {@code lastEventId}, then every new one; or, for a
     * page ({@code changes}), the snapshot, then every poll's changes. On the executor.
     */
    void join(Channel watcher, long lastEventId, boolean changes) {
        if (!watcher.isActive()) {
            leaveIfIdle();
            return;
        }
        tick(false);
        StringBuilder backlog = new StringBuilder();
        if (changes) {
            backlog.append(event("snapshot", model.lines(), model.view()));
        } else {
            for (Event e : events) {
                if (e.number() > lastEventId) {
                    backlog.append(e.text());
                }
            }
        }
        for (String id : resumedSent) {
            backlog.append(resumed(id));
        }
        write(watcher, backlog);
        watchers.add(watcher);
        if (changes) {
            pages.add(watcher);
        }
        watcher.closeFuture().addListener(f -> executor.execute(() -> {
            watchers.remove(watcher);
            pages.remove(watcher);
            leaveIfIdle();
        }));
        if (poll == null) {
            poll = executor.scheduleWithFixedDelay(() -> tick(true), POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void leaveIfIdle() {
        if (watchers.isEmpty()) {
            if (poll != null) {
                poll.cancel(false);
            }
            onIdle.run();
        }
    }

    /** Reads what the journal gained and writes it to every watcher; {@code timed}: the poll's, which also checks resumes and heartbeats. */
    private void tick(boolean timed) {
        watchers.removeIf(w -> !w.isActive());
        pages.retainAll(watchers);
        if (timed && watchers.isEmpty()) {
            leaveIfIdle();
            return;
        }
        StringBuilder lines = new StringBuilder();
        StringBuilder changes = new StringBuilder();
        poll(lines, changes);
        StringBuilder both = new StringBuilder();
        long now = System.currentTimeMillis();
        if (timed && ended && now - lastResumeCheck >= RESUME_CHECK_MS) {
            lastResumeCheck = now;
            for (String id : api.resumedBy(runId)) {
                if (resumedSent.add(id)) {
                    both.append(resumed(id));
                }
            }
        }
        if (timed && lines.length() == 0 && both.length() == 0 && now - lastWrite >= HEARTBEAT_MS) {
            both.append(": still here\n\n");
        }
        if (lines.length() > 0 || both.length() > 0) {
            lastWrite = now;
            lines.append(both);
            changes.append(both);
            for (Channel w : watchers) {
                write(w, pages.contains(w) ? changes : lines);
            }
        }
    }

    /** Reads the lines the journal gained: their event text (kept) into {@code lines}, the model's changes into {@code changes}. */
    private void poll(StringBuilder lines, StringBuilder changes) {
        try {
            for (JournalTail.Line l : tail.poll()) {
                ended |= l.type().equals("run_end");
                String text = "id: " + l.number() + "\nevent: " + l.type() + "\ndata: "
                        + new String(Api.json(streamed(l.event())), StandardCharsets.UTF_8) + "\n\n";
                events.add(new Event(l.number(), text));
                lines.append(text);
                model.apply(l);
            }
        } catch (IOException e) {
            String error = "event: error\ndata: " + new String(Api.json(Map.of("message", "cannot read the journal: "
                    + e.getMessage())), StandardCharsets.UTF_8) + "\n\n";
            lines.append(error);
            changes.append(error);
        }
        List<List<Object>> pairs = model.changes();
        if (!pairs.isEmpty() && !pages.isEmpty()) {
            changes.append(event("change", model.lines(), pairs));
        }
    }

    private static String event(String name, long id, Object data) {
        return "id: " + id + "\nevent: " + name + "\ndata: " + new String(Api.json(data), StandardCharsets.UTF_8) + "\n\n";
    }

    private static String resumed(String id) {
        return "event: resumed\ndata: " + new String(Api.json(Map.of("run_id", id)), StandardCharsets.UTF_8) + "\n\n";
    }

    private static void write(Channel watcher, CharSequence text) {
        if (text.length() > 0) {
            watcher.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        }
    }

    /** A task line without its result (possibly large; {@code /output} has it), with its failure message. */
    static Map<String, Object> streamed(Map<String, Object> e) {
        if (!"task".equals(e.get("event"))) {
            return e;
        }
        Map<String, Object> m = new LinkedHashMap<>(e);
        Object result = m.remove("result");
        String status = String.valueOf(e.get("status"));
        if (List.of("failed", "unreachable").contains(status)) {
            m.put("message", Boolean.TRUE.equals(e.get("no_log")) ? Output.CENSORED : Output.message(result));
        }
        return m;
    }
}
