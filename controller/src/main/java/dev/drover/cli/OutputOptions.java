package dev.drover.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How a run reports, for people and for other tools: {@code --output}, {@code --timestamps},
 * {@code --log-file}. Shared by {@code drover run} and {@code drover exec}; see docs/output.md.
 */
class OutputOptions {
    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "human",
            description = "human (default) or json: one JSON event per line on stdout, nothing else there (docs/output.md).")
    String output;

    @Option(names = "--timestamps",
            description = "Start each line of human output with the local time, e.g. 2026-11-28T18:01:02+00:00.")
    boolean timestamps;

    Path logFile;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Also append the human log to FILE, each line with the time and the run id.")
    void logFile(Path file) {
        logFile = OptionChecks.fileToWrite(spec, "--log-file", file);
    }

    boolean json() {
        return switch (output) {
            case "json" -> true;
            case "human" -> false;
            default -> throw new UserError("--output: unknown format '" + output + "'; use human or json");
        };
    }
}
