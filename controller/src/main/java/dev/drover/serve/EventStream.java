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
 * {@code /api/runs/{id}/events} for every watcher of one run: the run's journal as server-sent
 * events, from its first line (or after {@code Last-Event-ID}, so a reconnecting browser misses
 * nothing), then each line as the run writes it. Each event's {@code id} is its line number, its
 * {@code event} the journal event's name, its {@code data} the line; a {@code task} line carries
 * {@code message} (failures) instead of its {@code result}, which {@code /output} serves. When another
 * run resumes this one, a {@code resumed} event names it. The page applies these events to its own
 * copy of the grid, so a watcher costs the server one write per new line, nothing per refresh.
 *
 * <p>One stream per watched run, shared by all its watchers ({@link Feeds}): the journal is tailed
 * once every {@value #POLL_MS} ms whatever the number of watchers, each new line is turned into
 * its event text once, and the text of the lines so far is kept for the next watcher to join.
 * Threading: every method runs on the one executor {@link Feeds} gives it; it reads the journal
 * read-only and never touches the run that writes it. The poll stops with the last watcher.
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
    private final Set<Channel> watchers = new HashSet<>();
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

    /** Sends {@code watcher} the events after {@code lastEventId}, then every new one; on the executor. */
    void join(Channel watcher, long lastEventId) {
        if (!watcher.isActive()) {
            leaveIfIdle();
            return;
        }
        poll();
        StringBuilder backlog = new StringBuilder();
        for (Event e : events) {
            if (e.number() > lastEventId) {
                backlog.append(e.text());
            }
        }
        for (String id : resumedSent) {
            backlog.append(resumed(id));
        }
        write(watcher, backlog);
        watchers.add(watcher);
        watcher.closeFuture().addListener(f -> executor.execute(() -> {
            watchers.remove(watcher);
            leaveIfIdle();
        }));
        if (poll == null) {
            poll = executor.scheduleWithFixedDelay(this::tick, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
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

    private void tick() {
        watchers.removeIf(w -> !w.isActive());
        if (watchers.isEmpty()) {
            leaveIfIdle();
            return;
        }
        StringBuilder out = poll();
        long now = System.currentTimeMillis();
        if (ended && now - lastResumeCheck >= RESUME_CHECK_MS) {
            lastResumeCheck = now;
            for (String id : api.resumedBy(runId)) {
                if (resumedSent.add(id)) {
                    out.append(resumed(id));
                }
            }
        }
        if (out.length() == 0 && now - lastWrite >= HEARTBEAT_MS) {
            out.append(": still here\n\n");
        }
        if (out.length() > 0) {
            lastWrite = now;
            for (Channel w : watchers) {
                write(w, out);
            }
        }
    }

    /** Reads the lines the journal gained, keeps their event text and returns it. */
    private StringBuilder poll() {
        StringBuilder out = new StringBuilder();
        try {
            for (JournalTail.Line l : tail.poll()) {
                ended |= l.type().equals("run_end");
                String text = "id: " + l.number() + "\nevent: " + l.type() + "\ndata: "
                        + new String(Api.json(streamed(l.event())), StandardCharsets.UTF_8) + "\n\n";
                events.add(new Event(l.number(), text));
                out.append(text);
            }
        } catch (IOException e) {
            out.append("event: error\ndata: ").append(new String(Api.json(Map.of("message", "cannot read the journal: "
                    + e.getMessage())), StandardCharsets.UTF_8)).append("\n\n");
        }
        return out;
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
