package dev.drover.cli;

import dev.drover.journal.Checksums;
import dev.drover.journal.Journal;
import dev.drover.journal.ResumePlan;
import dev.drover.journal.RunStart;
import dev.drover.journal.Runs;
import dev.drover.execute.play.CompletedTasks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --resume}: the run being continued, and what the new run takes from it. Anything given on
 * the command line again wins; otherwise the original run's playbook, inventory sources, extra
 * variables, {@code --limit}, tags and check mode are used, so {@code drover run --resume last}
 * alone continues the same run.
 */
final class Resumption {
    private final Optional<Journal> from;
    /** The first run of the resume chain, whose id keys the steps on the hosts; empty for a fresh run. */
    private final Optional<String> origin;
    /** Step keys a run of the chain saw claimed on their host ({@code step_claimed}). */
    private final Set<String> claimed;

    private Resumption(Optional<Journal> from, Optional<String> origin, Set<String> claimed) {
        this.from = from;
        this.origin = origin;
        this.claimed = claimed;
    }

    static Resumption none() {
        return new Resumption(Optional.empty(), Optional.empty(), Set.of());
    }

    /** @param pid the process the operator started this run in (a thin client's, for a run in a command worker) */
    static Resumption of(JournalOptions options, Runs runs, long pid) {
        if (options.resume == null) {
            if (options.resumeForce) {
                throw new UserError("--resume-force needs --resume RUN");
            }
            return none();
        }
        try {
            Journal journal = Journal.read(runs.journal(options.resume));
            long holder = journal.start().pid();
            boolean alive = journal.end().isEmpty() && holder != pid && holder != ProcessHandle.current().pid()
                    && ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false);
            if (alive) {
                throw new UserError("run " + journal.runId() + " has not ended and its controller (pid " + holder
                        + ") is still alive; wait for it, or stop it (Ctrl-C) before resuming");
            }
            return new Resumption(Optional.of(journal), Optional.of(origin(journal, runs)), claimed(journal, runs));
        } catch (Runs.NoSuchRunException e) {
            throw new UserError("--resume " + options.resume + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UserError("--resume " + options.resume + ": cannot read the run's journal: " + e.getMessage());
        }
    }

    /**
     * The id the steps of this run are keyed by: the first run of the resume chain, so a step the
     * interrupted run sent has the same key now and the host's spool decides (docs/ARCHITECTURE.md).
     */
    String stepRunKey(String thisRunId) {
        return origin.orElse(thisRunId);
    }

    private static String origin(Journal journal, Runs runs) {
        String id = journal.runId();
        String previous = journal.start().resumedFrom();
        for (int hops = 0; previous != null && hops < 1000; hops++) {
            try {
                Journal earlier = Journal.read(runs.journal(previous));
                id = earlier.runId();
                previous = earlier.start().resumedFrom();
            } catch (Runs.NoSuchRunException | IOException e) {
                return previous; // Pruned from the state directory: its id is all that is left, and enough.
            }
        }
        return id;
    }

    /**
     * The step keys any run of the resume chain saw claimed on their host: the resumed run sends them
     * to attach only, so a spool removed since (the host's 7-day cleanup, a cleared cache) fails the
     * step with "no record of it" instead of starting it a second time.
     */
    Set<String> claimedSteps() {
        return claimed;
    }

    private static Set<String> claimed(Journal journal, Runs runs) throws IOException {
        List<Path> chain = new ArrayList<>(List.of(journal.file()));
        String previous = journal.start().resumedFrom();
        for (int hops = 0; previous != null && hops < 1000; hops++) {
            try {
                Path file = runs.journal(previous);
                chain.add(0, file);
                previous = Journal.read(file).start().resumedFrom();
            } catch (Runs.NoSuchRunException | IOException e) {
                break; // pruned: its claims are gone with it (the host's spool still answers)
            }
        }
        Set<String> open = new LinkedHashSet<>();
        for (Path file : chain) { // oldest first: a later run's result closes an earlier claim
            Journal.applyStepLines(file, open);
        }
        return open;
    }

