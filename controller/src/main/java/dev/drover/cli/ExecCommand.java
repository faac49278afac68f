package dev.drover.cli;

import dev.drover.execute.AdHocRunner;
import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.execute.TargetHost;
import dev.drover.journal.RunId;
import dev.drover.playbook.parse.AdHocArgs;
import dev.drover.remote.AgentPool;
import dev.drover.report.Style;
import dev.drover.execute.RunListener;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover exec}: one module on every host a pattern selects, like Ansible's ad hoc command. */
@Command(mixinStandardHelpOptions = true, name = "exec", description = {
    "Run one module on the hosts matching PATTERN (Ansible's ad hoc command).",
    "Examples:",
    "  drover exec -i lab.ini web1 -- uname -a",
    "  drover exec -i lab.yml 'nodes:!node3' -m shell -a 'df -h /opt | tail -1'",
    "  drover exec -i lab.ini all -b --become-user alfresco -- id -un"},
        sortOptions = false)
final class ExecCommand extends HostsCommand {

    @Mixin
    PersistOptions persist;

    @Mixin
    ExtraVarsOptions extraVars;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "Hosts: name, group, a:b, a:&b, a:!b, wildcards.")
    String pattern;

    @Parameters(index = "1..*", paramLabel = "ARGV", description = "After --: the command and its arguments (no shell).")
    List<String> argv = new ArrayList<>();

    @Option(names = {"-m", "--module-name"}, paramLabel = "MODULE", defaultValue = "command",
            description = "Module to run (default ${DEFAULT-VALUE}).")
    String module;

    @Option(names = {"-a", "--args"}, paramLabel = "ARGS", description = "Module arguments: free-form text for command/shell, k=v pairs otherwise.")
    String moduleArgs;

    int forks;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "5", description = "Hosts in parallel (default ${DEFAULT-VALUE}).")
    void forks(int n) {
        forks = OptionChecks.atLeastOne(spec, "-f/--forks", n, "hosts in parallel");
    }

    @Option(names = {"-C", "--check"}, description = "Change nothing; report what would change.")
    boolean check;

    @Option(names = {"-D", "--diff"}, description = "Show differences in changed files.")
    boolean diff;

    String color;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto", description = "auto, always or never.")
    void color(String when) {
        color = OptionChecks.color(spec, when);
    }

    @Option(names = {"-o", "--one-line"}, description = "One line per host, as Ansible's -o: host | CHANGED | rc=0 | (stdout) ...")
    boolean oneLine;

    @Mixin
    OutputOptions output;

    @Mixin
    VaultOptions vaultOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemDefaultZone();
        RunId runId = RunId.start(clock.instant());
        try (RunOutput report = RunOutput.open(output, spec.commandLine().getOut(), spec.commandLine().getErr(), runId, clock)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("command", "exec");
            fields.put("pattern", pattern);
            fields.put("module", module);
            fields.put("check", check);
            report.start("drover exec " + pattern + " -m " + module, fields);
            return report.guard(() -> run(report));
        }
    }

    private int run(RunOutput report) throws Exception {
        Map<String, Object> args = ModuleArgs.forAdHoc(module, moduleArgs, argv);
        AnsibleConfigs cfg = AnsibleConfigs.load(spec.commandLine().getErr());
        // Vaulted inventory variables (group_vars, host_vars, !vault) are read with these passwords.
        inventory.vault = vaultOptions.vault(TerminalPrompt.forThisProcess(), cfg.vaultPasswordFile());
        forks = cfg.applyTo(inventory, connection, become, spec.commandLine().getParseResult(), spec.commandLine().getErr(),
                forks);
        List<TargetHost> hosts = inventory.select(pattern, extraVars.parse(spec.commandLine().getErr(), inventory.vault),
                spec.commandLine().getErr());
        RunListener shown = report.forAdHoc(Style.choose(color), module, oneLine, hosts.stream().map(TargetHost::name).toList());
        // As in run: values from a vault and connection passwords are masked before any output sees them.
        var redactor = inventory.vault.redactor();
        hosts.forEach(h -> RunCommand.maskConnectionPasswords(redactor, h.vars()));
        RunListener listener = new RunListener() {
            @Override
            @SuppressWarnings("unchecked")
            public void hostResult(HostResult r) {
                shown.hostResult(new HostResult(r.host(), r.status(), (Map<String, Object>) redactor.maskDeep(r.result()),
                        r.elapsed()));
            }

            @Override
            public void connectionLost(String host, String command, int attempt, String reason) {
                shown.connectionLost(host, command, attempt, redactor.mask(reason));
            }

            @Override
            public void reattached(String host, String command, int attempts, boolean replayed) {
                shown.reattached(host, command, attempts, replayed);
            }
        };
        List<HostResult> results;
        try (AgentPool pool = persist.pool(spec.commandLine().getErr())) {
            var overrides = connection.overrides();
            AdHocRunner runner = new AdHocRunner(pool, overrides, Path.of("").toAbsolutePath(), forks,
                    become.resolve(overrides.prompt()));
            results = runner.run(hosts, new AdHocRunner.Request(module, args, check, diff), listener);
        }
        report.adHocRecap(results);
        return exitCode(results);
    }

    static int exitCode(List<HostResult> results) {
        if (results.stream().anyMatch(r -> r.status() == HostStatus.FAILED)) {
            return ExitCodes.HOST_FAILED;
        }
        if (results.stream().anyMatch(r -> r.status() == HostStatus.UNREACHABLE)) {
            return ExitCodes.HOST_UNREACHABLE;
        }
        return ExitCodes.OK;
    }

    /** Builds module arguments from -a and the words after --. */
    static final class ModuleArgs {
        private ModuleArgs() {
        }

        static Map<String, Object> forAdHoc(String module, String text, List<String> argv) {
            Map<String, Object> args = new LinkedHashMap<>();
            if (text != null && !argv.isEmpty()) {
                throw new UserError("give the command either with -a or after --, not both");
            }
            if (!argv.isEmpty()) {
                switch (module) {
                    case "command" -> args.put("argv", List.copyOf(argv));
                    case "shell" -> args.put("_raw_params", String.join(" ", argv));
                    default -> throw new UserError("words after -- are a command line; module '" + module
                            + "' takes its arguments with -a 'key=value ...'");
                }
                return args;
            }
            if (text == null) {
                if (module.equals("command") || module.equals("shell")) {
                    throw new UserError("no command given: add it after -- (drover exec HOSTS -- uname -a) or with -a");
                }
                return args;
            }
            try {
                return AdHocArgs.parse(module, text);
            } catch (IllegalArgumentException e) {
                throw new UserError("-a: " + e.getMessage());
            }
        }
    }
}
