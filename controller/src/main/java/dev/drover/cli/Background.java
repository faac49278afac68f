package dev.drover.cli;

import dev.drover.persist.PersistClient;
import dev.drover.persist.PersistDir;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What one {@code exec} or {@code run} leaves running for the next command: the persist process,
 * when none answered its first lease, and a command worker, when it ran in a JVM of its own. Both
 * are only noted while the command runs ({@link #wantPersist}, {@link #wantWorker}, from any
 * thread) and started by whoever ran it once its result is out, its output flushed and its exit
 * code final ({@link #start}): {@link Main#main} just before its JVM exits, a command worker after
 * it answered its client. A cold run never shares its CPU with the two JVMs starting beside it (on a
 * loaded two-core machine they had taken about a fifth of its wall time), and nothing it runs
 * waits for them. Commands run in-process ({@link Main#run(String[], java.io.PrintWriter,
 * java.io.PrintWriter)}: tests, the demo) get one that is never started.
 */
final class Background {
    private final boolean workerAllowed;
    private volatile PersistDir persistDir;
    private volatile Duration persistKeep;
    private volatile PersistDir workerDir;
    private volatile Duration workerKeep;

    /** @param workerAllowed whether this command may start a command worker: an exec or run in its own JVM */
    Background(boolean workerAllowed) {
        this.workerAllowed = workerAllowed;
    }

    /** For {@link Main#main}: a worker only for the commands workers serve, unless DROVER_THIN=0. */
    static Background ownJvm(String[] args) {
        return new Background(args.length > 0 && CommandWorker.SERVED.contains(args[0])
                && !"0".equals(System.getenv("DROVER_THIN")));
    }

    /** No persist process answered in {@code dir}: start one after the command. */
    void wantPersist(PersistDir dir, Duration keep) {
        persistKeep = keep;
        persistDir = dir;
    }

    /** This command ran with persist on in {@code dir}: start a worker for its directory and environment after it. */
    void wantWorker(PersistDir dir, Duration keep) {
        if (workerAllowed) {
            workerKeep = keep;
            workerDir = dir;
        }
    }

    /**
     * Starts, detached, what was wanted and does not answer yet (another command may have started
     * it meanwhile): the persist process first, which the next command's leases need, then the
     * worker. Failures are {@code notes}, never errors. Called once, after the command.
     */
    void start(Consumer<String> notes) {
        PersistDir persist = persistDir;
        if (persist != null) {
            persistDir = null;
            if (!PersistClient.answers(persist)) {
                PersistClient.spawn(persist, persistKeep, notes);
            }
        }
        PersistDir worker = workerDir;
        if (worker != null) {
            workerDir = null;
            CommandWorker.spawn(worker, workerKeep, notes);
        }
    }
}
