package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.Block;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Role;
import dev.drover.playbook.TaskInclude;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles as the parser loads them: layout, dependencies, combined variables, search path, errors. */
class RolesParseTest {
    @TempDir
    Path dir;

    @BeforeEach
    void roles() {
        Files.write(dir, "roles/base/defaults/main.yml", "d: base-default\nshared: base\n");
        Files.write(dir, "roles/base/tasks/main.yml", "- command: echo base\n");
        Files.write(dir, "roles/app/meta/main.yml", "dependencies:\n  - role: base\n    vars: {dep_var: 1}\n    p: from-meta\n");
        Files.write(dir, "roles/app/defaults/main.yml", "d: app-default\n");
        Files.write(dir, "roles/app/vars/main.yml", "v: app-vars\n");
        Files.write(dir, "roles/app/tasks/main.yml", "- command: echo app\n  notify: restart\n");
        Files.write(dir, "roles/app/tasks/other.yml", "- command: echo other\n");
        Files.write(dir, "roles/app/handlers/main.yml", "- name: restart\n  command: echo restart\n");
    }

    private Play parse(String yaml) throws PlaybookException {
        return new PlaybookParser(Files.MODULES).parse(Files.write(dir, "site.yml", yaml)).plays().get(0);
    }

    private PlaybookException failure(String yaml) {
        return assertThrows(PlaybookException.class, () -> parse(yaml));
    }

    @Test
    void aRoleIsABlockWithItsDependenciesFirstAndHandlersOfThePlay() throws PlaybookException {
        Play play = parse("- hosts: all\n  roles:\n    - role: app\n      port: 9000\n      tags: [app]\n  tasks:\n"
                + "    - command: echo task\n");
        Block app = assertInstanceOf(Block.class, play.tasks().get(0));
        Role role = app.role().orElseThrow();
        assertEquals("app", role.name());
        assertEquals(dir.resolve("roles/app"), role.path());
        assertEquals(List.of("app"), app.options().tags());
        Block base = assertInstanceOf(Block.class, app.block().get(0));
        assertEquals("base", base.role().orElseThrow().name());
        assertEquals("echo app", ((ModuleTask) app.block().get(1)).args().get(ModuleTask.RAW_PARAMS));
        assertEquals("echo task", ((ModuleTask) play.tasks().get(1)).args().get(ModuleTask.RAW_PARAMS),
                "no handler flush between roles and tasks: Ansible 2.14 flushes after both");
        Block handlers = assertInstanceOf(Block.class, play.handlers().get(0));
        assertEquals(role, handlers.role().orElseThrow());
    }

    @Test
    void variablesCombineAlongTheDependencyChain() throws PlaybookException {
        Play play = parse("- hosts: all\n  roles:\n    - role: app\n      vars: {entry: e}\n      port: 9000\n");
        Role app = ((Block) play.tasks().get(0)).role().orElseThrow();
        Role base = ((Block) ((Block) play.tasks().get(0)).block().get(0)).role().orElseThrow();
        assertEquals(Map.of("d", "app-default", "shared", "base"), app.defaults(), "own defaults over the dependency's");
        assertEquals(Map.of("dep_var", 1, "entry", "e", "v", "app-vars"), app.vars());
        assertEquals(Map.of("port", 9000), app.params());
        assertEquals("base-default", base.defaults().get("d"), "a dependency's own defaults win over its parent's");
        assertEquals("app-vars", base.vars().get("v"), "a dependency sees its parent's vars");
        assertEquals(Map.of("port", 9000, "p", "from-meta"), base.params());
    }

    @Test
    void aRoleListedTwiceIsKeptWithTheKeyThatDecidesPerHostWhetherItRunsAgain() throws PlaybookException {
        Play play = parse("- hosts: all\n  roles: [base, base, {role: base, x: 1}]\n  tasks:\n"
                + "    - import_role: {name: base}\n    - import_role: {name: base, allow_duplicates: false}\n");
        assertEquals(5, play.tasks().size(), "three role blocks, two imports");
        Role first = ((Block) play.tasks().get(0)).role().orElseThrow();
        Role again = ((Block) play.tasks().get(1)).role().orElseThrow();
        Role withParams = ((Block) play.tasks().get(2)).role().orElseThrow();
        Role imported = ((Block) play.tasks().get(3)).role().orElseThrow();
        Role importedOnce = ((Block) play.tasks().get(4)).role().orElseThrow();
        assertEquals(first.key(), again.key(), "the same role object: runs again only where it has not run");
        assertTrue(first.once());
        assertTrue(!first.key().equals(withParams.key()), "other params: another role object");
        assertTrue(!imported.key().equals(first.key()), "an import is never the same role object as a roles: entry");
        assertTrue(!imported.once(), "an import allows duplicates unless it says otherwise");
        assertTrue(importedOnce.once());
        assertEquals(imported.key(), importedOnce.key());
    }

