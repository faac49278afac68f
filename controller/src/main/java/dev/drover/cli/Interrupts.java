package dev.drover.cli;

import dev.drover.execute.play.StopRequest;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code drover run}: SIGTERM is what systemd, {@code timeout} and
 * cron wrappers send, and it gets the same orderly stop. The first signal asks the run to stop: no new task starts,
 * tasks running on hosts finish (a rolling upgrade is not cut in the middle of a node's step), then
 * the recap and journal are written and drover exits 99. If that takes longer than the grace
 * period, or a second signal comes, {@code hardStop} runs: it ends the journal and halts the JVM
 * at once, leaving the tasks in flight to the hosts.
 *
 * <p>Installed for one run and removed by {@link #close()} (the previous handler comes back), so
 * an in-process caller such as a test, or a command worker's next command, is left as it was. The
 * signals are those of the run's {@link Invocation}: its own JVM's, or for a run in a command worker
 * the thin client's, which it passes on over its socket. Handlers run on a thread of their own
 * (the JVM's signal thread, the worker's client reader); {@link StopRequest} is safe to set from it.
 */
final class Interrupts implements AutoCloseable {
    /**
     * Not a signal: a command worker's client went away without one (killed, hung up). Its process
     * is gone, as a CLI's JVM killed under its run is: the run stops at once ({@code hardStop}).
     */
    static final String LOST = "LOST";

    private final AutoCloseable handlers;
    private volatile boolean first = true;

    private Interrupts(Invocation invocation, StopRequest stop, PrintWriter err, Duration grace, Runnable hardStop) {
        this.handlers = invocation.onSignals(sig -> onSignal(sig, stop, err, grace, hardStop));
    }

    /** Installs the handlers for the signals of {@code invocation}'s process (its own JVM's, or a thin client's). */
    static Interrupts install(Invocation invocation, StopRequest stop, PrintWriter err, Duration grace, Runnable hardStop) {
        return new Interrupts(invocation, stop, err, grace, hardStop);
    }

    private void onSignal(String sig, StopRequest stop, PrintWriter err, Duration grace, Runnable hardStop) {
        if (sig.equals(LOST)) {
            hardStop.run();
            return;
        }
        String what = sig.equals("TERM") ? "terminated (SIGTERM)" : "interrupted";
        if (!first) {
            err.println();
            err.println("drover: second signal: stopping now, without waiting for running tasks");
            err.flush();
            hardStop.run();
            return;
        }
        first = false;
        stop.request();
        err.println();
        err.println("drover: " + what + ": no new task starts; waiting up to " + grace.toSeconds()
                + " s for running tasks to finish (Ctrl-C again to stop at once)");
        err.flush();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            err.println("drover: running tasks did not finish within " + grace.toSeconds() + " s: stopping now");
            err.flush();
            hardStop.run();
        }, "drover-stop-grace");
        timer.setDaemon(true);
        timer.start();
        this.timer = timer;
    }

    private volatile Thread timer;

    @Override
    public void close() {
        Thread t = timer;
        if (t != null) {
            t.interrupt(); // a command worker outlives the run: its grace timer must not
        }
        try {
            handlers.close();
        } catch (Exception e) {
            // restoring a handler does not fail
        }
    }
}
