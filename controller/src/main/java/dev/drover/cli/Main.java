package dev.drover.cli;

import dev.drover.remote.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code drover} command. {@link #run} is the in-process entry point tests use: it never calls
 * {@code System.exit} and writes only to the writers it is given.
 */
@Command(name = "drover",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionInfo.class,
        description = "Ansible-style orchestration with a pushed Java agent: ad hoc commands, playbooks, rolling upgrades.",
        subcommands = {ExecCommand.class, RunCommand.class, CheckCommand.class, InventoryCommand.class, HistoryCommand.class,
            CronCommand.class, DemoCommand.class, VaultCommand.class, CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every host succeeded",
            "2:a host failed a step",
            "3:a host was unreachable (and none failed)",
            "4:bad input: usage, inventory, playbook, host pattern",
            "6:another run holds the lock",
            "99:interrupted",
            "250:internal error (a bug in drover)"})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // '@file' means a file of variables (-e @vars.yml) or hosts (--limit @retry), as in Ansible,
        // never picocli's argument file.
        cli.setExpandAtFiles(false);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("drover: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> Failures.report(ex, err, debugRequested(args)));
        return cli.execute(args);
    }

    private static boolean debugRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: exec, run, check, inventory, history, cron, demo, help");
    }

    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"drover " + Version.current(),
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
