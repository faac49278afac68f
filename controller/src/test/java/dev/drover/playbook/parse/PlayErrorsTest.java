package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.Play;
import dev.drover.playbook.PlaybookException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes at play and playbook level, with the exact line:column the user is sent to. */
class PlayErrorsTest {
    @TempDir
    Path dir;

    private PlaybookException failure(String yaml) {
        Path site = Files.write(dir, "site.yml", yaml);
        return assertThrows(PlaybookException.class, () -> new PlaybookParser(Files.MODULES).parse(site));
    }

    private Play parse(String yaml) throws PlaybookException {
        return new PlaybookParser(Files.MODULES).parse(Files.write(dir, "site.yml", yaml)).plays().get(0);
    }

    private static void assertAt(PlaybookException e, int line, int column, String problem) {
        assertEquals(line + ":" + column, e.pos().line() + ":" + e.pos().column(), e.getMessage());
        assertEquals(problem, e.problem());
    }

    @Test
    void playThatIsNotAMapping() {
        PlaybookException e = failure("- hosts: all\n  tasks: []\n- just a string\n");
        assertAt(e, 3, 3, "a play must be a mapping with 'hosts' and 'tasks', got the string 'just a string'");
        assertEquals("    3 | - just a string\n      |   ^", e.snippet());
    }

    @Test
    void playbookThatIsNotAList() {
        PlaybookException e = failure("hosts: all\ntasks: []\n");
        assertAt(e, 1, 1, "a playbook must be a list of plays, got a mapping");
        assertEquals("start each play with '- hosts: ...'", e.hint());
    }

    @Test
    void emptyPlaybook() {
        PlaybookException e = failure("# nothing yet\n");
        assertAt(e, 1, 1, "the playbook is empty");
    }

    @Test
    void misspeltPlayKeywordSuggestsTheKeyword() {
        PlaybookException e = failure("- hostz: all\n  tasks: []\n");
        assertAt(e, 1, 3, "'hostz' is not a valid attribute for a Play");
        assertTrue(e.hint().startsWith("did you mean 'hosts'? a play takes: any_errors_fatal, become,"), e.hint());
    }

    @Test
    void unsupportedPlayKeywordsSayWhatToDo() {
        PlaybookException gather = failure("- hosts: all\n  gather_subset: [min]\n");
        assertAt(gather, 2, 3, "'gather_subset' is not supported by drover");
        PlaybookException prompt = failure("- hosts: all\n  vars_prompt:\n    - name: pw\n");
        assertAt(prompt, 2, 3, "'vars_prompt' is not supported by drover");
    }

    @Test
    void missingHostsPointsAtThePlay() {
        PlaybookException e = failure("- name: no hosts here\n  tasks:\n    - command: uptime\n");
        assertAt(e, 1, 3, "this play has no 'hosts'");
        assertEquals("add the host pattern it runs on, e.g. 'hosts: alfresco' or 'hosts: all'", e.hint());
    }

    @Test
    void aTaskWrittenAsAPlayIsExplained() {
        PlaybookException e = failure("- name: restart\n  service: name=tomcat state=restarted\n");
        assertAt(e, 2, 3, "'service' is a task keyword or module, not a play keyword");
    }

    @Test
    void emptyHosts() {
        PlaybookException e = failure("- hosts:\n  tasks: []\n");
        assertAt(e, 1, 9, "'hosts' needs a host pattern");
    }

    @Test
    void serialMustBeCountsOrPercentages() {
        PlaybookException e = failure("- hosts: all\n  serial: [1, lots]\n");
        assertAt(e, 2, 15, "'serial' must be a number of hosts, a percentage or a list of them, got the string 'lots'");
    }

    @Test
    void orderStrategyAndConnectionAreCheckedAgainstTheirValues() {
        PlaybookException order = failure("- hosts: all\n  order: reversed_sorted\n");
        assertAt(order, 2, 10, "unknown order 'reversed_sorted' (did you mean 'reverse_sorted'?)");
        PlaybookException strategy = failure("- hosts: all\n  strategy: fre\n");
        assertAt(strategy, 2, 13, "unknown strategy 'fre' (did you mean 'free'?)");
        PlaybookException connection = failure("- hosts: all\n  connection: winrm\n");
        assertAt(connection, 2, 15, "unknown connection 'winrm'");
        assertEquals("connection is one of: local, ssh", connection.hint());
    }

    @Test
    void percentageOutOfRange() {
        PlaybookException e = failure("- hosts: all\n  max_fail_percentage: 150\n");
        assertAt(e, 2, 24, "'max_fail_percentage' must be a percentage between 0 and 100, got the number 150");
    }

    @Test
    void varsMustBeAMapping() {
        PlaybookException e = failure("- hosts: all\n  vars: [a, b]\n");
        assertAt(e, 2, 10, "'vars' must be a mapping, got the string 'a'");
    }

    @Test
    void varsFilesAlternativesAreReadAsAListOfNamesToTryInOrder() throws Exception {
        Play play = parse("- hosts: all\n  vars_files:\n    - common.yml\n    - ['{{ os }}.yml', default.yml]\n");
        assertEquals(List.of(List.of("common.yml"), List.of("{{ os }}.yml", "default.yml")), play.varsFiles());
        assertAt(failure("- hosts: all\n  vars_files:\n    - [a.yml, [b.yml]]\n"), 3, 15,
                "a vars_files alternative must be a file name, got a list");
        assertAt(failure("- hosts: all\n  vars_files:\n    - []\n"), 3, 7,
                "an empty list of vars_files alternatives names no file");
    }

    @Test
    void olderListOfVarsMappingsIsMerged() throws Exception {
        Play play = parse("- hosts: all\n  vars:\n    - a: 1\n    - b: 2\n      a: 3\n");
        assertEquals(Map.of("a", 3, "b", 2), play.vars());
    }

    @Test
    void hostsAsAStringPatternAndTemplatedSettingsAreKept() throws Exception {
        Play play = parse("- hosts: \"{{ target | default('all') }}\"\n  serial: \"{{ batch }}\"\n  become: '{{ use_sudo }}'\n");
        assertEquals("{{ target | default('all') }}", play.hosts());
        assertEquals(java.util.List.of("{{ batch }}"), play.serial().steps());
        assertEquals(dev.drover.playbook.Setting.templated("{{ use_sudo }}"), play.become());
    }
}
