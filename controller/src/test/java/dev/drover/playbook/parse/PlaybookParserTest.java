package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.playbook.Block;
import dev.drover.playbook.HostOrder;
import dev.drover.playbook.Loop;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.Play;
import dev.drover.playbook.Playbook;
import dev.drover.playbook.Serial;
import dev.drover.playbook.Setting;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import dev.drover.playbook.TaskInclude;
import dev.drover.playbook.TaskOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixture playbook/good/site.yml uses every supported keyword; these tests read it back. */
class PlaybookParserTest {
    private static Path root;
    private static Playbook playbook;
    private static Play play;

    @BeforeAll
    static void parse() throws Exception {
        Path site = Path.of(PlaybookParserTest.class.getResource("/playbook/good/site.yml").toURI());
        root = site.getParent();
        playbook = new PlaybookParser(Files.MODULES).parse(site);
        play = playbook.plays().get(0);
    }

    private static SourcePos pos(String file, int line, int column) {
        return new SourcePos(root.resolve(file), line, column);
    }

    private static ModuleTask module(Task t) {
        return assertInstanceOf(ModuleTask.class, t);
    }

    @Test
    void importPlaybookInlinesThePlaysOfTheImportedFile() {
        assertEquals(2, playbook.plays().size());
        Play solr = playbook.plays().get(1);
        assertEquals("solr", solr.hosts());
        assertEquals("solr", solr.displayName());
        assertEquals(pos("other/solr.yml", 1, 3), solr.pos());
    }

