package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code drover check -i INVENTORY -e ...} reports a variable nothing could define for the play's
 * hosts, where the run fails that task on every host; and it stays quiet for everything that could be
 * defined at run time (inventory, -e, vars_files, roles, set_fact, register, include_vars, loops,
 * facts, magic variables) or is guarded ({@code default}, {@code is defined}, a {@code when} before
 * it, {@code ignore_errors}, a rescue): each quiet case is run too, and passes. Templated hosts,
 * vars_files and include_tasks names are resolved with play vars and -e as the run resolves them.
 */
class CheckUndefinedVariablesTest {
    /** Not under /tmp: drover refuses an agent cache there. */
    private static final Path ROOT = Path.of("target", "check-undefined").toAbsolutePath();
    private static final AtomicInteger N = new AtomicInteger();
    private static final String HEAD = "- hosts: all\n  gather_facts: false\n  tasks:\n";

    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        dir = ROOT.resolve("t" + N.incrementAndGet() + "-" + System.nanoTime());
        Files.createDirectories(dir);
        // The agent cache stays the default (~/.cache/drover/agent): a checkout may live under /tmp,
        // where drover refuses to keep it.
        Files.writeString(dir.resolve("hosts.ini"), "a ansible_connection=local hv=1\n[g]\na\n[g:vars]\ngv=2\nuse_ssl=false\n");
    }

    private CliRun check(String playbook, String... more) throws IOException {
        Files.writeString(dir.resolve("site.yml"), playbook);
        String[] args = new String[more.length + 4];
        args[0] = "check";
        args[1] = "-i";
        args[2] = dir.resolve("hosts.ini").toString();
        System.arraycopy(more, 0, args, 3, more.length);
        args[args.length - 1] = dir.resolve("site.yml").toString();
        return CliRun.of(args);
    }

    private CliRun run(String... more) {
        String[] args = new String[more.length + 6];
        args[0] = "run";
        args[1] = "--state-dir";
        args[2] = dir.resolve("state").toString();
        args[3] = "-i";
        args[4] = dir.resolve("hosts.ini").toString();
        System.arraycopy(more, 0, args, 5, more.length);
        args[args.length - 1] = dir.resolve("site.yml").toString();
        return CliRun.of(args);
    }

    @Test
    void variableNothingDefinesIsReportedWhereTheRunFailsEveryHost() throws IOException {
        CliRun r = check(HEAD + "    - debug: {msg: 'hello {{ hv }} {{ releese }}'}\n      vars: {release: 7}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("site.yml:4:7: debug: 'releese' is undefined: nothing defines it for this play's"
                + " hosts"), r.err());
        assertTrue(r.err().contains("(did you mean 'release'?)"), r.err());
        CliRun run = run();
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        assertTrue((run.out() + run.err()).contains("'releese' is undefined"), run.toString());
    }

    @Test
    void firstConditionAndLoopAreCheckedToo() throws IOException {
        CliRun r = check(HEAD + "    - debug: {msg: x}\n      when: use_sssl | bool\n"
                + "    - debug: {msg: '{{ item }}'}\n      loop: '{{ packages_list }}'\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("site.yml:4:7: when: 'use_sssl' is undefined") && r.err().contains("did you mean"
                + " 'use_ssl'?"), r.err());
        assertTrue(r.err().contains("site.yml:6:7: loop: 'packages_list' is undefined"), r.err());
    }

    @Test
    void whatCouldBeDefinedAtRunTimeIsNotReportedAndTheRunPasses() throws IOException {
        Files.writeString(dir.resolve("vf.yml"), "from_vars_file: 1\n");
        Files.writeString(dir.resolve("iv.yml"), "from_include_vars: 1\n");
        Files.createDirectories(dir.resolve("roles/r/defaults"));
        Files.createDirectories(dir.resolve("roles/r/tasks"));
        Files.writeString(dir.resolve("roles/r/defaults/main.yml"), "from_role: 1\n");
        Files.writeString(dir.resolve("roles/r/tasks/main.yml"), "- debug: {msg: '{{ from_role }} {{ later_fact }}'}\n");
        String playbook = "- hosts: all\n  gather_facts: false\n  vars: {pv: 1}\n  vars_files: [vf.yml]\n  tasks:\n"
                + "    - set_fact: {later_fact: 1}\n"
                + "    - include_vars: iv.yml\n"
                + "    - command: 'true'\n      register: reg\n"
                + "    - import_role: {name: r}\n"
                + "    - debug:\n        msg: >-\n          {{ pv }} {{ hv }} {{ gv }} {{ from_e }} {{ from_vars_file }}"
                + " {{ from_include_vars }} {{ reg.rc }} {{ inventory_hostname }} {{ groups['g'] }}"
                + " {{ hostvars[inventory_hostname].hv }} {{ playbook_dir }} {{ ansible_check_mode }}\n"
                + "    - debug: {msg: \"{{ guarded | default('d') }} {{ maybe if maybe is defined else 'no' }}"
                + " {% if opt is defined %}{{ opt }}{% endif %} {{ gv or never_read }}"
                + " {% for x in [1] %}{{ x }}{{ loop.index }}{% endfor %}{% set s = 2 %}{{ s }}\"}\n"
                + "    - debug: {msg: '{{ item }} {{ idx }}'}\n      loop: [a]\n      loop_control: {index_var: idx}\n"
                + "    - debug: {msg: '{{ ssl_dir }}'}\n      when: use_ssl | bool\n"
                + "    - debug: {msg: '{{ not_set_anywhere }}'}\n      ignore_errors: true\n"
                + "    - block:\n        - debug: {msg: '{{ also_not_set }}'}\n      rescue:\n        - debug: {msg: r}\n"
                + "    - debug: {msg: '{{ item }}'}\n      loop: '{{ [] }}'\n"
                + "    - debug: {msg: '{{ in_empty_loop }}'}\n      loop: '{{ [] }}'\n";
        CliRun r = check(playbook, "-e", "from_e=1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        CliRun run = run("-e", "from_e=1");
        assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
    }

    @Test
    void tasksOfAnIncludeEveryHostReachesAreCheckedToo() throws IOException {
        Files.writeString(dir.resolve("inc.yml"), "- debug: {msg: '{{ hv }}'}\n- debug: {msg: '{{ inc_nowhere }}'}\n");
        CliRun r = check(HEAD + "    - include_tasks: inc.yml\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("inc.yml:2:3: debug: 'inc_nowhere' is undefined"), r.err());
        // Behind a condition the included tasks may never run: not reported.
        assertEquals(ExitCodes.OK, check(HEAD + "    - include_tasks: inc.yml\n      when: use_ssl | bool\n").exitCode());
    }

    @Test
    void afterATemplatedSetFactKeyOrARuntimeIncludeNothingMoreIsSaid() throws IOException {
        CliRun r = check(HEAD + "    - set_fact: {'{{ \"dyn\" ~ \"amic\" }}': 1}\n    - debug: {msg: '{{ dynamic }}'}\n");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals(ExitCodes.OK, run().exitCode());
        // Tasks run in order: what comes before such a task is still checked.
        r = check(HEAD + "    - debug: {msg: '{{ before_it }}'}\n    - set_fact: {'{{ \"dyn\" ~ \"amic\" }}': 1}\n"
                + "    - debug: {msg: '{{ after_it }}'}\n- hosts: all\n  gather_facts: false\n  tasks:\n"
                + "    - debug: {msg: '{{ in_a_later_play }}'}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'before_it' is undefined") && !r.err().contains("after_it")
                && !r.err().contains("in_a_later_play"), r.err());
        Files.writeString(dir.resolve("x.yml"), "- set_fact: {from_include: 1}\n");
        r = check(HEAD + "    - include_tasks: '{{ \"x.yml\" }}'\n    - debug: {msg: '{{ from_include }}'}\n");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        // A static include is read, so what it sets is known and the rest is still checked.
        r = check(HEAD + "    - include_tasks: x.yml\n    - debug: {msg: '{{ from_include }} {{ from_nowhere }}'}\n");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'from_nowhere' is undefined") && !r.err().contains("'from_include'"), r.err());
    }

    @Test
    void theAcsPlaybooksPassWithTheExampleInventoriesAndATypoAtTheirStartIsCaught() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        for (String pb : new String[] {"acs-upgrade.yml", "acs-cluster-upgrade.yml", "acs-backup.yml", "acs-restore.yml"}) {
            for (String inv : new String[] {"acs-single.yml", "acs-cluster.yml"}) {
                CliRun r = CliRun.of("check", "-i", repo.resolve("inventory-examples").resolve(inv).toString(),
                        repo.resolve("playbooks").resolve(pb).toString());
                assertEquals(ExitCodes.OK, r.exitCode(), pb + " with " + inv + ": " + r);
            }
        }
        // A copy with a typo in its first task: checked, not silenced by the includes further on.
        Path copy = dir.resolve("playbooks");
        try (var files = Files.walk(repo.resolve("playbooks"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(repo.resolve("playbooks").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        String upgrade = Files.readString(copy.resolve("acs-upgrade.yml"));
        int tasks = upgrade.indexOf("\n  tasks:\n") + "\n  tasks:\n".length();
        Files.writeString(copy.resolve("acs-upgrade.yml"), upgrade.substring(0, tasks)
                + "    - debug: {msg: '{{ acs_nowhere_typo }}'}\n" + upgrade.substring(tasks));
        CliRun r = CliRun.of("check", "-i", repo.resolve("inventory-examples/acs-single.yml").toString(),
                copy.resolve("acs-upgrade.yml").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'acs_nowhere_typo' is undefined"), r.err());
    }

    @Test
    void withoutAnInventoryVariablesAreNotCheckedAndCheckSaysSo() throws IOException {
        Files.writeString(dir.resolve("site.yml"), HEAD + "    - debug: {msg: '{{ from_the_inventory }}'}\n");
        CliRun r = CliRun.of("check", dir.resolve("site.yml").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("variables not checked: give the inventory (-i)"), r.out());
    }

    @Test
    void templatedHostsAreResolvedWithPlayVarsAndExtraVarsAsRunResolvesThem() throws IOException {
        String playbook = "- hosts: '{{ target }}'\n  gather_facts: false\n  tasks:\n    - debug: {msg: '{{ hv }}'}\n";
        CliRun r = check(playbook);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("site.yml:1:3: hosts: 'target' is undefined"), r.err());
        CliRun run = run();
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("site.yml:1:3: hosts: 'target' is undefined"), "run names where, as check does: "
                + run.err());
        assertEquals(ExitCodes.OK, check(playbook, "-e", "target=g").exitCode());
        assertEquals(ExitCodes.OK, check("- hosts: '{{ target }}'\n  vars: {target: g}\n  gather_facts: false\n  tasks: []\n")
                .exitCode());
    }

    @Test
    void templatedVarsFilesAndIncludeNamesAreResolvedWhenOnlyPlayVarsAndExtraVarsFeedThem() throws IOException {
        Files.writeString(dir.resolve("prod.yml"), "x: 1\n");
        String playbook = "- hosts: all\n  gather_facts: false\n  vars_files: ['{{ stage }}.yml']\n  tasks:\n"
                + "    - include_tasks: '{{ stage }}-tasks.yml'\n";
        CliRun r = check(playbook, "-e", "stage=prd");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("site.yml:1:3: vars_files entry '{{ stage }}.yml' is 'prd.yml' with the play's vars"
                + " and -e, which is not found"), r.err());
        assertTrue(r.err().contains("site.yml:5:7: include_tasks file '{{ stage }}-tasks.yml' is 'prd-tasks.yml'"), r.err());
        r = check(playbook, "-e", "stage=prod");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.toString());
        assertFalse(r.err().contains("vars_files"), r.err());
        Files.writeString(dir.resolve("prod-tasks.yml"), "- debug: {msg: '{{ x }}'}\n");
        assertEquals(ExitCodes.OK, check(playbook, "-e", "stage=prod").exitCode());
        // A name a task may change at run time is the host's business.
        r = check("- hosts: all\n  gather_facts: false\n  vars: {stage: prd}\n  tasks:\n    - set_fact: {stage: prod}\n"
                + "    - include_tasks: '{{ stage }}-tasks.yml'\n");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    }
}
