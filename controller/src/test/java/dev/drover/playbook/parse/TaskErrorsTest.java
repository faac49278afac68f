package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.PlaybookException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes inside task lists. Each test states the YAML, the exact line:column the user is sent
 * to (1-based, the key or value to fix), the message, and the hint.
 */
class TaskErrorsTest {
    @TempDir
    Path dir;

    /** Parses a one-play playbook whose tasks are {@code tasks}, indented under 'tasks:'. */
    private PlaybookException failure(String tasks) {
        String yaml = "- hosts: all\n  tasks:\n" + tasks.indent(4);
        Path site = Files.write(dir, "site.yml", yaml);
        return assertThrows(PlaybookException.class, () -> new PlaybookParser(Files.MODULES).parse(site));
    }

    private static void assertAt(PlaybookException e, int line, int column, String problem) {
        assertEquals(line + ":" + column, e.pos().line() + ":" + e.pos().column(), e.getMessage());
        assertEquals("site.yml", e.pos().file().getFileName().toString());
        assertEquals(problem, e.problem());
    }

    @Test
    void misspeltModuleSuggestsTheModule() {
        PlaybookException e = failure("""
                - name: Copy config
                  copyy:
                    src: a
                """);
        // Ansible 2.14's words; drover's suggestion leads the hint.
        assertAt(e, 4, 7, "couldn't resolve module/action 'copyy'. This often indicates a misspelling, missing collection, or incorrect module path.");
        assertEquals("    4 |       copyy:\n      |       ^", e.snippet());
        assertEquals("did you mean 'copy'? a task holds task keywords and exactly one module; check the spelling or the indentation",
                e.hint());
    }

    @Test
    void misspeltKeywordSuggestsTheKeyword() {
        PlaybookException e = failure("""
                - command: uptime
                  whne: ansible_os_family == 'RedHat'
                """);
        // Beside a module, Ansible 2.14 reads an unknown key as a second action.
        assertAt(e, 4, 7, "conflicting action statements: command, whne");
        assertTrue(e.hint().startsWith("did you mean 'when'?"), e.hint());
    }

    @Test
    void twoModulesConflict() {
        PlaybookException e = failure("""
                - name: two things
                  copy: src=a dest=b
                  file: path=b state=touch
                """);
        assertAt(e, 5, 7, "conflicting action statements: copy, file");
    }

    @Test
    void aTaskWithoutModuleSaysSo() {
        PlaybookException e = failure("""
                - name: only a name
                  when: true
                """);
        assertAt(e, 3, 7, "no module in this task");
    }

    @Test
    void conditionMustNotBeAMapping() {
        PlaybookException e = failure("""
                - command: uptime
                  when: {a: b}
                """);
        assertAt(e, 4, 13, "'when' must be a condition or a list of conditions, got a mapping");
        assertTrue(e.hint().startsWith("for example: when: result.rc == 0"), e.hint());
    }

    @Test
    void retriesMustBeANumber() {
        PlaybookException e = failure("""
                - command: uptime
                  retries: many
                """);
        assertAt(e, 4, 16, "'retries' must be a whole number (0 or more) or a template, got the string 'many'");
        assertEquals("for example: retries: 3", e.hint());
    }

    @Test
    void loopControlMustBeAMapping() {
        PlaybookException e = failure("""
                - command: echo {{ item }}
                  loop: [1, 2]
                  loop_control: 3
                """);
        assertAt(e, 5, 21, "'loop_control' must be a mapping, got the number 3");
    }

    @Test
    void becomeMustBeABoolean() {
        PlaybookException e = failure("""
                - command: id
                  become: maybe
                """);
        assertAt(e, 4, 15, "'become' must be a boolean (true/false, yes/no) or a template, got the string 'maybe'");
    }

    @Test
    void blockCannotAlsoRunAModule() {
        PlaybookException e = failure("""
                - name: protected
                  block:
                    - command: uptime
                  copy: src=a dest=b
                """);
        assertAt(e, 6, 7, "a block cannot also run a module ('copy')");
        assertEquals("move 'copy' into a task inside 'block:'", e.hint());
    }

    @Test
    void rescueNeedsABlock() {
        PlaybookException e = failure("""
                - command: uptime
                  rescue:
                    - command: echo failed
                """);
        assertAt(e, 4, 7, "'rescue' needs a 'block' in the same task");
    }

    @Test
    void taskOnlyKeywordsAreRejectedOnBlocks() {
        PlaybookException e = failure("""
                - block:
                    - command: uptime
                  register: out
                """);
        assertAt(e, 5, 7, "'register' is not valid on a block");
    }

    @Test
    void anUnknownKeyOnABlockIsAnsiblesInvalidAttribute() {
        PlaybookException e = failure("""
                - block:
                    - command: uptime
                  foo: bar
                """);
        assertAt(e, 5, 7, "'foo' is not a valid attribute for a Block");
    }

    @Test
    void unsupportedKeywordsAreNamedNotIgnored() {
        PlaybookException e = failure("""
                - command: /opt/long-job
                  delegate_facts: true
                """);
        assertAt(e, 4, 7, "'delegate_facts' is not supported by drover");
        assertEquals("facts of a delegated task stay with the current host", e.hint());
    }

