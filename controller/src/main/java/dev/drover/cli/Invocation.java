package dev.drover.cli;

import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * What one command gets from the process the operator started: that process's id (written in the
 * run's journal and lock, so a stale one is told from a live one), its signals, and the way to end
 * the command at once. A CLI that runs its own command is that process ({@link #OWN_JVM}); a
 * command a command worker runs belongs to the thin client that asked for it ({@code
 * CommandWorker}), whose Ctrl-C and SIGTERM come over its socket and whose hard stop ends that one
 * command, not the worker and the other commands it runs.
 */
interface Invocation {
    /** The process the operator sees running the command (and may signal or kill). */
    long pid();

    /**
     * Routes SIGINT and SIGTERM ("INT", "TERM") to {@code handler} until the returned handle is
     * closed, which restores what was there before. A JVM started with -Xrs keeps the defaults.
     */
    AutoCloseable onSignals(Consumer<String> handler);

    /**
     * Ends the command now with {@code code}, leaving what runs on hosts to the hosts. Does not
     * return in a JVM of its own; in a worker, it answers the client with {@code code}, drops the
     * command's later output and runs {@code abort} (close its agents, release its lock), and the
     * command's thread unwinds by itself.
     */
    void halt(int code, Runnable abort);

    /** A CLI in its own JVM: its pid, the JVM's signal handlers, {@link Runtime#halt}. */
    Invocation OWN_JVM = new Invocation() {
        @Override
        public long pid() {
            return ProcessHandle.current().pid();
        }

        @Override
        public AutoCloseable onSignals(Consumer<String> handler) {
            SignalHandler h = sig -> handler.accept(sig.getName());
            SignalHandler previousInt = handle(new Signal("INT"), h);
            SignalHandler previousTerm = handle(new Signal("TERM"), h);
            return () -> {
                if (previousInt != null) {
                    Signal.handle(new Signal("INT"), previousInt);
                }
                if (previousTerm != null) {
                    Signal.handle(new Signal("TERM"), previousTerm);
                }
            };
        }

        private static SignalHandler handle(Signal signal, SignalHandler handler) {
            try {
                return Signal.handle(signal, handler);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return null;
            }
        }

        @Override
        public void halt(int code, Runnable abort) {
            Runtime.getRuntime().halt(code);
        }
    };
}
