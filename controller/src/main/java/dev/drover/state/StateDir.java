package dev.drover.state;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's state directory. Resolution order: an explicit {@code --state-dir}, then the
 * environment variable {@value #ENV}, then {@value #DEFAULT_NAME} in the working directory (like
 * {@code .git}: runs of a project's playbooks are kept beside them). The directory is created by
 * whoever first writes under it, never by resolving it.
 *
 * @param root absolute path of the state directory
 */
public record StateDir(Path root) {

    /** Environment variable that moves the state directory, for cron jobs run from {@code /}. */
    public static final String ENV = "DROVER_STATE_DIR";

    /** Name of the default state directory, created in the working directory. */
    public static final String DEFAULT_NAME = ".drover";

    public StateDir {
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves the state directory for this process. */
    public static StateDir resolve(Optional<Path> option, Map<String, String> env, Path workingDir) {
        if (option.isPresent()) {
            return new StateDir(workingDir.resolve(option.get()));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new StateDir(workingDir.resolve(fromEnv));
        }
        return new StateDir(workingDir.resolve(DEFAULT_NAME));
    }

    /** Where run journals live: one directory per run id. */
    public Path runs() {
        return root.resolve("runs");
    }

    /** Where overlap locks live: one file per lock name. */
    public Path locks() {
        return root.resolve("locks");
    }
}
