package dev.drover.cli;

import dev.drover.execute.AgentCall;
import dev.drover.execute.play.ActionNames;
import dev.drover.execute.play.PlayException;
import dev.drover.execute.play.PlaybookRunner;
import dev.drover.execute.play.RunOptions;
import dev.drover.execute.play.TagFilter;
import dev.drover.inventory.Inventory;
import dev.drover.playbook.Playbook;
import dev.drover.remote.AgentBootstrap;
import dev.drover.remote.AgentJar;
import dev.drover.remote.AgentPool;
import dev.drover.transport.Transports;
import dev.drover.transport.ssh.SshTransportFactory;
import dev.drover.execute.play.PlayListener;
import dev.drover.state.lock.RunLock;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover run}: run a playbook, like {@code ansible-playbook}. */
@Command(name = "run", description = {
    "Run a playbook on the hosts its plays select (like ansible-playbook).",
    "Examples:",
    "  drover run -i inventory-examples/lab.yml playbooks/examples/site.yml",
    "  drover run -i lab.yml site.yml --check --diff -e acs_version=5.2.8 --limit node1"},
        sortOptions = false)
final class RunCommand implements Callable<Integer> {

    @Mixin
    InventoryOptions inventory;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    BecomeOptions become;

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook file.")
    Path playbook;

    @Option(names = {"-C", "--check"}, description = "Change nothing; report what would change.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show differences in changed files.")
    boolean diff;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "name=value pairs, @file (YAML/JSON) or inline YAML/JSON; repeatable, later wins. Beats every other variable.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-t", "--tags"}, paramLabel = "TAGS", split = ",", description = "Only run tasks with these tags (comma-separated).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", paramLabel = "TAGS", split = ",", description = "Skip tasks with these tags (comma-separated).")
    List<String> skipTags = new ArrayList<>();

    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "5", description = "Hosts in parallel (default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "-v", description = "More output: -v shows each result's JSON; repeatable.")
    boolean[] verbose = new boolean[0];

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "auto, always or never.")
    String color;

    @Mixin
    RunOutputOptions output;

    @Mixin
    LockOptions lock;

    @Mixin
    StateOptions state;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemDefaultZone();
        ZonedDateTime started = ZonedDateTime.now(clock);
        RunId runId = RunId.start(started);
        try (RunOutput report = RunOutput.open(output, spec.commandLine().getOut(), spec.commandLine().getErr(), runId, clock)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("command", "run");
            fields.put("playbook", playbook.toAbsolutePath().normalize().toString());
            fields.put("check", check);
            report.start("drover run " + playbook + (check ? " --check" : ""), fields);
            if (output.junitXml == null) {
                return report.guard(() -> run(report, null, started));
            }
            JunitReport junit = new JunitReport(clock);
            try (JunitReport.Writing writing = junit.writeAtEnd(output.junitXml, report::warning)) {
                return report.guard(() -> run(report, junit, started));
            }
        }
    }

    private int run(RunOutput report, JunitReport junit, ZonedDateTime started) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Playbook pb = PlaybookLoader.load(playbook);
        RunOptions options = new RunOptions(check, diff, forks, new TagFilter(TagFilter.split(tags), TagFilter.split(skipTags)),
                ExtraVars.parse(extraVars), inventory.limit, verbose.length,
                become.defaultsForPlaybook(TerminalPrompt.forThisProcess()), become.becomeByDefault());
        Inventory inv = inventory.load(err);
        PlayListener listener = report.forPlaybook(Style.choose(color), verbose.length, diff, junit);
        PlaybookRunner.Result result;
        try (RunLock held = lock.acquire(state.resolve(), playbook, inventory.identity(), report.runId(), started);
                AgentPool pool = new AgentPool(new Transports(SshTransportFactory::new), new AgentBootstrap(AgentJar.embedded()))) {
            held.tookOverFrom().ifPresent(h -> report.warning("took over a stale lock from " + h.describe()
                    + ": that run ended without releasing it (killed, or its machine restarted)"));
            AgentCall agents = new AgentCall(pool, connection.overrides(), Path.of("").toAbsolutePath());
            result = new PlaybookRunner(agents, options, ActionNames.forParser()).run(pb, inv, listener);
        } catch (PlayException e) {
            throw new UserError(e.getMessage());
        }
        if (result.anyFailed()) {
            return ExitCodes.HOST_FAILED;
        }
        return result.anyUnreachable() ? ExitCodes.HOST_UNREACHABLE : ExitCodes.OK;
    }
}
