package dev.drover.agent.modules.command;

import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code command} and {@code shell} do once they know the argv, following Ansible's command
 * module step by step: check {@code chdir}, let {@code creates}/{@code removes} skip the run,
 * stop in check mode, run, strip and split the output, fail on a non-zero rc.
 *
 * <p>Result fields: {@code changed, failed, cmd, rc, stdout, stderr, stdout_lines, stderr_lines,
 * msg} and, when output was cut, {@code warnings}. {@code start}/{@code end}/{@code delta} are left
 * to the session when the command ran, and are null when it did not run (as in Ansible).
 */
final class CommandExecution {
    private final String module;
    private final Object cmd;
    private final List<String> argv;
    private final CommandOptions options;
    private final List<String> warnings = new ArrayList<>();

    /**
     * @param module  "command" or "shell", for messages
     * @param cmd     what the result reports as {@code cmd}: the argv list, or the shell string
     * @param argv    what actually runs
     */
    CommandExecution(String module, Object cmd, List<String> argv, CommandOptions options) {
        this.module = module;
        this.cmd = cmd;
        this.argv = argv;
        this.options = options;
    }

    CommandExecution warn(String warning) {
        warnings.add(warning);
        return this;
    }

    ModuleResult run(ModuleContext context) throws ModuleException {
        Path base = Paths.get(options.chdir != null ? options.chdir : "").toAbsolutePath();
        if (options.chdir != null && !new File(options.chdir).isDirectory()) {
            String reason = new File(options.chdir).exists() ? "Not a directory" : "No such file or directory";
            return notRun(ModuleResult.failed("Unable to change directory before execution: " + reason + ": '" + options.chdir + "'"))
                    .with("rc", null);
        }
        String would = context.checkMode() ? "Would" : "Did";
        if (options.creates != null && Glob.matchesAny(options.creates, base)) {
            return notRun(ModuleResult.ok())
                    .msg(would + " not run command since '" + options.creates + "' exists")
                    .with("rc", 0)
                    .with("stdout", "skipped, since " + options.creates + " exists")
                    .with("stdout_lines", Collections.singletonList("skipped, since " + options.creates + " exists"));
        }
        if (options.removes != null && !Glob.matchesAny(options.removes, base)) {
            return notRun(ModuleResult.ok())
                    .msg(would + " not run command since '" + options.removes + "' does not exist")
                    .with("rc", 0)
                    .with("stdout", "skipped, since " + options.removes + " does not exist")
                    .with("stdout_lines", Collections.singletonList("skipped, since " + options.removes + " does not exist"));
        }
        if (context.checkMode()) {
            // Ansible: with creates/removes the check above was the prediction, so report "changed";
            // without them nothing can be predicted, so the task is skipped.
            boolean predicted = options.creates != null || options.removes != null;
            ModuleResult result = predicted ? ModuleResult.changed() : ModuleResult.skipped("");
            return notRun(result).with("rc", 0).msg("Command would have run if not in check mode");
        }

        ProcessRunner.Completed done;
        try {
            done = context.processes().run(argv, options.chdir, options.environment, options.stdin, options.timeoutMillis());
        } catch (ModuleException e) {
            // Could not start: Ansible reports rc (the errno), cmd and empty output with the reason.
            e = asPython(e);
            e.with("changed", false).with("cmd", cmd instanceof List ? String.join(" ", quoted(argv)) : cmd);
            for (String stream : new String[] {"stdout", "stderr"}) {
                e.with(stream, "").with(stream + "_lines", Collections.emptyList());
            }
            throw e;
        }
        String stdout = options.stripEmptyEnds ? TextLines.stripEnds(done.stdout) : done.stdout;
        String stderr = options.stripEmptyEnds ? TextLines.stripEnds(done.stderr) : done.stderr;
        ModuleResult result = ModuleResult.changed()
                .with("cmd", cmd)
                .with("rc", done.rc)
                .with("stdout", stdout)
                .with("stderr", stderr)
                .with("stdout_lines", TextLines.split(stdout))
                .with("stderr_lines", TextLines.split(stderr))
                .msg("");
        if (done.stdoutTruncated) {
            warnings.add("stdout was longer than the agent keeps and was cut; redirect large output to a file");
        }
        if (done.stderrTruncated) {
            warnings.add("stderr was longer than the agent keeps and was cut; redirect large output to a file");
        }
        if (!warnings.isEmpty()) {
            result.with("warnings", new ArrayList<>(warnings));
        }
        if (done.timedOut) {
            result.with("failed", true).msg("The " + module + " action failed to execute in the expected time frame ("
                    + options.timeoutText() + ") and was terminated");
        } else if (done.rc != 0) {
            result.with("failed", true).msg("non-zero return code");
        }
        return result;
    }

    /**
     * "cannot run 'x': No such file or directory" (rc 2) as Python's OSError reads in Ansible's
     * message: "[Errno 2] No such file or directory: b'x'".
     */
    private ModuleException asPython(ModuleException e) {
        String prefix = "cannot run '" + argv.get(0) + "': ";
        Object errno = e.fields().get("rc");
        String msg = e.getMessage();
        if (errno == null || msg == null || !msg.startsWith(prefix) || argv.get(0).matches(".*['\\\\\\P{ASCII}].*")) {
            return e;
        }
        ModuleException python = new ModuleException("[Errno " + errno + "] " + msg.substring(prefix.length()) + ": b'"
                + argv.get(0) + "'", e);
        e.fields().forEach(python::with);
        return python;
    }

    /** Python's shlex.quote of each word, as Ansible's _clean_args joins a command line. */
    private static List<String> quoted(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(w.isEmpty() ? "''" : w.matches("[\\w@%+=:,./-]+") ? w : "'" + w.replace("'", "'\"'\"'") + "'");
        }
        return out;
    }

    /** The fields every not-run outcome shares; times are null because nothing ran. */
    private ModuleResult notRun(ModuleResult result) {
        result.with("cmd", cmd)
                .with("stdout", "")
                .with("stderr", "")
                .with("stdout_lines", Collections.emptyList())
                .with("stderr_lines", Collections.emptyList())
                .with("start", null)
                .with("end", null)
                .with("delta", null);
        if (!warnings.isEmpty()) {
            result.with("warnings", new ArrayList<>(warnings));
        }
        return result;
    }
}
