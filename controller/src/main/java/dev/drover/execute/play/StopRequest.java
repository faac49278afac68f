package dev.drover.execute.play;

/**
 * The operator asked the run to stop (Ctrl-C): no new task starts, tasks already running on hosts
 * finish, the run ends with the recap. Set from any thread (a signal handler); read by the run's
 * main thread before each task and batch.
 */
public final class StopRequest {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }
}
