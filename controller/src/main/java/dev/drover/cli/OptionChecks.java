package dev.drover.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks for options whose type alone admits nonsense ({@code -f 0}, {@code --color maybe}):
 * refused while the command line is parsed, so they exit 4 before anything is loaded or touched.
 */
final class OptionChecks {
    static final List<String> COLOR = List.of("auto", "always", "never");

    private OptionChecks() {
    }

    static int atLeastOne(CommandSpec spec, String option, int value, String what) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1 (" + what + "); got " + value);
        }
        return value;
    }

    /** A file drover will write: not a directory (so {@code --log-file /} is refused, not a crash or a warning). */
    static java.nio.file.Path fileToWrite(CommandSpec spec, String option, java.nio.file.Path file) {
        if (file.getFileName() == null || java.nio.file.Files.isDirectory(file)) {
            throw new ParameterException(spec.commandLine(), option + " " + file + " is a directory; give a file name"
                    + " in it, e.g. " + file.toAbsolutePath().resolve(option.equals("--junit-xml") ? "report.xml" : "drover.log"));
        }
        return file;
    }

    static String color(CommandSpec spec, String when) {
        if (!COLOR.contains(when)) {
            throw new ParameterException(spec.commandLine(), "--color must be one of auto, always or never; got '" + when + "'");
        }
        return when;
    }
}
