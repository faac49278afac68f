package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Options whose type admits nonsense are refused while the command line is parsed: exit 4, a message
 * naming the option and what it accepts, and no host touched (the playbook would create a file).
 */
class OptionChecksTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            run  | -f 0                  | -f/--forks must be at least 1
            run  | -f -1                 | -f/--forks must be at least 1
            exec | -f 0                  | -f/--forks must be at least 1
            run  | --color maybe         | --color must be one of auto, always or never
            exec | --color yes           | --color must be one of auto, always or never
            run  | -T -5                 | -T/--timeout must be at least 1
            exec | -T 0                  | -T/--timeout must be at least 1
            run  | --limit=              | --limit is empty
            exec | --limit=              | --limit is empty
            run  | -b --become-method doas  | become method 'doas' is not supported
            exec | -b --become-method doas | become method 'doas' is not supported
            run  | --log-file /          | --log-file / is a directory
            exec | --log-file /tmp       | --log-file /tmp is a directory
            run  | --junit-xml /         | --junit-xml / is a directory
            """)
    void refusedBeforeAnythingRuns(String verb, String options, String message) throws Exception {
        Path marker = dir.resolve("touched");
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, "- hosts: all\n  gather_facts: false\n  tasks:\n    - command: touch " + marker + "\n");
        List<String> args = new ArrayList<>(List.of(verb, "-i", "localhost,"));
        args.addAll(List.of(options.split(" ")));
        if (verb.equals("run")) {
            args.add(pb.toString());
        } else {
            args.addAll(List.of("localhost", "--", "touch", marker.toString()));
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains(message), run.toString());
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run);
        assertFalse(Files.exists(marker), "no host was touched");
    }
}
