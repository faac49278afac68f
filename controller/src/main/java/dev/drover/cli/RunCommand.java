package dev.drover.cli;

import dev.drover.execute.AgentCall;
import dev.drover.execute.play.ActionNames;
import dev.drover.execute.play.ListenerTee;
import dev.drover.execute.play.PlayException;
import dev.drover.execute.play.PlayListener;
import dev.drover.execute.play.PlaybookRunner;
import dev.drover.execute.play.RunOptions;
import dev.drover.execute.play.StopRequest;
import dev.drover.execute.play.TagFilter;
import dev.drover.inventory.Inventory;
import dev.drover.journal.Checksums;
import dev.drover.journal.JournalWriter;
import dev.drover.journal.RunId;
import dev.drover.playbook.Playbook;
import dev.drover.remote.AgentPool;
import dev.drover.report.JunitReport;
import dev.drover.report.Style;
import dev.drover.report.Terminal;
import dev.drover.state.lock.RunLock;
import dev.drover.trace.Trace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import dev.drover.execute.play.RedactingListener;
import dev.drover.inventory.Host;
import dev.drover.vault.Vault;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drover run}: run a playbook, like {@code ansible-playbook}. One run has one id: its journal's
 * directory under {@code runs/}, named in the log file, the JSON events, the lock and the JUnit report.
 */
@Command(mixinStandardHelpOptions = true, name = "run", description = {
    "Run a playbook on the hosts its plays select (like ansible-playbook).",
    "Examples:",
    "  drover run -i inventory-examples/lab.yml playbooks/examples/site.yml",
    "  drover run -i lab.yml site.yml --check --diff -e acs_version=5.2.8 --limit node1",
    "  drover run --resume last"},
        sortOptions = false)
final class RunCommand extends HostsCommand {
    private static final List<String> SECRET_HOST_VARS = List.of("ansible_password", "ansible_ssh_pass",
            "ansible_become_password", "ansible_become_pass", "ansible_sudo_pass");

    /** Connection passwords are secrets too, wherever a task templates them or a module prints them. */
    static void maskConnectionPasswords(dev.drover.vault.Redactor redactor, Map<String, Object> hostVars) {
        for (String key : SECRET_HOST_VARS) {
            if (hostVars.get(key) instanceof String s) {
                redactor.add(s);
            }
        }
    }


    @Mixin
    JournalOptions journal;

