package dev.drover.cli;

import dev.drover.execute.play.StopRequest;
import java.io.PrintWriter;
import java.time.Duration;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM during {@code drover run}: SIGTERM is what systemd, {@code timeout} and
 * cron wrappers send, and it gets the same orderly stop. The first signal asks the run to stop: no new task starts,
 * tasks running on hosts finish (a rolling upgrade is not cut in the middle of a node's step), then
 * the recap and journal are written and drover exits 99. If that takes longer than the grace
 * period, or a second signal comes, {@code hardStop} runs: it ends the journal and halts the JVM
 * at once, leaving the tasks in flight to the hosts.
 *
 * <p>Installed for one run and removed by {@link #close()} (the previous handler comes back), so
 * an in-process caller such as a test is left as it was. Signal handlers run on a JVM thread of
 * their own; {@link StopRequest} is safe to set from it.
 */
final class Interrupts implements AutoCloseable {
    private static final Signal INT = new Signal("INT");
    private static final Signal TERM = new Signal("TERM");

    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;
    private volatile boolean first = true;

    private Interrupts(SignalHandler previousInt, SignalHandler previousTerm) {
        this.previousInt = previousInt;
        this.previousTerm = previousTerm;
    }

    /** Installs the handlers; on a JVM that refuses them (run with -Xrs), the signals keep their default. */
    static Interrupts install(StopRequest stop, PrintWriter err, Duration grace, Runnable hardStop) {
        Interrupts[] self = new Interrupts[1];
        SignalHandler handler = sig -> self[0].onSignal(sig, stop, err, grace, hardStop);
        SignalHandler previousInt = handle(INT, handler);
        SignalHandler previousTerm = handle(TERM, handler);
        self[0] = new Interrupts(previousInt, previousTerm);
        return self[0];
    }

    private static SignalHandler handle(Signal signal, SignalHandler handler) {
        try {
            return Signal.handle(signal, handler);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
    }

    private void onSignal(Signal sig, StopRequest stop, PrintWriter err, Duration grace, Runnable hardStop) {
        String what = sig.getName().equals("TERM") ? "terminated (SIGTERM)" : "interrupted";
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
    }

    @Override
    public void close() {
        if (previousInt != null) {
            Signal.handle(INT, previousInt);
        }
        if (previousTerm != null) {
            Signal.handle(TERM, previousTerm);
        }
    }
}
