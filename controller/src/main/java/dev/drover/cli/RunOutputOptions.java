package dev.drover.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@link OutputOptions} plus the reports only a playbook run has. */
final class RunOutputOptions extends OutputOptions {
    Path junitXml;

    @Option(names = "--junit-xml", paramLabel = "FILE",
            description = "Write a JUnit XML report to FILE when the run ends (a testsuite per play, a testcase per task and host).")
    void junitXml(Path file) {
        junitXml = OptionChecks.fileToWrite(spec, "--junit-xml", file);
    }
}
