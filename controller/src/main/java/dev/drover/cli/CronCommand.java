package dev.drover.cli;

import dev.drover.remote.Version;
import dev.drover.report.Timestamps;
import dev.drover.state.StateDir;
import dev.drover.state.lock.LockName;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drover cron}: prints the crontab line that runs a playbook on a schedule the way cron
 * needs it (absolute paths, the environment cron lacks, the lock, a log file, redirections). It
 * checks the schedule and the scheduled command now, so a typo fails here rather than at 2 a.m.
 * It installs nothing: the operator pastes the line (docs/scheduled-runs.md).
 */
@Command(mixinStandardHelpOptions = true, name = "cron", description = {
    "Print a crontab line that runs a playbook on a schedule (nothing is installed).",
    "Examples:",
    "  drover cron --schedule '30 2 * * *' -- run -i lab.yml site.yml",
    "  drover cron --schedule @daily --cron-d drover -- run -i lab.yml backup.yml -e keep=7 > /etc/cron.d/drover-backup"},
        sortOptions = false)
final class CronCommand implements Callable<Integer> {

    @Option(names = "--schedule", required = true, paramLabel = "WHEN",
            description = "Five cron fields ('30 2 * * *') or a macro (@daily, @hourly, @weekly, ...).")
    String schedule;

    @Option(names = "--cron-d", paramLabel = "USER",
            description = "Write /etc/cron.d format: the line names the user the job runs as.")
    String cronDUser;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "The run's log (default: <state dir>/logs/<playbook>.log).")
    Path logFile;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "The drover command cron should start (default: java -jar with this drover's jar).")
    Path launcher;

    @Mixin
    StateOptions state;

    @Parameters(paramLabel = "COMMAND", arity = "1..*",
            description = "After --: the drover run command to schedule, e.g. run -i lab.yml site.yml.")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CronSchedule when = CronSchedule.parse(schedule);
        if (cronDUser != null && !cronDUser.matches("[a-z_][a-z0-9_.-]*\\$?")) {
            throw new UserError("--cron-d: '" + cronDUser + "' is not a user name");
        }
        RunCommand run = parseScheduled();
        Path cwd = Path.of("").toAbsolutePath();
        Path playbook = cwd.resolve(run.playbook).normalize();
        if (!Files.isRegularFile(playbook)) {
            throw new UserError("playbook " + playbook + " does not exist; cron runs it from " + cwd
                    + ", so give a path valid from here");
        }
        if (run.inventory.sources.isEmpty()) {
            throw new UserError("give the inventory with -i in the scheduled command: cron does not see DROVER_INVENTORY");
        }
        StateDir stateDir = run.journal.state.stateDir != null ? new StateDir(cwd.resolve(run.journal.state.stateDir)) : state.resolve();
        String base = playbook.getFileName().toString().replaceAll("\\.ya?ml$", "");
        Path log = cwd.resolve(run.output.logFile != null ? run.output.logFile
                : logFile != null ? logFile : stateDir.root().resolve("logs").resolve(base + ".log")).normalize();
        Path stderr = log.resolveSibling(log.getFileName().toString().replaceAll("\\.log$", "") + ".stderr.log");

        List<String> argv = new ArrayList<>(command);
        if (run.journal.state.stateDir == null) {
            argv.addAll(List.of("--state-dir", stateDir.root().toString()));
        }
        if (run.lock.name == null) {
            // The name the run would pick by itself, written out: manual runs of the same playbook
            // and inventory take the same lock, and the crontab shows which one.
            String lockFile = LockName.forRun(playbook, run.inventory.identity());
            argv.addAll(List.of("--lock", lockFile.substring(0, lockFile.length() - ".lock".length())));
        }
        if (run.output.logFile == null) {
            argv.addAll(List.of("--log-file", log.toString()));
        }
        CronLine line = new CronLine(when, cronDUser, cwd, launcherWords(), argv, log.getParent(), stderr,
                System.getenv(), System.getProperty("java.home"), System.getProperty("user.home"),
                cronDUser == null || cronDUser.equals(System.getProperty("user.name")));
        PrintWriter out = spec.commandLine().getOut();
        out.println("# drover " + Version.current() + ", " + Timestamps.now(Clock.systemDefaultZone()) + ": " + playbook
                + " at '" + when + "'");
        out.println(cronDUser == null
                ? "# Install: crontab -e, paste the line below. See docs/scheduled-runs.md."
                : "# Install: save as /etc/cron.d/drover-" + base.replaceAll("[^A-Za-z0-9_-]", "-")
                        + " (no dots in the name), mode 0644. See docs/scheduled-runs.md.");
        out.println("# Log: " + log + "; anything printed before logging starts: " + stderr);
        out.println("# Exit codes: 0 ok, 2 a host failed, 3 unreachable, 4 bad input, 6 the previous run still holds the lock.");
        out.println(line.render());
        out.flush();
        return ExitCodes.OK;
    }

    /** The scheduled command, parsed as {@code drover run} would parse it, so its errors show now. */
    private RunCommand parseScheduled() {
        if (!command.get(0).equals("run")) {
            throw new UserError("drover cron schedules playbook runs: after -- give 'run -i INVENTORY PLAYBOOK ...', not '"
                    + command.get(0) + "'");
        }
        CommandLine cli = Main.commandLine(command.toArray(String[]::new));
        cli.setExpandAtFiles(false);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(command.toArray(String[]::new));
            return (RunCommand) parsed.subcommand().commandSpec().userObject();
        } catch (CommandLine.ParameterException e) {
            throw new UserError("the scheduled command does not parse: " + e.getMessage());
        }
    }

    private List<String> launcherWords() {
        if (launcher != null) {
            return List.of(launcher.toAbsolutePath().normalize().toString());
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar) && jar.toString().endsWith(".jar")) {
                return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString());
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // not loaded from a jar: fall through to the error below
        }
        throw new UserError("cannot tell which drover jar this is (not started from a jar); give the command cron should"
                + " start with --launcher, e.g. --launcher /opt/drover/drover");
    }
}