    Optional<String> runId() {
        return from.map(Journal::runId);
    }

    CompletedTasks completed() {
        return from.<CompletedTasks>map(ResumePlan::of).orElse(CompletedTasks.NONE);
    }

    Path playbook(Path given) {
        if (given != null) {
            return given;
        }
        return from.map(j -> j.start().playbook())
                .orElseThrow(() -> new UserError("missing PLAYBOOK: give the playbook to run, or --resume RUN"));
    }

    /** Refuses to resume when the playbook or an imported or included file changed, unless forced. */
    void checkUnchanged(Map<String, String> current, boolean force, java.io.PrintWriter err) {
        if (from.isEmpty()) {
            return;
        }
        RunStart start = from.get().start();
        Map<String, String> recorded = new java.util.TreeMap<>(start.files());
        recorded.putAll(from.get().includedFiles());
        List<String> changed = new ArrayList<>(Checksums.changed(recorded));
        for (String file : current.keySet()) {
            if (!recorded.containsKey(file)) {
                changed.add(file + " (new: the run " + start.runId() + " did not use it)");
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        String what = "changed since run " + start.runId() + ": " + String.join("; ", changed);
        if (!force) {
            throw new UserError(what + ". Resuming an edited playbook could skip or repeat the wrong tasks; run it"
                    + " without --resume, or pass --resume-force to resume anyway (a task that moved runs again,"
                    + " with everything after it on that host)");
        }
        err.println("[WARNING]: --resume-force: " + what);
    }

    List<String> inventorySources(List<String> given) {
        if (!given.isEmpty() || from.isEmpty()) {
            return given;
        }
        return from.get().start().inventory().stream().map(RunStart.Source::source).toList();
    }

    /**
     * Extra variables: {@code -e} given again replaces the original's entirely. Otherwise the original's
     * {@code -e @FILE} files are read again and its safe values laid over them; a masked value that came
     * from the command line cannot be known, so resume refuses and names it.
     */
    Optional<Map<String, Object>> extraVars(boolean given, dev.drover.vault.Vault vault) {
        if (given || from.isEmpty()) {
            return Optional.empty();
        }
        RunStart start = from.get().start();
        Map<String, Object> vars = ExtraVars.parse(start.extraVarsFiles().stream().map(f -> "@" + f).toList(), vault);
        vars.putAll(start.extraVars());
        List<String> missing = start.maskedVars().stream().filter(n -> !vars.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new UserError("run " + start.runId() + " had extra variables given on the command line whose values"
                    + " were not journaled (" + String.join(", ", missing) + "); give all its -e values again with"
                    + " --resume (pass secrets with -e @FILE, which resume reads again; mark the others"
                    + " --extra-vars-safe NAME to have them journaled)");
        }
        return Optional.of(vars);
    }

    /** The names whose values the resumed run journals: the original's safe ones, unless {@code -e} is given again. */
    java.util.Set<String> safeVars(boolean given, java.util.Set<String> safe) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(safe);
        if (!given) {
            from.ifPresent(j -> out.addAll(j.start().extraVars().keySet()));
        }
        return out;
    }

    /** The original's {@code -e @FILE} files, unless {@code -e} is given again. */
    Optional<List<String>> extraVarsFiles(boolean given) {
        if (given || from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(from.get().start().extraVarsFiles());
    }

    String limit(String given) {
        return given != null ? given : from.map(j -> j.start().limit()).orElse(null);
    }

    List<String> tags(List<String> given) {
        return !given.isEmpty() ? given : from.map(j -> j.start().tags()).orElse(given);
    }

    List<String> skipTags(List<String> given) {
        return !given.isEmpty() ? given : from.map(j -> j.start().skipTags()).orElse(given);
    }

    boolean check(boolean given) {
        return given || from.map(j -> j.start().check()).orElse(false);
    }
}
