package dev.drover.report;

import dev.drover.execute.play.PlayListener.Waiting;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shows hosts waiting on a gate ({@code wait_for}, {@code until}): on a terminal one line rewritten
 * in place every second ({@code \r}); otherwise (a pipe, a log, cron) a plain line per waiting host
 * every {@code interval}, so a long wait is visible in a log without flooding it.
 *
 * <p>Threading: every method, and the ticker thread, hold {@code lock} (the printer) while writing,
 * so a progress line never lands inside another line. The ticker is a daemon thread that runs only
 * while some host waits.
 */
final class GateProgress {
    private static final int MAX_WIDTH = 160;
    private final Object lock;
    private final PrintWriter out;
    private final boolean terminal;
    private final Duration interval;
    private final Map<Waiting, Long> waiting = new LinkedHashMap<>();
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> ticking;
    private boolean lineShown;

    GateProgress(Object lock, PrintWriter out, boolean terminal, Duration interval) {
        this.lock = lock;
        this.out = out;
        this.terminal = terminal;
        this.interval = terminal ? Duration.ofSeconds(1) : interval;
    }

    void start(Waiting w) {
        synchronized (lock) {
            waiting.put(w, w.started());
            if (ticking == null && !interval.isZero() && !interval.isNegative()) {
                if (ticker == null) {
                    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "drover-gate-progress");
                        t.setDaemon(true);
                        return t;
                    });
                }
                long ms = Math.max(10, interval.toMillis());
                ticking = ticker.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
            }
        }
    }

    void end(Waiting w) {
        synchronized (lock) {
            waiting.remove(w);
            if (waiting.isEmpty()) {
                clearLine();
                if (ticking != null) {
                    ticking.cancel(false);
                    ticking = null;
                }
            }
        }
    }

    /** Removes the in-place line before other output. */
    void clearLine() {
        synchronized (lock) {
            if (lineShown) {
                out.print("\r\033[K");
                out.flush();
                lineShown = false;
            }
        }
    }

    void close() {
        synchronized (lock) {
            clearLine();
            if (ticker != null) {
                ticker.shutdownNow();
            }
        }
    }

    private void tick() {
        synchronized (lock) {
            if (waiting.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (terminal) {
                List<String> parts = new ArrayList<>();
                waiting.keySet().forEach(w -> parts.add("[" + w.host() + "] " + w.what() + " " + elapsed(now - w.started())));
                String line = "waiting: " + String.join("; ", parts);
                out.print("\r\033[K" + (line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH - 3) + "..." : line));
                lineShown = true;
            } else {
                waiting.keySet().forEach(w -> out.println("still waiting after " + elapsed(now - w.started()) + ": ["
                        + w.host() + "] " + w.task() + ": " + w.what()));
            }
            out.flush();
        }
    }

    static String elapsed(long nanos) {
        long s = Duration.ofNanos(nanos).toSeconds();
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