    @Test
    void playKeywordsAreReadWithAnsibleTypes() {
        assertEquals(Optional.of("Upgrade repository nodes"), play.name());
        assertEquals("repo,share", play.hosts());
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("acs_version", "23.2.0");
        vars.put("alf_home", "/opt/alfresco");
        vars.put("restart", true);
        vars.put("octal_mode", 493);
        assertEquals(vars, play.vars());
        assertEquals(List.of("acs_version", "alf_home", "restart", "octal_mode"), List.copyOf(play.vars().keySet()));
        assertEquals(List.of(List.of("vars/common.yml"), List.of("vars/{{ env }}.yml")), play.varsFiles());
        assertEquals(Setting.fixed(false), play.gatherFacts());
        assertEquals(new Serial(List.of("1", "30%")), play.serial());
        assertEquals(HostOrder.SORTED, play.order());
        assertEquals(Optional.of("linear"), play.strategy());
        assertEquals(Setting.fixed(25.0), play.maxFailPercentage());
        assertEquals(Setting.fixed(false), play.anyErrorsFatal());
        assertEquals(Setting.fixed(true), play.forceHandlers());
        assertEquals(Setting.fixed(2), play.throttle());
        assertEquals(Setting.fixed(600), play.timeout());
        assertEquals(Setting.fixed(true), play.become());
        assertEquals(Optional.of("root"), play.becomeUser());
        assertEquals(Optional.of("sudo"), play.becomeMethod());
        assertEquals(Optional.of("deploy"), play.remoteUser());
        assertEquals(Optional.of("ssh"), play.connection());
        assertEquals(List.of(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17")), play.environment());
        assertEquals(List.of("upgrade", "repo"), play.tags());
        assertEquals(Setting.fixed(false), play.checkMode());
        assertEquals(Setting.fixed(false), play.noLog());
        assertEquals(Setting.templated("{{ ansible_check_mode }}"), play.ignoreErrors());
        assertEquals(Setting.fixed(false), play.ignoreUnreachable());
        assertEquals(Setting.fixed(false), play.runOnce());
        assertEquals(pos("site.yml", 3, 3), play.pos());
    }

    @Test
    void unwrittenPlayKeywordsKeepAnsibleDefaults() {
        Play solr = playbook.plays().get(1);
        assertEquals(Setting.fixed(true), solr.gatherFacts(), "gather_facts defaults to true");
        assertTrue(solr.serial().isAllAtOnce());
        assertEquals(HostOrder.INVENTORY, solr.order());
        assertEquals(Setting.unset(), solr.become());
        assertEquals(Optional.empty(), solr.name());
    }

    @Test
    void importTasksIsInlinedTwoLevelsDeepRelativeToEachImportingFile() {
        List<Task> tasks = play.tasks();
        assertEquals(8, tasks.size());
        ModuleTask backup = module(tasks.get(1));
        assertEquals("Back up the database", backup.options().name().orElseThrow());
        assertEquals(pos("tasks/upgrade.yml", 2, 3), backup.pos());
        ModuleTask health = module(tasks.get(2));
        assertEquals(pos("tasks/steps/check.yml", 1, 3), health.pos());
        assertEquals("uri", health.module());
        Block imported = assertInstanceOf(Block.class, tasks.get(3));
        assertEquals(pos("tasks/steps/check.yml", 4, 3), imported.pos());
        assertEquals(pos("tasks/steps/check.yml", 5, 7), imported.block().get(0).pos());
    }

    @Test
    void importsApplyTheirWhenTagsAndVarsToEachImportedTask() {
        TaskOptions backup = play.tasks().get(1).options();
        assertEquals(List.of("acs_version is version('7.0', '>=')"), backup.when());
        assertEquals(List.of("steps", "backup"), backup.tags());
        assertEquals(Map.of("step_owner", "postgres"), backup.vars(), "the task's own vars win over the import's");

        TaskOptions health = play.tasks().get(2).options();
        assertEquals(List.of("acs_version is version('7.0', '>=')", "check_enabled | bool"), health.when(),
                "outer import's condition first, then the inner import's");
        assertEquals(List.of("steps"), health.tags());
        assertEquals(Map.of("step_owner", "alfresco"), health.vars());

        TaskOptions block = play.tasks().get(3).options();
        assertEquals(List.of("acs_version is version('7.0', '>=')", "check_enabled | bool", "false"), block.when());
    }

    @Test
    void includeTasksStaysANodeWithTheIncludingFilesDirectory() {
        TaskInclude inc = assertInstanceOf(TaskInclude.class, play.tasks().get(4));
        assertEquals("steps/{{ acs_version }}.yml", inc.file());
        assertEquals(root.resolve("tasks"), inc.baseDir());
        assertEquals(Optional.of(new Loop(Loop.Flavor.LIST, "{{ extra_steps }}")), inc.options().loop());
        assertEquals(List.of("steps"), inc.options().tags(), "imported includes inherit the import's tags");
        assertEquals(pos("tasks/upgrade.yml", 11, 3), inc.pos());
    }

    @Test
    void blocksNestWithRescueAndAlways() {
        Block block = assertInstanceOf(Block.class, play.tasks().get(5));
        assertEquals(Optional.of("Deploy and verify"), block.options().name());
        assertEquals(List.of("acs_version is defined", "true"), block.options().when());
        assertEquals(Optional.of("alfresco"), block.options().becomeUser());
        ModuleTask copy = module(block.block().get(0));
        assertEquals(Optional.of("war_copy"), copy.options().register());
        Map<String, Object> copyArgs = new LinkedHashMap<>();
        copyArgs.put("src", "files/alfresco-{{ acs_version }}.war");
        copyArgs.put("dest", "{{ alf_home }}/tomcat/webapps/alfresco.war");
        copyArgs.put("mode", "0644");
        assertEquals(copyArgs, copy.args());

        Block nested = assertInstanceOf(Block.class, block.block().get(1));
        assertEquals(List.of("war_copy is changed"), nested.options().when());
        ModuleTask shell = module(nested.block().get(0));
        assertEquals(pos("site.yml", 63, 15), shell.pos());
        Map<String, Object> shellArgs = new LinkedHashMap<>();
        shellArgs.put("executable", "/bin/bash");
        shellArgs.put("chdir", "/tmp");
        shellArgs.put("creates", "/tmp/marker");
        shellArgs.put("_raw_params", "ls -l {{ alf_home }}");
        assertEquals(shellArgs, shell.args(), "free-form text keeps chdir/creates apart; args: merges underneath");

        ModuleTask rescue = module(block.rescue().get(0));
        assertEquals("debug", rescue.module());
        assertEquals(Map.of("msg", "rollback needed on {{ inventory_hostname }}"), rescue.args());
        ModuleTask always = module(block.always().get(0));
        assertEquals("command", always.module());
        assertEquals(Map.of("_raw_params", "echo done"), always.args());
        assertEquals(Optional.of("localhost"), always.options().delegateTo(), "local_action delegates to localhost");
    }

    @Test
    void everyTaskKeywordIsRead() {
        ModuleTask wait = module(play.tasks().get(6));
        TaskOptions o = wait.options();
        assertEquals("wait_for", wait.module());
        assertEquals(Map.of("port", "{{ item }}", "timeout", "300"), wait.args());
        assertEquals(Optional.of(new Loop(Loop.Flavor.ITEMS, List.of(8080, 8443))), o.loop(), "with_items maps to loop");
        assertEquals("item", o.loopControl().loopVar());
        assertEquals(Optional.of("port {{ item }}"), o.loopControl().label());
        assertEquals(Setting.fixed(1.0), o.loopControl().pause());
        assertEquals(Setting.fixed(5), o.retries());
        assertEquals(Setting.templated("{{ poll_delay }}"), o.delay());
        assertEquals(List.of("result is succeeded"), o.until());
        assertEquals(List.of("result.rc != 0"), o.failedWhen());
        assertEquals(Optional.of("{{ groups['lb'][0] }}"), o.delegateTo());
        assertEquals(Setting.fixed(true), o.runOnce());
        assertEquals(Setting.fixed(1), o.throttle());
        assertEquals(Setting.fixed(30), o.timeout());
        assertEquals(Setting.fixed(true), o.noLog());
        assertEquals(Setting.fixed(false), o.checkMode());
        assertEquals(Setting.fixed(true), o.ignoreErrors());
        assertEquals(Setting.fixed(false), o.ignoreUnreachable());
        assertEquals(Setting.fixed(true), o.anyErrorsFatal());
        assertEquals(List.of(Map.of("LANG", "C"), "{{ proxy_env }}"), o.environment());
        assertEquals(List.of("ports"), o.tags());
        assertEquals(Setting.fixed(false), o.become());
        assertEquals(Optional.of("tomcat"), o.becomeUser());
        assertEquals(Optional.of("su"), o.becomeMethod());
        assertEquals(pos("site.yml", 76, 7), o.pos());
    }

    @Test
    void fullyQualifiedNamesAndLiteralBooleansAreNormalised() {
        ModuleTask check = module(play.preTasks().get(0));
        assertEquals("command", check.module());
        assertEquals(Map.of("_raw_params", "/bin/true"), check.args());
        assertEquals(List.of("false"), check.options().changedWhen());
    }

    @Test
    void oldStyleActionsAreSplitLikeAnsible() {
        ModuleTask line = module(play.tasks().get(7));
        assertEquals("lineinfile", line.module());
        assertEquals(Map.of("path", "/etc/hosts", "line", "127.0.0.1 repo", "state", "present"), line.args());

        List<Task> solr = playbook.plays().get(1).tasks();
        ModuleTask copy = module(solr.get(0));
        assertEquals("copy", copy.module());
        assertEquals(Map.of("src", "solrcore.properties", "dest", "/opt/solr/conf/solrcore.properties"), copy.args());
        ModuleTask local = module(solr.get(1));
        assertEquals("shell", local.module());
        assertEquals(Map.of("_raw_params", "echo \"{{ inventory_hostname }}\" >> /tmp/hosts.txt"), local.args());
        assertEquals(Optional.of("localhost"), local.options().delegateTo());
        ModuleTask fact = module(solr.get(2));
        assertEquals("set_fact", fact.module());
        assertEquals(Map.of("solr_ready", "true", "solr_port", "8983"), fact.args());
    }

    @Test
    void handlersListenOnTopics() {
        List<Task> handlers = play.handlers();
        assertEquals(2, handlers.size());
        assertEquals(List.of("restart web"), handlers.get(0).options().listen());
        ModuleTask nginx = module(handlers.get(1));
        assertEquals("service", nginx.module());
        assertEquals(List.of("restart web", "reload proxies"), nginx.options().listen());
        assertEquals(List.of("restart tomcat"), play.tasks().get(0).options().notifies());
    }

    @Test
    void theModelCannotBeChanged() {
        ModuleTask copy = module(((Block) play.tasks().get(5)).block().get(0));
        assertThrows(UnsupportedOperationException.class, () -> copy.args().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> play.tasks().clear());
        assertThrows(UnsupportedOperationException.class, () -> play.vars().put("x", 1));
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) module(play.tasks().get(6)).options().loop().orElseThrow().items();
        assertThrows(UnsupportedOperationException.class, () -> items.add(1));
    }

    @Test
    void taskFileParserReadsATaskFileWithItsOwnImports() throws Exception {
        List<Task> tasks = new TaskFileParser(Files.MODULES).parse(root.resolve("tasks/upgrade.yml"));
        assertEquals(4, tasks.size());
        assertEquals(pos("tasks/steps/check.yml", 1, 3), tasks.get(1).pos());
        assertEquals(List.of("check_enabled | bool"), tasks.get(1).options().when());
    }
}
