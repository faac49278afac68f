package dev.drover.cli;

import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import dev.drover.execute.RunListener;
import dev.drover.execute.play.ListenerTee;
import dev.drover.execute.play.PlayListener;
import dev.drover.journal.RunId;
import dev.drover.report.AdHocPrinter;
import dev.drover.report.Causes;
import dev.drover.report.Fanout;
import dev.drover.report.JsonEvents;
import dev.drover.report.JunitReport;
import dev.drover.report.LinePrefixWriter;
import dev.drover.report.PlaybookPrinter;
import dev.drover.report.Style;
import dev.drover.report.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Where one run's report goes, per {@link OutputOptions}: the human log on stdout (unless {@code
 * --output json}, which puts JSON events there instead), optionally with timestamps; a copy in the
 * {@code --log-file}, every line with the time and the run id; errors always on stderr. Owns the log
 * file: open for the run, closed by {@link #close}. {@link #guard} makes sure a run that ends on an
 * error still reports its end (a {@code run_end} event, an {@code ERROR} line in the log file).
 */
final class RunOutput implements AutoCloseable {
    private final PrintWriter console;
    private final PrintWriter consoleErr;
    private final PrintWriter log;
    private final JsonEvents json;
    private final Clock clock;
    private final RunId runId;
    private final Instant started;

    private RunOutput(PrintWriter console, PrintWriter consoleErr, PrintWriter log, JsonEvents json, Clock clock, RunId runId) {
        this.console = console;
        this.consoleErr = consoleErr;
        this.log = log;
        this.json = json;
        this.clock = clock;
        this.runId = runId;
        this.started = clock.instant();
    }

    static RunOutput open(OutputOptions options, PrintWriter out, PrintWriter err, RunId runId, Clock clock) {
        boolean json = options.json();
        PrintWriter console;
        PrintWriter consoleErr = err;
        if (json) {
            console = new PrintWriter(Writer.nullWriter());
        } else if (options.timestamps) {
            console = new PrintWriter(new LinePrefixWriter(out, () -> Timestamps.now(clock) + " "));
            consoleErr = new PrintWriter(new LinePrefixWriter(err, () -> Timestamps.now(clock) + " "));
        } else {
            console = out;
        }
        PrintWriter log = null;
        if (options.logFile != null) {
            log = new PrintWriter(new LinePrefixWriter(openLog(options.logFile), () -> Timestamps.now(clock) + " " + runId + " "));
        }
        return new RunOutput(console, consoleErr, log, json ? new JsonEvents(out, clock, runId.value()) : null, clock, runId);
    }

    private static Writer openLog(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // 0600 when created, whatever the umask: the log carries host output and extra variables.
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
        } catch (UnsupportedOperationException e) {
            throw new UserError("--log-file: " + file + " is on a file system without POSIX permissions; choose another place.");
        } catch (IOException e) {
            throw new UserError("--log-file: cannot open " + file + " for appending: " + Causes.chain(e)
                    + ". Choose a writable file.");
        }
    }

    RunId runId() {
        return runId;
    }

    /** The first event: what runs, for whom. {@code summary} is the log file's line; {@code fields} the JSON's. */
    void start(String summary, Map<String, Object> fields) {
        start(ProcessHandle.current().pid(), summary, fields);
    }

    /** {@link #start(String, Map)} for a command run on behalf of process {@code pid} (a thin client's). */
    void start(long pid, String summary, Map<String, Object> fields) {
        if (log != null) {
            log.println("run " + runId + " started (pid " + pid + "): " + summary);
            log.flush();
        }
        if (json != null) {
            json.runStart(fields);
        }
    }

    /** The listener for a playbook run: console, log file, JSON events and the JUnit report as chosen. */
    PlayListener forPlaybook(Style style, int verbosity, boolean diff, JunitReport junit, boolean terminal,
            java.time.Duration progressInterval) {
        List<PlayListener> all = new ArrayList<>();
        // In-place progress only on a terminal showing human output; periodic lines otherwise.
        all.add(new PlaybookPrinter(console, consoleErr, json != null ? Style.PLAIN : style, verbosity, diff,
                terminal && json == null, progressInterval));
        if (log != null) {
            all.add(new PlaybookPrinter(log, log, Style.PLAIN, verbosity, diff, false, progressInterval));
        }
        if (json != null) {
            all.add(json);
        }
        if (junit != null) {
            all.add(junit);
        }
        return new ListenerTee(all);
    }

    /** Where human-readable lines for the operator go: stdout, or nowhere with {@code --output json}. */
    PrintWriter console() {
        return console;
    }

    /** The listener for {@code drover exec}. */
    RunListener forAdHoc(Style style, String module, boolean oneLine, List<String> hosts) {
        List<RunListener> all = new ArrayList<>();
        all.add(new AdHocPrinter(console, style, module, oneLine));
        if (log != null) {
            all.add(new AdHocPrinter(log, Style.PLAIN, module, oneLine));
        }
        if (json != null) {
            json.adHocTask(module, hosts);
            all.add(json);
        }
        return new Fanout(all);
    }

    /** {@code drover exec} has no recap of its own; JSON readers get one, counted like a playbook's. */
    void adHocRecap(List<HostResult> results) {
        if (json == null) {
            return;
        }
        Map<String, PlayListener.HostStats> stats = new LinkedHashMap<>();
        for (HostResult r : results) {
            HostStatus s = r.status();
            stats.put(r.host(), new PlayListener.HostStats(s == HostStatus.OK || s == HostStatus.CHANGED ? 1 : 0,
                    s == HostStatus.CHANGED ? 1 : 0, s == HostStatus.UNREACHABLE ? 1 : 0, s == HostStatus.FAILED ? 1 : 0,
                    s == HostStatus.SKIPPED ? 1 : 0, 0, 0));
        }
        json.recap(stats, Duration.between(started, clock.instant()));
    }

    /** A warning from the CLI itself (not from the run): stderr, the log file, a JSON event. */
    void warning(String message) {
        consoleErr.println("[WARNING]: " + message);
        consoleErr.flush();
        if (log != null) {
            log.println("[WARNING]: " + message);
            log.flush();
        }
        if (json != null) {
            json.warning(message);
        }
    }

    /**
     * Runs {@code body} and reports how it ended, even when it throws: the exit code and the
     * duration (and the error) go to the log file and the {@code run_end} event. Exceptions are
     * rethrown for {@link Failures} to print on stderr.
     */
    int guard(Callable<Integer> body) throws Exception {
        int code;
        try {
            code = body.call();
        } catch (UserError e) {
            end(e.exitCode(), e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            end(ExitCodes.INTERRUPTED, "interrupted");
            throw e;
        } catch (Exception | Error e) {
            end(ExitCodes.INTERNAL_ERROR, "internal error: " + e);
            throw e;
        }
        end(code, null);
        return code;
    }

    private void end(int exitCode, String error) {
        Duration elapsed = Duration.between(started, clock.instant());
        if (log != null) {
            if (error != null) {
                log.println("ERROR: " + error);
            }
            log.println("run " + runId + " ended: exit " + exitCode + " after " + elapsed.toSeconds() + "s");
            log.flush();
        }
        if (json != null) {
            json.runEnd(exitCode, elapsed, error);
        }
    }

    @Override
    public void close() {
        console.flush();
        consoleErr.flush();
        if (log != null) {
            log.close();
        }
    }
}
