package dev.drover.execute;

/**
 * Receives results as they happen, and a host's lost connection and reattachment
 * ({@link Step.Events}: {@code drover exec}'s command is a keyed step too). Called from host
 * threads, concurrently: implementations synchronize their own output.
 */
public interface RunListener extends Step.Events {
    void hostResult(HostResult result);
}
