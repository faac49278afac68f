package dev.drover.cli;

import dev.drover.state.StateDir;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The run journal's options of {@code drover run}: where runs are kept, {@code --resume}, gate progress. */
final class JournalOptions {
    @Mixin
    StateOptions state;

    @Option(names = "--resume", paramLabel = "RUN",
            description = "Continue run RUN (an id from 'drover history', or 'last'): tasks it completed on a host are"
                    + " not run again. Its playbook, inventory, -e, --limit and tags are used unless given again.")
    String resume;

    @Option(names = "--resume-force",
            description = "Resume even though the playbook or a file it imports changed since that run.")
    boolean resumeForce;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "When output is not a terminal, print a line about hosts waiting on a gate (wait_for, until)"
                    + " every SECONDS (default ${DEFAULT-VALUE}).")
    double progressInterval;

    StateDir state() {
        return state.resolve();
    }
}
