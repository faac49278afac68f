package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Task;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import_tasks, import_playbook and task files: missing files, cycles, misuse. */
class ImportErrorsTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ImportErrorsTest.class.getResource("/playbook/errors/" + name).toURI());
    }

    private static PlaybookException failure(Path site) {
        return assertThrows(PlaybookException.class, () -> new PlaybookParser(Files.MODULES).parse(site));
    }

    @Test
    void missingImportPointsAtTheFileNameInTheImportingFile() throws Exception {
        Path site = fixture("import-missing/site.yml");
        PlaybookException e = failure(site);
        assertEquals(site + ":4:21", e.pos().toString());
        assertEquals("file not found: " + site.getParent().resolve("tasks/nowhere.yml"), e.problem());
        assertEquals("    4 |       import_tasks: tasks/nowhere.yml\n      |                     ^", e.snippet());
        assertTrue(e.hint().startsWith("relative paths are resolved against the directory of the file that names them"),
                e.hint());
    }

    @Test
    void importCycleNamesTheChainAndPointsAtTheImportThatClosesIt() throws Exception {
        Path site = fixture("import-cycle/site.yml");
        PlaybookException e = failure(site);
        assertEquals(site.getParent().resolve("tasks/b.yml") + ":3:17", e.pos().toString());
        assertEquals("import cycle: site.yml -> a.yml -> b.yml -> a.yml", e.problem());
    }

    @Test
    void importPlaybookCycle() throws Exception {
        Path site = fixture("playbook-cycle/site.yml");
        PlaybookException e = failure(site);
        assertEquals(site.getParent().resolve("again.yml") + ":1:20", e.pos().toString());
        assertEquals("import cycle: site.yml -> again.yml -> site.yml", e.problem());
    }

    @Test
    void importedFileErrorsPointIntoTheImportedFile() {
        Files.write(dir, "tasks/bad.yml", "- name: fine\n  command: uptime\n- name: typo\n  shel: ls\n");
        Path site = Files.write(dir, "site.yml", "- hosts: all\n  tasks:\n    - import_tasks: tasks/bad.yml\n");
        PlaybookException e = failure(site);
        assertEquals(dir.resolve("tasks/bad.yml") + ":4:3", e.pos().toString());
        assertEquals("couldn't resolve module/action 'shel'. This often indicates a misspelling, missing collection, or"
                + " incorrect module path.", e.problem());
        assertEquals("    4 |   shel: ls\n      |   ^", e.snippet());
    }

    @Test
    void importFileNameCannotBeTemplated() {
        Path site = Files.write(dir, "site.yml", "- hosts: all\n  tasks:\n    - import_tasks: \"{{ step }}.yml\"\n");
        PlaybookException e = failure(site);
        assertEquals("3:21", e.pos().line() + ":" + e.pos().column());
        assertEquals("import_tasks is static, so its file name cannot use variables ('{{ step }}.yml')", e.problem());
        assertEquals("use include_tasks to choose the file at run time", e.hint());
    }

    @Test
    void importRejectsLoopsAndKeywordsItCannotApply() {
        Files.write(dir, "t.yml", "- command: uptime\n");
        Path loop = Files.write(dir, "loop.yml", "- hosts: all\n  tasks:\n    - import_tasks: t.yml\n      loop: [1]\n");
        PlaybookException e = failure(loop);
        assertEquals("4:7", e.pos().line() + ":" + e.pos().column());
        assertEquals("'loop' cannot be used with import_tasks, which is static", e.problem());
        // Every block keyword (become, delegate_to...) is inherited by the imported tasks; register is not one.
        Path register = Files.write(dir, "register.yml", "- hosts: all\n  tasks:\n    - import_tasks: t.yml\n      register: r\n");
        PlaybookException b = failure(register);
        assertEquals("'register' cannot be used with import_tasks (it takes: any_errors_fatal, become, become_exe, become_flags, become_method,"
                + " become_user, check_mode, delegate_to, diff, environment, ignore_errors, ignore_unreachable, name,"
                + " no_log, notify, remote_user, run_once, tags, throttle, timeout, vars, when)", b.problem());
    }

    @Test
    void includeTasksApplyTakesABlocksKeywordsAndImportTasksNoApply() {
        Path site = Files.write(dir, "site.yml",
                "- hosts: all\n  tasks:\n    - include_tasks:\n        file: t.yml\n        apply: {changed_when: false}\n");
        PlaybookException e = failure(site);
        // ansible-playbook 2.14: "'changed_when' is not a valid attribute for a Block"
        assertEquals("'changed_when' is not a valid keyword for include_tasks' apply", e.problem());
        assertTrue(e.hint().startsWith("apply takes a block's keywords: "), e.hint());

        Path imported = Files.write(dir, "site.yml",
                "- hosts: all\n  tasks:\n    - import_tasks:\n        file: t.yml\n        apply: {become: yes}\n");
        e = failure(imported);
        assertEquals("invalid option for import_tasks: 'apply'", e.problem());
        assertEquals("an import's own keywords already apply to every imported task", e.hint());
    }

    @Test
    void taskFileMustBeAList() {
        Path file = Files.write(dir, "t.yml", "- hosts: all\n  tasks: []\n".replace("- ", "").replace("\n  ", "\n"));
        PlaybookException e = assertThrows(PlaybookException.class, () -> new TaskFileParser(Files.MODULES).parse(file));
        assertEquals("a task file must be a list of tasks, got a mapping", e.problem());
        assertEquals("this looks like a play; a playbook is imported with import_playbook at its top level", e.hint());
    }

    @Test
    void includedFileIsParsedAtRunTimeRelativeToTheIncludingFile() throws Exception {
        Files.write(dir, "tasks/23.2.yml", "- name: step\n  import_tasks: common/pre.yml\n  tags: v23\n");
        Files.write(dir, "tasks/common/pre.yml", "- command: echo pre\n");
        Path site = Files.write(dir, "site.yml", "- hosts: all\n  tasks:\n    - include_tasks: \"{{ v }}.yml\"\n");
        dev.drover.playbook.TaskInclude inc = (dev.drover.playbook.TaskInclude)
                new PlaybookParser(Files.MODULES).parse(site).plays().get(0).tasks().get(0);
        // what the executor does once it has rendered "{{ v }}.yml" for a host:
        List<Task> tasks = new TaskFileParser(Files.MODULES).parse(inc.baseDir().resolve("tasks/23.2.yml"));
        assertEquals(1, tasks.size());
        assertEquals(dir.resolve("tasks/common/pre.yml") + ":1:3", tasks.get(0).pos().toString());
        assertEquals(List.of("v23"), tasks.get(0).options().tags());
    }

    @Test
    void emptyTaskFileHasNoTasks() throws Exception {
        Path file = Files.write(dir, "empty.yml", "# placeholder\n");
        assertEquals(List.of(), new TaskFileParser(Files.MODULES).parse(file));
    }

    @Test
    void missingTaskFileGivenDirectly() {
        Path file = dir.resolve("missing.yml");
        PlaybookException e = assertThrows(PlaybookException.class, () -> new TaskFileParser(Files.MODULES).parse(file));
        assertEquals(file + ":1:1", e.pos().toString());
        assertEquals("file not found: " + file, e.problem());
    }
}