    @Mixin
    PersistOptions persist;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYBOOK",
            description = "The playbook file (with --resume: the resumed run's, unless given).")
    Path playbook;

    @Option(names = {"-C", "--check"}, description = "Change nothing; report what would change.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show differences in changed files.")
    boolean diff;

    @Mixin
    ExtraVarsOptions extraVars;

    @Option(names = {"-t", "--tags"}, paramLabel = "TAGS", split = ",", description = "Only run tasks with these tags (comma-separated).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--skip-tags", paramLabel = "TAGS", split = ",", description = "Skip tasks with these tags (comma-separated).")
    List<String> skipTags = new ArrayList<>();

    int forks;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "5", description = "Hosts in parallel (default ${DEFAULT-VALUE}).")
    void forks(int n) {
        forks = OptionChecks.atLeastOne(spec, "-f/--forks", n, "hosts in parallel");
    }

    @Option(names = "-v", description = "More output: -v shows each result's JSON; repeatable.")
    boolean[] verbose = new boolean[0];

    String color;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "auto, always or never.")
    void color(String when) {
        color = OptionChecks.color(spec, when);
    }

    @Mixin
    RunOutputOptions output;

    @Mixin
    LockOptions lock;

    @Option(names = "--serve", description = "Watch the run in a browser: serve its page on 127.0.0.1 while it runs (prints the URL).")
    boolean serve;

    @Option(names = "--serve-port", paramLabel = "N", defaultValue = "" + ServeCommand.DEFAULT_PORT,
            description = "Port for --serve (default ${DEFAULT-VALUE}, else a free one).")
    int servePort;

    @Spec
    CommandSpec spec;

    @Mixin
    VaultOptions vaultOptions;

    /** The process this run belongs to: this JVM, or the thin client a command worker runs it for ({@link Main#run}). */
    Invocation invocation = Invocation.OWN_JVM;

    @Override
    public Integer call() throws Exception {
        Trace.mark("run_start", "-");
        Clock clock = Clock.systemDefaultZone();
        ZonedDateTime started = ZonedDateTime.now(clock);
        RunId runId = RunId.start(started.toInstant());
        RunJournal rj = RunJournal.prepare(journal, invocation);
        try (RunOutput report = RunOutput.open(output, spec.commandLine().getOut(), spec.commandLine().getErr(), runId, clock)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("command", "run");
            Path shown = rj.resumption().playbook(playbook);
            fields.put("playbook", shown.toAbsolutePath().normalize().toString());
            fields.put("check", check);
            report.start(invocation.pid(), "drover run " + shown + (check ? " --check" : ""), fields);
            if (output.junitXml == null) {
                return report.guard(() -> run(report, null, started, rj, runId));
            }
            JunitReport junit = new JunitReport(clock);
            try (JunitReport.Writing writing = junit.writeAtEnd(output.junitXml, report::warning)) {
                int code = report.guard(() -> run(report, junit, started, rj, runId));
                junit.finished(code, code == ExitCodes.INTERRUPTED);
                return code;
            }
        }
    }

    private int run(RunOutput report, JunitReport junit, ZonedDateTime started, RunJournal rj, RunId runId) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Resumption resume = rj.resumption();
        Path playbookPath = resume.playbook(playbook);
        AnsibleConfigs cfg = AnsibleConfigs.load(err);
        Vault vault = vaultOptions.vault(TerminalPrompt.forThisProcess(), cfg.vaultPasswordFile());
        inventory.vault = vault;
        forks = cfg.applyTo(inventory, connection, become, spec.commandLine().getParseResult(), err, forks);
        Playbook pb = PlaybookLoader.load(playbookPath, cfg.rolesPath(), vault, false);
        Trace.mark("playbook_loaded", "-");
        resume.checkUnchanged(Checksums.ofPlaybook(pb), journal.resumeForce, err);
        Map<String, Object> extra = resume.extraVars(extraVars.any(), vault).orElseGet(() -> extraVars.parse(err, vault));
        java.util.Set<String> safeVars = resume.safeVars(extraVars.any(), extraVars.safeNames());
        List<String> varsFiles = resume.extraVarsFiles(extraVars.any()).orElseGet(extraVars::files);
        inventory.sources = resume.inventorySources(inventory.sources);
        inventory.limit = resume.limit(inventory.limit);
        List<String> runTags = resume.tags(tags);
        List<String> runSkipTags = resume.skipTags(skipTags);
        RunOptions options = new RunOptions(resume.check(check), diff, forks, new TagFilter(
                TagFilter.split(runTags), TagFilter.split(runSkipTags)),
                extra, inventory.limit, verbose.length,
                become.defaultsForPlaybook(TerminalPrompt.forThisProcess()), become.becomeByDefault());
        Inventory inv = inventory.load(err, playbookPath.toAbsolutePath().getParent());
        Trace.mark("inventory_loaded", "-");
        for (Host h : inv.hosts()) {
            maskConnectionPasswords(vault.redactor(), inv.hostVars(h.name()));
        }
        PlayListener listener = report.forPlaybook(Style.choose(color), verbose.length, diff, junit,
                Terminal.present(), Duration.ofMillis((long) (journal.progressInterval * 1000)));
        StopRequest stop = new StopRequest();
        // What a hard stop in a command worker lets go of at once (in a JVM of its own, the exit does).
        AtomicReference<AgentPool> poolHeld = new AtomicReference<>();
        // The lock first: a second run of the same playbook and inventory leaves no journal behind.
        try (RunLock held = lock.acquire(journal.state(), playbookPath, inventory.identity(), runId, started, invocation.pid());
                JournalWriter writer = rj.open(runId.value(), pb, options, inventory.sources, runTags, runSkipTags,
                        safeVars, varsFiles);
                Interrupts ignored = Interrupts.install(invocation, stop, err, RunJournal.stopGrace(),
                        () -> rj.hardStop(writer, err, () -> abort(stop, poolHeld.get(), held)));
                LiveServer page = serve ? LiveServer.start(journal.state(), servePort, "runs/" + writer.runId(),
                        "Watch this run", err) : LiveServer.none()) {
            held.tookOverFrom().ifPresent(h -> report.warning("took over a stale lock from " + h.describe()
                    + ": that run ended without releasing it (killed, or its machine restarted)"));
            Trace.mark("journal_open", "-");
            PlaybookRunner.Result result;
            try (AgentPool pool = persist.pool(spec.commandLine().getErr())) {
                poolHeld.set(pool);
                AgentCall agents = new AgentCall(pool, connection.overrides(), Path.of("").toAbsolutePath(),
                        resume.stepRunKey(runId.value()), resume.claimedSteps());
                result = new PlaybookRunner(agents, options, ActionNames.forParser(), resume.completed(), stop, vault)
                        .run(pb, inv, new RedactingListener(new ListenerTee(List.of(listener, writer)), vault.redactor()));
            } catch (PlayException e) {
                writer.end("error", ExitCodes.BAD_INPUT);
                throw new UserError(e.getMessage());
            } catch (RuntimeException e) {
                writer.end("error", ExitCodes.INTERNAL_ERROR);
                throw e;
            }
            Trace.mark("runner_done", "-");
            return rj.finish(writer, result, report.console());
        }
    }

    /**
     * A hard stop of a run in a command worker: what the end of its JVM would do. No new task starts,
     * every agent connection is cut (a step in flight goes on under its grace on the host, as when
     * the CLI exits) and the lock is released, so a resume can start while this thread unwinds.
     */
    private static void abort(StopRequest stop, AgentPool pool, RunLock held) {
        stop.request();
        if (pool != null) {
            pool.abort();
        }
        try {
            held.close();
        } catch (java.io.IOException e) {
            // the kernel drops the lock with the worker anyway
        }
    }
}
