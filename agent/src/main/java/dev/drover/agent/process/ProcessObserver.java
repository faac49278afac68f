package dev.drover.agent.process;

/**
 * Told about the child processes a {@link SystemProcessRunner} starts: a step's spool records the
 * pid and appends the output as it arrives, so a controller that lost its connection (or a later
 * agent) can say what the step printed and whether its process still runs.
 *
 * <p>Threading: {@link #output} is called by the stream reader threads (stdout and stderr each have
 * one), concurrently; implementations synchronise.
 */
public interface ProcessObserver {
    /** The child started; {@code pid} is -1 when the JVM does not tell it. */
    void started(long pid);

    /** Bytes the child wrote on stdout or stderr, in arrival order per stream. */
    void output(byte[] bytes, int offset, int length);
}
