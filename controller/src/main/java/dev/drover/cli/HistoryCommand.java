package dev.drover.cli;

import dev.drover.journal.Journal;
import dev.drover.journal.RunSummary;
import dev.drover.journal.Runs;
import dev.drover.report.PlaybookPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover history}: past runs from their journals; {@code drover history show RUN}: one run's recap and failures. */
@Command(mixinStandardHelpOptions = true, name = "history", description = {
    "List past runs from their journals: id, start, duration, result, failed hosts, playbook.",
    "Examples:",
    "  drover history --last 5",
    "  drover history show last"},
        subcommands = HistoryCommand.Show.class, sortOptions = false)
final class HistoryCommand implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Mixin
    StateOptions state;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "Show the N newest runs (default ${DEFAULT-VALUE}).")
    int last;

    @Spec
    CommandSpec spec;

    static Runs runs(StateOptions state) {
        return new Runs(state.resolve());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Runs runs = runs(state);
        List<String> ids = runs.ids();
        if (ids.isEmpty()) {
            out.println("no runs recorded in " + runs.dir());
            return ExitCodes.OK;
        }
        out.println(String.format("%-21s %-19s %9s  %-16s %-20s %s", "RUN", "STARTED (UTC)", "DURATION", "RESULT",
                "FAILED HOSTS", "PLAYBOOK"));
        for (String id : ids.subList(Math.max(0, ids.size() - Math.max(1, last)), ids.size())) {
            try {
                RunSummary s = RunSummary.of(Journal.read(runs.dir().resolve(id).resolve(Journal.FILE_NAME)));
                out.println(String.format("%-21s %-19s %9s  %-16s %-20s %s", s.runId(), TIME.format(s.started()),
                        duration(s.duration()), result(s), s.failedHosts().isEmpty() ? "-" : String.join(",", s.failedHosts()),
                        s.playbook()));
            } catch (IOException | RuntimeException e) {
                err.println("[WARNING]: run " + id + ": unreadable journal: " + e.getMessage());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String result(RunSummary s) {
        return s.result() + s.exitCode().map(c -> " (" + c + ")").orElse("");
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** {@code drover history show RUN}. */
    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show one run: what it was asked to do, where it stopped, its failures and recap.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "A run id, or 'last'.")
        String run;

        @Mixin
        StateOptions state;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Journal j;
            try {
                j = Journal.read(runs(state).journal(run));
            } catch (Runs.NoSuchRunException e) {
                throw new UserError(e.getMessage());
            } catch (IOException e) {
                throw new UserError("run " + run + ": cannot read its journal: " + e.getMessage());
            }
            RunSummary s = RunSummary.of(j);
            out.println("Run " + s.runId() + s.resumedFrom().map(r -> " (resumed from " + r + ")").orElse(""));
            out.println("Playbook:  " + s.playbook());
            out.println("Inventory: " + String.join(", ", j.start().inventory().stream().map(x -> x.source()).toList()));
            if (j.start().limit() != null) {
                out.println("Limit:     " + j.start().limit());
            }
            out.println("Started:   " + TIME.format(s.started()) + " UTC, took " + duration(s.duration()) + (j.start().check() ? ", check mode" : ""));
            out.println("Result:    " + result(s) + (s.result().equals(RunSummary.INCOMPLETE)
                    ? ": the journal has no end; the controller was killed or is still running" : ""));
            j.stops().forEach(st -> out.println("Stopped:   play '" + st.name() + "': " + st.reason()
                    + (st.neverStarted().isEmpty() ? "" : "; never started: " + String.join(", ", st.neverStarted()))));
            List<Journal.TaskLine> failures = j.tasks().stream().filter(Journal.TaskLine::fatal).toList();
            if (!failures.isEmpty()) {
                out.println();
                out.println("Failures:");
                for (Journal.TaskLine t : failures) {
                    String play = Optional.ofNullable(j.plays().get(t.play())).map(Journal.PlayLine::name).orElse("#" + t.play());
                    out.println("  " + t.status().name().toLowerCase(java.util.Locale.ROOT) + ": [" + t.host() + "] play '"
                            + play + "', task '" + t.name() + "' (" + t.where() + ")"
                            + (t.noLog() ? " (no_log)" : t.message().map(m -> ": " + m).orElse("")));
                }
            }
            out.println();
            out.println(PlaybookPrinter.banner("PLAY RECAP"));
            for (Map.Entry<String, Map<String, Object>> e : s.stats().entrySet()) {
                StringBuilder line = new StringBuilder(String.format("%-26s :", e.getKey()));
                e.getValue().forEach((k, v) -> line.append(String.format(" %s=%-4s", k, v)));
                out.println(line.toString().stripTrailing());
            }
            if (!s.result().equals("ok")) {
                out.println();
                out.println(RunJournal.hint(s.runId(), state));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
