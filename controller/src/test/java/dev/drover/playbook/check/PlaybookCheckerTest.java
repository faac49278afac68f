package dev.drover.playbook.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.playbook.Playbook;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.parse.PlaybookParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaybookCheckerTest {
    private static final Set<String> MODULES = Set.of("command", "shell", "copy");

    private static Path fixture(String name) throws Exception {
        return Path.of(PlaybookCheckerTest.class.getResource("/playbook/check/" + name).toURI());
    }

    @Test
    void reportsEveryReferenceProblemWithItsPosition() throws Exception {
        Path site = fixture("site.yml");
        Path dir = site.getParent();
        Playbook pb = new PlaybookParser(MODULES).parse(site);
        List<Problem> problems = new PlaybookChecker().check(pb);
        List<Problem> expected = List.of(
                new Problem(new SourcePos(site, 2, 3), "vars_files entry 'vars/missing.yml' not found (looked for "
                        + dir.resolve("vars/missing.yml") + ")"),
                new Problem(new SourcePos(site, 28, 7), "this handler has neither a name nor 'listen', so nothing can notify it"),
                new Problem(new SourcePos(site, 7, 7), "notify 'restart tomcatt' matches no handler name or listen topic in"
                        + " this play (did you mean 'restart tomcat'?); handlers: restart tomcat, proxy, restart web"),
                new Problem(new SourcePos(site, 13, 7), "register 'war-copy' is not a valid variable name; use letters,"
                        + " digits and underscores, not starting with a digit, and not a reserved word"),
                new Problem(new SourcePos(site, 16, 7), "include_tasks file 'tasks/absent.yml' not found (looked for "
                        + dir.resolve("tasks/absent.yml") + ")"),
                new Problem(new SourcePos(site, 20, 11), "notify 'nobody' matches no handler name or listen topic in this"
                        + " play; handlers: restart tomcat, proxy, restart web"),
                new Problem(new SourcePos(site, 20, 11), "loop_var '1bad' is not a valid variable name; use letters,"
                        + " digits and underscores, not starting with a digit, and not a reserved word"),
                new Problem(new SourcePos(site, 35, 7), "notify 'restart tomcat' matches no handler name or listen topic"
                        + " in this play; the play has no handlers"));
        assertEquals(expected, problems);
    }

    @Test
    void aCleanPlaybookHasNoProblems() throws Exception {
        assertEquals(List.of(), new PlaybookChecker().check(new PlaybookParser(MODULES).parse(fixture("clean.yml"))));
    }

    @Test
    void problemPrintsAsPositionAndMessage() {
        Problem p = new Problem(new SourcePos(Path.of("site.yml"), 3, 5), "notify 'x' matches no handler");
        assertEquals("site.yml:3:5: notify 'x' matches no handler", p.toString());
    }
}
