package dev.drover.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code /api/runs/{id}/events}: the run's journal as server-sent events, from its first line (or
 * after {@code Last-Event-ID}, so a reconnecting browser misses nothing), then each line as the
 * run writes it. Each event's {@code id} is its line number, its {@code event} the journal event's
 * name, its {@code data} the line; a {@code task} line carries {@code message} (failures) instead of
 * its {@code result}, which {@code /output} serves. When another run resumes this one, a
 * {@code resumed} event names it.
 *
 * <p>Threading: one stream per connection, polled every {@value #POLL_MS} ms on the connection's
 * executor; it reads the journal read-only and never touches the run that writes it. The poll stops
 * when the connection closes.
 */
final class EventStream {
    static final long POLL_MS = 250;
    private static final long HEARTBEAT_MS = 15_000;
    private static final long RESUME_CHECK_MS = 2_000;

    private final ChannelHandlerContext ctx;
    private final Api api;
    private final String runId;
    private final JournalTail tail;
    private final long skipThrough;
    private boolean ended;
    private long lastWrite = System.currentTimeMillis();
    private long lastResumeCheck;
    private final java.util.Set<String> resumedSent = new java.util.HashSet<>();
    private ScheduledFuture<?> poll;

    EventStream(ChannelHandlerContext ctx, Api api, String runId, Path journal, long lastEventId) {
        this.ctx = ctx;
        this.api = api;
        this.runId = runId;
        this.tail = new JournalTail(journal);
        this.skipThrough = lastEventId;
    }

    void start() {
        poll = ctx.executor().scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> poll.cancel(false));
    }

    private void poll() {
        if (!ctx.channel().isActive()) {
            poll.cancel(false);
            return;
        }
        StringBuilder out = new StringBuilder();
        try {
            for (JournalTail.Line l : tail.poll()) {
                if (l.number() <= skipThrough) {
                    continue;
                }
                ended |= l.type().equals("run_end");
                out.append("id: ").append(l.number()).append('\n')
                        .append("event: ").append(l.type()).append('\n')
                        .append("data: ").append(new String(Api.json(streamed(l.event())), StandardCharsets.UTF_8)).append("\n\n");
            }
        } catch (IOException e) {
            out.append("event: error\ndata: ").append(new String(Api.json(Map.of("message", "cannot read the journal: "
                    + e.getMessage())), StandardCharsets.UTF_8)).append("\n\n");
        }
        long now = System.currentTimeMillis();
        if (ended && now - lastResumeCheck >= RESUME_CHECK_MS) {
            lastResumeCheck = now;
            for (String id : api.resumedBy(runId)) {
                if (resumedSent.add(id)) {
                    out.append("event: resumed\ndata: ").append(new String(Api.json(Map.of("run_id", id)),
                            StandardCharsets.UTF_8)).append("\n\n");
                }
            }
        }
        if (out.length() == 0 && now - lastWrite >= HEARTBEAT_MS) {
            out.append(": still here\n\n");
        }
        if (out.length() > 0) {
            lastWrite = now;
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(out, StandardCharsets.UTF_8)));
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