    @Test
    void includeRoleCarriesTheRoleAndImportRoleIsInlined() throws PlaybookException {
        Play play = parse("- hosts: all\n  tasks:\n    - include_role:\n        name: app\n        tasks_from: other\n"
                + "      loop: [1, 2]\n    - import_role: {name: base}\n      when: x is defined\n");
        TaskInclude inc = assertInstanceOf(TaskInclude.class, play.tasks().get(0));
        Block roleBlock = inc.role().orElseThrow();
        assertEquals("echo other", ((ModuleTask) roleBlock.block().get(1)).args().get(ModuleTask.RAW_PARAMS));
        Block imported = assertInstanceOf(Block.class, play.tasks().get(1));
        assertEquals(List.of("x is defined"), imported.options().when());
        assertTrue(imported.role().orElseThrow().playWide());
        assertTrue(!roleBlock.role().orElseThrow().playWide(), "an include_role is private unless public: true");
    }

    @Test
    void rolesPathIsSearchedAfterRolesNextToThePlaybook() throws PlaybookException {
        Files.write(dir, "elsewhere/far/tasks/main.yml", "- command: echo far\n");
        Path site = Files.write(dir, "site.yml", "- hosts: all\n  roles: [far]\n");
        Play play = new PlaybookParser(Files.MODULES, List.of(dir.resolve("elsewhere"))).parse(site).plays().get(0);
        assertEquals(dir.resolve("elsewhere/far"), ((Block) play.tasks().get(0)).role().orElseThrow().path());
    }

    @Test
    void errorsNameTheRoleAndThePlace() {
        PlaybookException missing = failure("- hosts: all\n  roles:\n    - nowhere\n");
        assertEquals("3:7", missing.pos().line() + ":" + missing.pos().column());
        assertTrue(missing.problem().startsWith("the role 'nowhere' was not found in: " + dir.resolve("roles/nowhere")),
                missing.problem());
        PlaybookException from = failure("- hosts: all\n  tasks:\n    - import_role: {name: app, tasks_from: nope}\n");
        assertTrue(from.problem().startsWith("role 'app': tasks_from 'nope' not found"), from.problem());
        Files.write(dir, "roles/broken/tasks/main.yml", "- command: echo\n  bogus_keyword: 1\n");
        PlaybookException broken = failure("- hosts: all\n  roles: [broken]\n");
        assertEquals(dir.resolve("roles/broken/tasks/main.yml"), broken.pos().file());
        assertEquals("2:3", broken.pos().line() + ":" + broken.pos().column());
    }

    @Test
    void otherCollectionsAreRefusedByName() {
        PlaybookException play = failure("- hosts: all\n  collections: [community.general]\n  tasks: []\n");
        assertTrue(play.problem().startsWith("the collection 'community.general' is not available"), play.problem());
        PlaybookException role = failure("- hosts: all\n  roles: [geerlingguy.java.java]\n");
        assertTrue(role.problem().contains("from the collection 'geerlingguy.java'"), role.problem());
    }

    @Test
    void builtinCollectionNamesAreTheBuiltins() throws PlaybookException {
        Play play = parse("- hosts: all\n  collections: [ansible.builtin, ansible.legacy]\n  tasks:\n"
                + "    - ansible.builtin.command: echo a\n    - ansible.legacy.command: echo b\n"
                + "    - ansible.builtin.include_role: {name: base}\n");
        assertEquals("command", ((ModuleTask) play.tasks().get(0)).module());
        assertEquals("command", ((ModuleTask) play.tasks().get(1)).module());
        assertInstanceOf(TaskInclude.class, play.tasks().get(2));
    }
}
