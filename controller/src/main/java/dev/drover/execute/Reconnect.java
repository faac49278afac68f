package dev.drover.execute;

import dev.drover.remote.AgentException;
import dev.drover.remote.AgentLostException;
import dev.drover.remote.AgentOptions;
import dev.drover.remote.AgentPool;
import dev.drover.remote.HostAgent;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.TransportException;

/**
 * The reconnect loop after a lost agent, shared by a keyed step ({@link Reattach}) and fact
 * gathering ({@link AgentCall#rerunnable}): the dead connection is discarded, and after a backoff of
 * 1, 2, 4, 8, 15, 15 ... s the connection is opened again from scratch (so the host key is verified
 * again and a changed key still refuses) and a new agent started, then {@code attempt} runs on it.
 * Each attempt is announced to the step's {@link Step.Events}. {@code -Ddrover.reconnectBackoffPercent=P}
 * scales the backoff to P % (100 unless set; the tests that cut connections use 25, so that a refused
 * attempt costs them 0.25 s, not 1 s, and the next one after sshd is back comes sooner). When the window closes first, or the
 * operator asks the run to stop (checked every {@value #STOP_CHECK_MS} ms and before each attempt:
 * Ctrl-C ends the wait at once), {@link WindowClosed} carries the caller's message.
 *
 * <p>Runs on the host's thread; the pool is thread-safe.
 */
final class Reconnect {
    private static final long[] BACKOFF_SECONDS = {1, 2, 4, 8, 15};
    static final String BACKOFF_PERCENT_PROPERTY = "drover.reconnectBackoffPercent";
    private static final long STOP_CHECK_MS = 100;

    private Reconnect() {
    }

    /** What to do on the new agent; {@code attempts} is how many reconnects it took. */
    @FunctionalInterface
    interface Attempt<T> {
        T apply(HostAgent agent, int attempts) throws AgentException;
    }

    /** The operator's message when the loop gives up. */
    @FunctionalInterface
    interface GiveUp {
        /**
         * @param interrupted the run was asked to stop (else the window closed)
         * @param attempts    reconnects tried
         */
        String message(boolean interrupted, int attempts, String lastReason);
    }

    /** Thrown when the window closed without a new connection; the message is the operator's. */
    static final class WindowClosed extends Exception {
        private static final long serialVersionUID = 1L;

        WindowClosed(String message) {
            super(message);
        }
    }

    /**
     * Reconnects within {@code step.graceSeconds()} of now and applies {@code attempt} on the new
     * agent. A transport failure other than a refused or dropped connection (a changed host key,
     * refused credentials) is thrown as is: reconnecting must not get past it.
     */
    static <T> T withBackoff(AgentPool pool, ConnectionSettings settings, AgentOptions options, Step step,
            AgentLostException lost, Attempt<T> attempt, GiveUp giveUp)
            throws AgentException, TransportException, WindowClosed {
        String host = settings.hostName();
        long deadline = System.nanoTime() + step.graceSeconds() * 1_000_000_000L;
        String reason = lost.getMessage();
        for (int n = 1; ; n++) {
            step.events().connectionLost(host, step.key(), n, reason);
            pool.discard(host);
            long waitMs = backoffMillis(n);
            if (System.nanoTime() + waitMs * 1_000_000L > deadline) {
                throw new WindowClosed(giveUp.message(false, n - 1, reason));
            }
            sleep(waitMs, step.events());
            if (step.events().stopRequested() || Thread.currentThread().isInterrupted()) {
                throw new WindowClosed(giveUp.message(true, n - 1, reason));
            }
            try {
                return attempt.apply(pool.open(settings, options), n);
            } catch (AgentLostException again) {
                reason = again.getMessage();
            } catch (TransportException e) {
                if (e.kind() != TransportException.Kind.CONNECT && e.kind() != TransportException.Kind.DISCONNECTED) {
                    throw e;
                }
                reason = e.getMessage();
            }
        }
    }

    /** The wait before attempt {@code n} (from 1): the backoff's entry, scaled by {@value #BACKOFF_PERCENT_PROPERTY}. */
    static long backoffMillis(int n) {
        long percent = Math.max(1, Long.getLong(BACKOFF_PERCENT_PROPERTY, 100));
        return BACKOFF_SECONDS[Math.min(n - 1, BACKOFF_SECONDS.length - 1)] * 10 * percent;
    }

    /** Sleeps {@code millis}, less when the run is asked to stop or the thread is interrupted. */
    private static void sleep(long millis, Step.Events events) {
        long end = System.nanoTime() + millis * 1_000_000L;
        try {
            while (!events.stopRequested() && System.nanoTime() < end) {
                Thread.sleep(Math.min(STOP_CHECK_MS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
