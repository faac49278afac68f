package dev.drover.cli;

import dev.drover.persist.PersistClient;
import dev.drover.persist.PersistDir;
import dev.drover.remote.AgentJar;
import dev.drover.remote.AgentLeaser;
import dev.drover.remote.AgentPool;
import dev.drover.remote.AgentPools;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** How a run uses the persist process (drover's ControlPersist): exec and run share these. */
final class PersistOptions {
    static final int DEFAULT_SECONDS = 60;

    @Option(names = "--persist", paramLabel = "SECONDS",
            description = "Keep each host's connection and agent this long after the run, for the next run"
                    + " (default $DROVER_PERSIST, else " + DEFAULT_SECONDS + "; 0: off).")
    Integer seconds;

    @Option(names = "--no-persist", description = "Connect directly and keep nothing after the run (same as --persist 0).")
    boolean off;

    @Option(names = "--persist-dir", paramLabel = "DIR",
            description = "Where the persist process's socket is (default $DROVER_PERSIST_DIR, else ~/.cache/drover/persist/UID).")
    Path dir;

    /** What this command leaves running for the next one ({@link Main#run} sets it for exec and run). */
    Background background = new Background(false);

    Duration keep() {
        if (off) {
            return Duration.ZERO;
        }
        if (seconds != null) {
            if (seconds < 0) {
                throw new UserError("--persist takes seconds, 0 or more (0 turns it off), not " + seconds);
            }
            return Duration.ofSeconds(seconds);
        }
        String env = System.getenv("DROVER_PERSIST");
        if (env != null && !env.isBlank()) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(env.strip())));
            } catch (NumberFormatException e) {
                throw new UserError("DROVER_PERSIST must be a number of seconds (0 turns it off), not '" + env + "'");
            }
        }
        return Duration.ofSeconds(DEFAULT_SECONDS);
    }

    PersistDir persistDir() {
        return PersistDir.resolve(dir, System.getenv());
    }

    /** The run's agent pool ({@link AgentPools}), leasing from the persist process unless it is turned off. */
    AgentPool pool(PrintWriter err) {
        AgentJar jar = AgentJar.embedded();
        return AgentPools.open(jar, leaser(err, jar.sha256()));
    }

    /** The pool's leaser: the persist process, or none when turned off. */
    AgentLeaser leaser(PrintWriter err, String agentJarSha256) {
        Duration keep = keep();
        if (keep.isZero()) {
            return AgentLeaser.NONE;
        }
        PersistDir where = persistDir();
        Consumer<String> notes = m -> err.println("[WARNING]: " + m);
        Background after = background;
        after.wantWorker(where, keep);
        return new PersistClient(where, keep, agentJarSha256, notes, () -> after.wantPersist(where, keep));
    }
}