    @Test
    void unsupportedLoopsPointToLoop() {
        PlaybookException e = failure("""
                - copy: src={{ item }} dest=/etc/
                  with_fileglob: "*.conf"
                """);
        assertAt(e, 4, 7, "'with_fileglob' is not supported by drover (only with_items, with_list, with_dict,"
                + " with_sequence, with_together, with_nested, with_indexed_items and with_flattened are)");
        assertTrue(e.hint().startsWith("use 'loop:' with a filter"), e.hint());
    }

    @Test
    void aMissingRoleIsNamedWithWhereItWasLookedFor() {
        PlaybookException e = failure("""
                - include_role:
                    name: alfresco
                """);
        assertEquals(4, e.pos().line());
        org.junit.jupiter.api.Assertions.assertTrue(e.problem().startsWith("the role 'alfresco' was not found in: "),
                e.problem());
    }

    @Test
    void listenOnlyOnHandlers() {
        PlaybookException e = failure("""
                - command: uptime
                  listen: restart
                """);
        assertAt(e, 4, 7, "'listen' is only valid on handlers");
    }

    @Test
    void collectionModulesAreUnknown() {
        PlaybookException e = failure("""
                - community.general.ini_file:
                    path: /x
                """);
        assertAt(e, 3, 7, "unknown module 'community.general.ini_file': drover has no Ansible collections");
    }

    @Test
    void freeFormTextOnlyForModulesThatTakeIt() {
        PlaybookException e = failure("""
                - copy: just some words
                """);
        assertAt(e, 3, 13, "'copy' does not take free-form text, but got 'just some words'");
    }

    @Test
    void unbalancedQuotesInKeyValueArgs() {
        PlaybookException e = failure("""
                - copy: src="a dest=b
                """);
        assertAt(e, 3, 13, "cannot split the arguments: unbalanced quotes or Jinja2 block in: src=\"a dest=b");
    }

    @Test
    void localActionAndDelegateToConflict() {
        PlaybookException e = failure("""
                - local_action: command hostname
                  delegate_to: db1
                """);
        assertAt(e, 4, 7, "'local_action' and 'delegate_to' cannot be used together");
    }

    @Test
    void oneLoopPerTask() {
        PlaybookException e = failure("""
                - command: echo {{ item }}
                  loop: [1]
                  with_items: [2]
                """);
        assertAt(e, 5, 7, "a task has one loop, but this one has both 'loop' and 'with_items'");
    }

    @Test
    void loopValueMustBeAListOrTemplate() {
        PlaybookException e = failure("""
                - command: echo {{ item }}
                  loop: packages
                """);
        assertAt(e, 4, 13, "'loop' must be a list or a template that renders to one, got the string 'packages'");
    }

    @Test
    void unknownActionInOldStyle() {
        PlaybookException e = failure("""
                - action: cpy src=a dest=b
                """);
        assertAt(e, 3, 15, "unknown module 'cpy' (did you mean 'copy'?)");
    }

    @Test
    void taskMustBeAMapping() {
        PlaybookException e = failure("""
                - debug msg=hello
                """);
        assertAt(e, 3, 7, "a task must be a mapping of keywords and one module, got the string 'debug msg=hello'");
    }

    @Test
    void tasksMustBeAList() {
        Path site = Files.write(dir, "site.yml", "- hosts: all\n  tasks:\n    name: x\n    command: uptime\n");
        PlaybookException e = assertThrows(PlaybookException.class, () -> new PlaybookParser(Files.MODULES).parse(site));
        assertAt(e, 3, 5, "'tasks' must be a list of tasks, got a mapping");
    }

    @Test
    void variableArgumentsAreRefused() {
        PlaybookException e = failure("""
                - copy: "{{ copy_args }}"
                """);
        assertAt(e, 3, 13, "arguments from a variable ('{{ copy_args }}') are not supported by drover");
    }

    @Test
    void playKeywordInsideATaskPointsAtIndentation() {
        PlaybookException e = failure("""
                - command: uptime
                  gather_facts: no
                """);
        assertAt(e, 4, 7, "'gather_facts' is a play keyword, not a task keyword");
        assertEquals("check the indentation: play keywords line up with the play's 'hosts:'", e.hint());
    }

    @Test
    void unknownLoopControlKeyword() {
        PlaybookException e = failure("""
                - command: echo {{ item }}
                  loop: [1]
                  loop_control:
                    loopvar: x
                """);
        assertAt(e, 6, 9, "'loopvar' is not a valid attribute for a LoopControl");
        assertTrue(e.hint().startsWith("did you mean 'loop_var'?"), e.hint());
    }

    @Test
    void pythonActionPluginIsRefusedAsSuch() {
        // Ansible's until target calls its own action_plugins/shell_no_failed.py.
        Files.write(dir, "action_plugins/shell_no_failed.py", "class ActionModule: pass\n");
        PlaybookException e = failure("""
                - shell_no_failed:
                    cmd: exit 0
                """);
        assertTrue(e.problem().startsWith("'shell_no_failed' is an Ansible action plugin ("), e.problem());
        assertTrue(e.problem().endsWith("shell_no_failed.py); drover runs no Python plugins"), e.problem());
    }
}
