package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code --diff} and the {@code diff:} keyword, end to end with the real agent: what is printed is
 * what ansible-playbook 2.14 printed for the same play (lineinfile's list with headers, file's
 * before/after mappings as sorted JSON), and a task's {@code diff:} wins over its play's, which wins
 * over the command line.
 */
class DiffOutputTest extends LocalPlaybookRun {
    @Test
    void playDiffKeywordPrintsAnsiblesTextAndATaskCanTurnItOff() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "l1\nl2\nl3\nl4\nl5\nl6\n");
        Files.setPosixFilePermissions(dir.resolve("a.conf"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  diff: true
                  tasks:
                    - lineinfile: {path: OUT/a.conf, regexp: '^l2$', line: two}
                    - file: {path: OUT/a.conf, mode: "0644"}
                    - file: {path: OUT/a.conf, mode: "0640"}
                      diff: false
                """);
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        String conf = dir.resolve("a.conf").toString();
        assertTrue(run.out().contains("--- before: " + conf + " (content)\n+++ after: " + conf + " (content)\n"
                + "@@ -1,5 +1,5 @@\n l1\n-l2\n+two\n l3\n l4\n l5\n\n"), run.toString());
        assertTrue(run.out().contains("--- before\n+++ after\n@@ -1,4 +1,4 @@\n {\n-    \"mode\": \"0600\",\n"
                + "+    \"mode\": \"0644\",\n     \"path\": \"" + conf + "\"\n }\n\n"), run.toString());
        assertFalse(run.out().contains("\"0640\""), "diff: false on the task hides its diff\n" + run);
    }

    @Test
    void aPlayWithDiffFalseHidesWhatDiffAsksForAndUnchangedResultsShowNothing() throws IOException {
        Files.writeString(dir.resolve("b.conf"), "x\n");
        CliRun run = run("""
                - hosts: a
                  gather_facts: false
                  diff: false
                  tasks:
                    - lineinfile: {path: OUT/b.conf, line: y}
                - hosts: a
                  gather_facts: false
                  tasks:
                    - lineinfile: {path: OUT/b.conf, line: y}
                    - lineinfile: {path: OUT/b.conf, line: z}
                """, "--diff");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
        assertFalse(run.out().contains("+y"), "the play's diff: false wins over --diff\n" + run);
        assertTrue(run.out().contains("@@ -1,2 +1,3 @@\n x\n y\n+z\n"), run.toString());
        assertEquals(1, run.out().split("--- before", -1).length - 1, "an unchanged result prints no diff\n" + run);
    }
}
