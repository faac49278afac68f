package dev.drover.cli;

import dev.drover.execute.play.StopRequest;
import java.io.PrintWriter;
import java.time.Duration;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C during {@code drover run}. The first SIGINT asks the run to stop: no new task starts,
 * tasks running on hosts finish (a rolling upgrade is not cut in the middle of a node's step), then
 * the recap and journal are written and drover exits 99. If that takes longer than the grace
 * period, or a second SIGINT comes, {@code hardStop} runs: it ends the journal and halts the JVM
 * at once, leaving the tasks in flight to the hosts.
 *
 * <p>Installed for one run and removed by {@link #close()} (the previous handler comes back), so
 * an in-process caller such as a test is left as it was. Signal handlers run on a JVM thread of
 * their own; {@link StopRequest} is safe to set from it.
 */
final class Interrupts implements AutoCloseable {
    private static final Signal INT = new Signal("INT");

    private final SignalHandler previous;
    private volatile boolean first = true;

    private Interrupts(SignalHandler previous) {
        this.previous = previous;
    }

    /** Installs the handler; on a JVM that refuses it (run with -Xrs), Ctrl-C keeps its default and this does nothing. */
    static Interrupts install(StopRequest stop, PrintWriter err, Duration grace, Runnable hardStop) {
        Interrupts[] self = new Interrupts[1];
        SignalHandler handler = sig -> self[0].onSignal(stop, err, grace, hardStop);
        try {
            self[0] = new Interrupts(Signal.handle(INT, handler));
        } catch (IllegalArgumentException | IllegalStateException e) {
            self[0] = new Interrupts(null);
        }
        return self[0];
    }

    private void onSignal(StopRequest stop, PrintWriter err, Duration grace, Runnable hardStop) {
        if (!first) {
            err.println();
            err.println("drover: second interrupt: stopping now, without waiting for running tasks");
            err.flush();
            hardStop.run();
            return;
        }
        first = false;
        stop.request();
        err.println();
        err.println("drover: interrupted: no new task starts; waiting up to " + grace.toSeconds()
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
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
