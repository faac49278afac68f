package dev.drover.cli;

import dev.drover.state.StateDir;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --state-dir}, shared by every verb that keeps state on the controller (the overlap lock,
 * the run journal). One mixin so both resolve the same directory the same way.
 */
final class StateOptions {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where drover keeps locks and run journals (default: $" + StateDir.ENV + ", else ./"
                    + StateDir.DEFAULT_NAME + ").")
    Path stateDir;

    StateDir resolve() {
        return StateDir.resolve(Optional.ofNullable(stateDir), System.getenv(), Path.of("").toAbsolutePath());
    }
}
