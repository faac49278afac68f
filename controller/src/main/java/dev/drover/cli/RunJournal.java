package dev.drover.cli;

import dev.drover.execute.play.PlaybookRunner;
import dev.drover.execute.play.RunOptions;
import dev.drover.journal.Checksums;
import dev.drover.journal.JournalWriter;
import dev.drover.journal.RunStart;
import dev.drover.journal.Runs;
import dev.drover.playbook.Playbook;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The journal side of one {@code drover run}: opens the run's journal, maps the run's outcome to an
 * exit code and the journal's last line, and tells the operator how to resume a run that did not
 * finish cleanly.
 */
final class RunJournal {
    /** How long Ctrl-C waits for running tasks; {@code -Ddrover.stopGraceSeconds} changes it. */
    static final String GRACE_PROPERTY = "drover.stopGraceSeconds";

    private final JournalOptions options;
    private final Runs runs;
    private final Resumption resumption;
    private final Invocation invocation;

    private RunJournal(JournalOptions options, Runs runs, Resumption resumption, Invocation invocation) {
        this.options = options;
        this.runs = runs;
        this.resumption = resumption;
        this.invocation = invocation;
    }

    static RunJournal prepare(JournalOptions options, Invocation invocation) {
        Runs runs = new Runs(options.state());
        return new RunJournal(options, runs, Resumption.of(options, runs, invocation.pid()), invocation);
    }

    Resumption resumption() {
        return resumption;
    }

    static Duration stopGrace() {
        return Duration.ofSeconds(Long.getLong(GRACE_PROPERTY, 30));
    }

    JournalWriter open(String runId, Playbook pb, RunOptions run, List<String> sources, List<String> tags, List<String> skipTags,
            java.util.Set<String> safeVars, List<String> extraVarsFiles) {
        Clock clock = Clock.systemUTC();
        Map.Entry<Map<String, Object>, List<String>> vars = RunStart.splitSecrets(run.extraVars(), safeVars);
        try {
            java.nio.file.Path file = runs.create(clock.instant(), runId);
            String id = file.getParent().getFileName().toString();
            RunStart start = new RunStart(id, pb.source().toAbsolutePath().normalize(), Checksums.ofPlaybook(pb),
                    sources.stream().map(s -> new RunStart.Source(absolute(s), Checksums.ofSource(s))).toList(),
                    vars.getKey(), vars.getValue(), run.limit(), tags, skipTags, run.check(), run.diff(),
                    invocation.pid(), clock.instant(), resumption.runId().orElse(null), extraVarsFiles);
            return JournalWriter.open(file, start, clock);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserError("cannot write the run journal under " + runs.dir() + ": " + e.getMessage()
                    + "; use --state-dir or DROVER_STATE_DIR to keep runs somewhere writable");
        }
    }

    /** The exit code of a run that returned; writes the journal's end and, unless all went well, the resume hint. */
    int finish(JournalWriter writer, PlaybookRunner.Result result, PrintWriter out) {
        String outcome;
        int code;
        if (result.interrupted()) {
            outcome = "interrupted";
            code = ExitCodes.INTERRUPTED;
        } else if (result.anyFailed()) {
            outcome = "failed";
            code = ExitCodes.HOST_FAILED;
        } else if (result.anyUnreachable()) {
            outcome = "unreachable";
            code = ExitCodes.HOST_UNREACHABLE;
        } else {
            outcome = "ok";
            code = ExitCodes.OK;
        }
        writer.end(outcome, code);
        if (code != ExitCodes.OK) {
            out.println(hint(writer.runId()));
            out.flush();
        }
        return code;
    }

    /**
     * A second Ctrl-C, or running tasks outlived the grace period: end the journal and leave now
     * ({@link Invocation#halt}; in a command worker {@code abort} then lets go of what the run holds).
     */
    void hardStop(JournalWriter writer, PrintWriter err, Runnable abort) {
        writer.end("interrupted", ExitCodes.INTERRUPTED);
        err.println(hint(writer.runId()));
        err.flush();
        invocation.halt(ExitCodes.INTERRUPTED, abort);
    }

    /** A source that is a file or directory, made absolute, so a resume from another directory finds it. */
    private static String absolute(String source) {
        java.nio.file.Path p = java.nio.file.Path.of(source);
        return java.nio.file.Files.exists(p) ? p.toAbsolutePath().normalize().toString() : source;
    }

    String hint(String runId) {
        return hint(runId, options.state);
    }

    /** How to resume run {@code runId}, naming the state directory when the operator chose one. */
    static String hint(String runId, StateOptions state) {
        return "To resume: drover run --resume " + runId + (state.stateDir != null ? " --state-dir " + state.stateDir : "");
    }
}
