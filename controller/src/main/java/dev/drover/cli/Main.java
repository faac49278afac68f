package dev.drover.cli;

import dev.drover.remote.Version;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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

    /**
     * The subcommands, by name, in help order. Each is built only when needed: picocli reflects over
     * a command class and every option type it names, which for all of them together cost more
     * than the JVM's own start-up; a run builds only the one it invokes (see {@link #commandLine}).
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("exec", ExecCommand::new);
        m.put("run", RunCommand::new);
        m.put("check", CheckCommand::new);
        m.put("inventory", InventoryCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("cron", CronCommand::new);
        m.put("demo", DemoCommand::new);
        m.put("serve", ServeCommand::new);
        m.put("vault", VaultCommand::new);
        m.put("persist", PersistCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The fast path: no picocli model at all for the command scripts ask most often.
            for (String line : new VersionInfo().getVersion()) {
                System.out.println(line);
            }
            System.exit(ExitCodes.OK);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Background background = Background.ownJvm(args);
        int code = run(args, out, err, Invocation.OWN_JVM, background);
        out.flush();
        err.flush();
        // The command's output is out and its exit code final: only now what it leaves for the next one.
        background.start(m -> err.println("[WARNING]: " + m));
        err.flush();
        System.exit(code);
    }

    /** Runs a command in this JVM; it leaves nothing running behind it (no persist process, no worker). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Invocation.OWN_JVM, new Background(false));
    }

    /**
     * {@link #run(String[], PrintWriter, PrintWriter)} for a command run on behalf of {@code
     * invocation}'s process; what an exec or run wants left running is noted in {@code background},
     * for the caller to start once the command's result is out.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Invocation invocation, Background background) {
        CommandLine cli = commandLine(args);
        cli.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof RunCommand run) {
                run.invocation = invocation;
                run.persist.background = background;
            } else if (sub.getCommand() instanceof ExecCommand exec) {
                exec.persist.background = background;
            }
        });
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

    /**
     * The command line with only the subcommand {@code args} invokes, or with all of them when the
     * first word names none (help, a typo's suggestions, a missing command). Options before the
     * subcommand are the root's own ({@code --debug}); anything else that starts with '-' stops
     * the search, and the full model then reports it as picocli always did.
     */
    static CommandLine commandLine(String[] args) {
        String invoked = invoked(args);
        if (invoked != null) {
            CommandLine ready = PREPARED.remove(invoked);
            return ready != null ? ready : build(invoked);
        }
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        return cli;
    }

    /** The subcommand {@code args} invokes (after {@code --debug}), or null (help, a typo, none). */
    private static String invoked(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                continue;
            }
            return SUBCOMMANDS.containsKey(a) && !a.equals("help") ? a : null;
        }
        return null;
    }

    private static CommandLine build(String invoked) {
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand(invoked, SUBCOMMANDS.get(invoked).get());
        return cli;
    }

    /**
     * Command lines built ahead, one per subcommand, each used once: a command worker builds the
     * next one of the command it just answered once its client has the exit code ({@link #prepare}),
     * so the next client does not wait for picocli's reflection over the command's options (3 to
     * 14 ms of a warm run, DROVER_TRACE). A fresh model each time, as before: nothing of one command
     * is seen by the next.
     */
    private static final Map<String, CommandLine> PREPARED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Builds, for the next command that invokes the same subcommand as {@code args}, its command line. */
    static void prepare(String[] args) {
        String invoked = invoked(args);
        if (invoked != null && !PREPARED.containsKey(invoked)) {
            PREPARED.putIfAbsent(invoked, build(invoked));
        }
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
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: exec, run, check, inventory, history, cron, demo, serve, vault, help");
    }

    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"drover " + Version.current(),
                "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
