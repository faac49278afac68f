package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Extra variables and secrets: no {@code -e} value is journaled unless marked
 * {@code --extra-vars-safe} (whatever its name), a password-like value typed on the command line
 * gets a warning that never repeats it, and {@code --resume} reads an {@code -e @FILE} again
 * instead of needing its secrets journaled.
 */
class ExtraVarsSecretsTest extends LocalPlaybookRun {
    private static final String PLAYBOOK = """
            - hosts: a
              gather_facts: false
              tasks:
                - shell: test ! -e OUT/fault
                - shell: echo {{ version }} >> OUT/done
                - copy: {content: "{{ dbpw }}", dest: OUT/pw}
                  no_log: true
            """;

    private String journal() throws IOException {
        Path runs = dir.resolve("state/runs");
        try (Stream<Path> s = Files.walk(runs)) {
            StringBuilder all = new StringBuilder();
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(p));
            }
            return all.toString();
        }
    }

    @Test
    void everyExtraVarIsMaskedInTheJournalUnlessMarkedSafe() throws IOException {
        CliRun run = run(PLAYBOOK, "--state-dir", dir.resolve("state").toString(), "-e", "version=5.2.8",
                "-e", "dbpw=xyzzy-42", "--extra-vars-safe", "version");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertEquals("xyzzy-42", read("pw"));
        String journal = journal();
        assertFalse(journal.contains("xyzzy-42"), "a name that does not look secret is masked all the same: " + journal);
        assertTrue(journal.contains("\"extra_vars\":{\"version\":\"5.2.8\"}"), journal);
        assertTrue(journal.contains("\"masked_vars\":[\"dbpw\"]"), journal);
    }

    @Test
    void aPasswordLikeValueOnTheCommandLineIsWarnedAboutWithoutRepeatingIt() throws IOException {
        CliRun run = run(PLAYBOOK, "--state-dir", dir.resolve("state").toString(), "-e", "version=5.2.8",
                "-e", "dbpw=x", "-e", "setting=Xk9#mP2vL7qW", "-e", "{\"db_password\": \"hunter2\"}");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertTrue(run.err().contains("[WARNING]: -e setting=...: the value is as random as a password"), run.toString());
        assertTrue(run.err().contains("[WARNING]: -e db_password=...: its name looks like a password's"), run.toString());
        assertTrue(run.err().contains("-e @FILE, or set DROVER_EXTRA_VARS_FILE=FILE"), run.toString());
        assertFalse(run.err().contains("version=..."), "an ordinary value is not warned about\n" + run);
        assertFalse(run.toString().contains("Xk9#mP2vL7qW") || run.toString().contains("hunter2"), run.toString());
    }

    @Test
    void aValueFromAFileIsNotWarnedAboutAndResumeReadsTheFileAgain() throws IOException {
        Path secrets = write("secrets.yml", "dbpw: Xk9#mP2vL7qW\nversion: '23.4'\n");
        write("fault", "");
        String state = dir.resolve("state").toString();
        CliRun failed = run(PLAYBOOK, "--state-dir", state, "-e", "@" + secrets);
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        assertFalse(failed.err().contains("[WARNING]: -e"), failed.toString());
        assertFalse(journal().contains("Xk9#mP2vL7qW"), journal());
        assertTrue(journal().contains(secrets.toString()), "the file's path is journaled for resume: " + journal());

        Files.delete(dir.resolve("fault"));
        CliRun resumed = CliRun.of("run", "--resume", "last", "--state-dir", state);
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals("Xk9#mP2vL7qW", read("pw"));
        assertEquals(List.of("23.4"), Files.readAllLines(dir.resolve("done")));
        assertFalse(journal().contains("Xk9#mP2vL7qW"), journal());
    }

    @Test
    void resumeRefusesAMaskedCommandLineValueAndNamesIt() throws IOException {
        write("fault", "");
        String state = dir.resolve("state").toString();
        CliRun failed = run(PLAYBOOK, "--state-dir", state, "-e", "version=1", "-e", "dbpw=x", "--extra-vars-safe", "version");
        assertEquals(ExitCodes.HOST_FAILED, failed.exitCode(), failed.toString());
        CliRun refused = CliRun.of("run", "--resume", "last", "--state-dir", state);
        assertEquals(ExitCodes.BAD_INPUT, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("were not journaled (dbpw)"), refused.toString());
        assertFalse(refused.err().contains("version"), "the safe one is journaled: " + refused);
    }
}
