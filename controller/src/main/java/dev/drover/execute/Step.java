package dev.drover.execute;

/**
 * A call that may change a host, named so that sending it again cannot run it twice: the agent
 * claims {@code key} in its spool on the host (docs/PROTOCOL.md, "Steps and reattachment"). The
 * key is the run-relative part (play, task position, visit, host, loop item, attempt);
 * {@link AgentCall} prefixes the run's original id, so a {@code --resume} names the same step.
 *
 * @param key          unique within the run, the same in a resumed run
 * @param graceSeconds how long the host keeps the step alive without a controller, and how long the
 *                     controller tries to reconnect to it
 * @param events       told about drops and reattachments (the run's listener)
 */
public record Step(String key, long graceSeconds, Events events) {

    /** Drops and reattachments, for the console and the journal. Called on the host's thread. */
    public interface Events {
        Events NONE = new Events() {
        };

        /** The connection dropped during the step; {@code attempt} (1, 2, ...) is the reconnect about to be tried. */
        default void connectionLost(String host, String step, int attempt, String reason) {
        }

        /** A reconnect succeeded and the step's result was obtained from the same step on the host. */
        default void reattached(String host, String step, int attempts, boolean replayed) {
        }

        /**
         * The host acknowledged claiming the step ({@code pid} -1), then named its process: from now
         * on the step must never be started again, only attached to (a {@code --resume} reads this
         * from the journal).
         */
        default void claimed(String host, String step, long pid) {
        }

        /**
         * The step's result reached the controller (its task result follows): a {@code --resume}
         * that runs the task again (it failed) may start it afresh. Not told for a result that
         * says the step's fate is unknown ({@code step_unknown}).
         */
        default void done(String host, String step) {
        }

        /** Returns once the claims told so far are recorded durably: the host may then drop their spools. */
        default void beforeForget() {
        }

        /** The operator asked the run to stop (Ctrl-C): a reconnect wait gives up at once. */
        default boolean stopRequested() {
            return false;
        }
    }

    /** The grace when the task says nothing: ten minutes, as the agent's default. */
    public static final long DEFAULT_GRACE_SECONDS = 600;
}
