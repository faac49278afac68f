package dev.drover.execute;

/**
 * Receives results as they happen. Called from host threads, concurrently: implementations
 * synchronize their own output.
 */
public interface RunListener {
    void hostResult(HostResult result);
}
