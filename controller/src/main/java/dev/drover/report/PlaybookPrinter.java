package dev.drover.report;

import dev.drover.execute.HostStatus;
import dev.drover.execute.play.PlayListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prints a playbook run the way Ansible's default callback does: 80-column banners for plays and
 * tasks, one line per host ({@code ok: [node1]}, {@code fatal: [node3]: FAILED! => {...}}), loop
 * items, {@code debug} output, diffs with {@code --diff}, result JSON with {@code -v}, and the recap.
 * Synchronized: host threads report concurrently.
 */
public final class PlaybookPrinter implements PlayListener {
    public static final String CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
    private static final int COLUMNS = 79;
    private static final Set<String> DEBUG = Set.of("debug");

    private final PrintWriter out;
    private final PrintWriter err;
    private final Style style;
    private final int verbosity;
    private final boolean diff;
    /** The play that stopped the run, for the recap's "never started" line. */
    private PlayStop stop;
    private final GateProgress progress;
    /** Module warnings already printed: Ansible's Display prints each text once per run. */
    private final Set<String> warned = new java.util.HashSet<>();

    /**
     * @param terminal         the output is a terminal: gate progress is one line rewritten in place
     * @param progressInterval otherwise, how often a waiting host gets a line
     */
    public PlaybookPrinter(PrintWriter out, PrintWriter err, Style style, int verbosity, boolean diff, boolean terminal,
            Duration progressInterval) {
        this.out = out;
        this.err = err;
        this.style = style;
        this.verbosity = verbosity;
        this.diff = diff;
        this.progress = new GateProgress(this, out, terminal, progressInterval);
    }

    /** The play being run, for the banner each serial batch repeats. */
    private String playName;

    public static String banner(String msg) {
        return msg + " " + "*".repeat(Math.max(3, COLUMNS - msg.length()));
    }

    @Override
    public synchronized void playStart(String name, List<String> hosts) {
        playName = name;
        playBanner();
    }

    /** Each serial batch after the first shows the play's banner again, as ansible-playbook does. */
    @Override
    public synchronized void batchStart(int index, int count, List<String> hosts) {
        if (index > 0 && playName != null) {
            playBanner();
        }
    }

    private void playBanner() {
        progress.clearLine();
        // One write for the blank line and the banner: the console's writer flushes at every println,
        // and a warm run sends each flush to its thin client as a frame of its own.
        out.println(System.lineSeparator() + style.bold(banner("PLAY [" + playName + "]")));
        out.flush();
    }

    @Override
    public synchronized void taskStart(TaskStart task) {
        progress.clearLine();
        String caption = task.kind() == Kind.HANDLER ? "RUNNING HANDLER [" : "TASK [";
        out.println(System.lineSeparator() + style.bold(banner(caption + task.name() + "]"))); // one write, as above
        out.flush();
    }

    @Override
    public synchronized void hostResult(TaskResult r) {
        progress.clearLine();
        String who = who(r.host(), r.delegatedTo());
        Map<String, Object> shown = shown(r.result(), r.action(), r.noLog());
        // A looped task reports per item; only a loop that failed before any item (its expression
        // could not be rendered) is reported here, like any other failure.
        if (!r.looped() || !(r.result().get("results") instanceof List<?>)) {
            moduleWarnings(r.result(), r.noLog());
        }
        if (r.looped() && r.result().get("results") instanceof List<?>) {
            if (r.status() == HostStatus.SKIPPED) {
                // Ansible's v2_runner_on_skipped after the items (or for a loop with none): the host's line,
                // at -v with what is left of the result once the items are shown ("All items skipped").
                Map<String, Object> rest = new java.util.LinkedHashMap<>(shown);
                rest.keySet().removeAll(java.util.Set.of("results", "changed", "skipped"));
                out.println(style.skipped("skipping: " + who + (verbosity > 0 ? " => " + AnsibleJson.compact(rest) : "")));
            }
            if (r.ignored()) {
                out.println(style.skipped("...ignoring"));
            }
            out.flush();
            return;
        }
        printDiff(r.result(), r.noLog(), r.diff());
        switch (r.status()) {
            case OK -> out.println(style.ok("ok: " + who + details(shown, r.action())));
            case CHANGED -> out.println(style.changed("changed: " + who + details(shown, r.action())));
            case SKIPPED -> out.println(style.skipped("skipping: " + who + (verbosity > 0 ? " => " + AnsibleJson.compact(shown) : "")));
            case FAILED -> {
                out.println(style.failed("fatal: " + who + ": FAILED! => " + AnsibleJson.compact(shown)));
                where(r.result(), r.noLog());
                if (r.ignored()) {
                    out.println(style.skipped("...ignoring"));
                }
            }
            case UNREACHABLE -> out.println(style.unreachable("fatal: " + who + ": UNREACHABLE! => " + AnsibleJson.compact(shown)));
        }
        out.flush();
    }

    @Override
    public synchronized void itemResult(ItemResult r) {
        progress.clearLine();
        String who = who(r.host(), r.delegatedTo());
        Map<String, Object> shown = shown(r.result(), r.action(), r.noLog());
        String item = "(item=" + (r.noLog() ? "None" : PyRepr.of(r.label())) + ")";
        moduleWarnings(r.result(), r.noLog());
        printDiff(r.result(), r.noLog(), r.diff());
        switch (r.status()) {
            case OK -> out.println(style.ok("ok: " + who + " => " + item + details(shown, r.action())));
            case CHANGED -> out.println(style.changed("changed: " + who + " => " + item + details(shown, r.action())));
            case SKIPPED -> {
                // Ansible's v2_runner_item_on_skipped ends the label with a space, then at -v the item's keys.
                Map<String, Object> rest = new java.util.LinkedHashMap<>(shown);
                rest.keySet().removeAll(java.util.Set.of("changed", "skipped", "skip_reason", "false_condition"));
                out.println(style.skipped("skipping: " + who + " => " + item + " "
                        + (verbosity > 0 ? " => " + AnsibleJson.compact(rest) : "")));
            }
            case FAILED -> {
                out.println(style.failed("failed: " + who + " " + item + " => " + AnsibleJson.compact(shown)));
                where(r.result(), r.noLog());
            }
            case UNREACHABLE -> out.println(style.unreachable("fatal: " + who + ": UNREACHABLE! => " + item + " "
                    + AnsibleJson.compact(shown)));
        }
        out.flush();
    }

    /**
     * drover's account of a failure whose message, in Ansible's words, names no place (a filter's error
     * while rendering a task's arguments): the task, file:line:column and the template, on a line of its own.
     */
    private void where(Map<String, Object> result, boolean noLog) {
        if (!noLog && result.get(PlayListener.FAILURE_WHERE) instanceof String where) {
            out.println(style.failed(where));
        }
    }

    @Override
    public synchronized void replayed(TaskResult r, String fromRun) {
        progress.clearLine();
        String who = who(r.host(), r.delegatedTo());
        out.println(style.skipped("done: " + who + " => " + r.status().name().toLowerCase(java.util.Locale.ROOT)
                + " in run " + fromRun + ", not run again"));
        out.flush();
    }

    @Override
    public void waiting(Waiting w) {
        progress.start(w);
    }

    @Override
    public void waitOver(Waiting w) {
        progress.end(w);
    }

    @Override
    public synchronized void retrying(String host, String task, int retriesLeft, Map<String, Object> result) {
        progress.clearLine();
        out.println(style.failed("FAILED - RETRYING: [" + host + "]: " + task + " (" + retriesLeft + " retries left)."));
        out.flush();
    }

    @Override
    public synchronized void connectionLost(String host, String task, int attempt, String reason) {
        progress.clearLine();
        out.println(style.failed(host + ": connection lost, reconnecting (attempt " + attempt + ")..."));
        out.flush();
    }

    @Override
    public synchronized void reattached(String host, String task, int attempts, boolean replayed) {
        progress.clearLine();
        // Fact gathering is not a spooled step: it runs again on the new agent.
        out.println(host + ": reconnected, " + (replayed ? "the step had finished on the host; its result follows"
                : "Gathering Facts".equals(task) ? "gathering facts again"
                : "reattached to the step still running on the host"));
        out.flush();
    }

    @Override
    public synchronized void included(Path file, List<String> hosts) {
        included(file, hosts, java.util.Optional.empty());
    }

    /** Ansible's v2_playbook_on_include: the item label after the line, censored under no_log. */
    @Override
    public synchronized void included(Path file, List<String> hosts, java.util.Optional<Object> item) {
        progress.clearLine();
        out.println("included: " + file.toAbsolutePath().normalize() + " for " + String.join(", ", hosts)
                + item.map(i -> " => (item=" + (PlayListener.CENSORED_ITEM.equals(i) ? i : PyRepr.of(i)) + ")").orElse(""));
        out.flush();
    }

    @Override
    public synchronized void noHostsLeft() {
        progress.clearLine();
        out.println();
        out.println(style.failed(banner("NO MORE HOSTS LEFT")));
        out.flush();
    }

    @Override
    public synchronized void playStopped(PlayStop stop) {
        progress.clearLine();
        this.stop = stop;
        out.println(style.failed("play '" + stop.play() + "' stopped: " + stop.reason()
                + (stop.neverStarted().isEmpty() ? "" : "; never started: " + String.join(", ", stop.neverStarted()))));
        out.flush();
    }

    @Override
    public synchronized void warning(String message) {
        progress.clearLine();
        err.println(style.failed("[WARNING]: " + message));
        err.flush();
    }

    @Override
    public synchronized void recap(Map<String, HostStats> stats, Duration elapsed) {
        progress.clearLine();
        out.println();
        out.println(style.bold(banner("PLAY RECAP")));
        // Ansible's default callback lists the hosts sorted by name, not in inventory order.
        new java.util.TreeMap<>(stats).forEach((host, s) -> {
            if (s.equals(NOTHING_COUNTED)) {
                return; // Ansible lists only the hosts a result was counted for (meta tasks count none)
            }
            String name = String.format("%-26s", host);
            String colouredName = s.failed() > 0 || s.unreachable() > 0 ? style.failed(name)
                    : s.changed() > 0 ? style.changed(name) : style.ok(name);
            out.println(colouredName + " : " + count("ok", s.ok()) + " " + count("changed", s.changed()) + " "
                    + count("unreachable", s.unreachable()) + " " + count("failed", s.failed()) + " "
                    + count("skipped", s.skipped()) + " " + count("rescued", s.rescued()) + " " + count("ignored", s.ignored()));
        });
        if (stop != null && !stop.neverStarted().isEmpty()) {
            // Hosts no batch reached have no counters above; say so, or a short recap looks like success.
            out.println(style.failed("never started: " + String.join(", ", stop.neverStarted())));
        }
        out.println();
        long secs = elapsed.toSeconds();
        progress.close();
        out.println(String.format("Playbook run took %d days, %d hours, %d minutes, %d seconds",
                secs / 86400, secs / 3600 % 24, secs / 60 % 60, secs % 60));
        out.flush();
    }

    private static final java.util.Set<String> HIDDEN = java.util.Set.of("diff", "failed", "skipped", "warnings");

    private static final HostStats NOTHING_COUNTED = new HostStats(0, 0, 0, 0, 0, 0, 0);

    private static String count(String name, int n) {
        return String.format("%s=%-4s", name, n);
    }

    private static String who(String host, Optional<String> delegatedTo) {
        return "[" + host + delegatedTo.filter(d -> !d.equals(host)).map(d -> " -> " + d).orElse("") + "]";
    }

    private String details(Map<String, Object> shown, String action) {
        if (DEBUG.contains(action)) {
            return " => " + AnsibleJson.pretty(shown);
        }
        return verbosity > 0 ? " => " + AnsibleJson.compact(shown) : "";
    }

    /** A result's {@code warnings} as Ansible's callback prints them: before the result, wrapped, each once. */
    private void moduleWarnings(Map<String, Object> result, boolean noLog) {
        if (noLog || !(result.get("warnings") instanceof List<?> warnings)) {
            return;
        }
        for (Object w : warnings) {
            String text = "[WARNING]: " + w;
            if (warned.add(text)) {
                err.println(style.failed(String.join("\n", TextWrap.wrap(text, COLUMNS))));
            }
        }
        err.flush();
    }

    /** @param shown the task's effective diff setting (its diff:, its play's, or --diff) */
    private void printDiff(Map<String, Object> result, boolean noLog, boolean shown) {
        if (!shown || noLog) {
            return;
        }
        // Ansible's v2_on_file_diff: only a changed result's diff, rendered as _get_diff does.
        Object d = result.get("diff");
        if (d != null && Boolean.TRUE.equals(result.get("changed"))) {
            out.print(AnsibleDiff.render(d));
        }
    }

    /**
     * What Ansible shows of a result (its TaskResult.clean_copy): no internal keys, no invocation, no
     * {@code failed} or {@code skipped} (the line already says so), no warnings (printed above it),
     * censored with no_log.
     */
    private Map<String, Object> shown(Map<String, Object> result, String action, boolean noLog) {
        Map<String, Object> shown = new LinkedHashMap<>();
        if (noLog) {
            shown.put("censored", CENSORED);
            shown.put("changed", Boolean.TRUE.equals(result.get("changed")));
            return shown;
        }
        result.forEach((k, v) -> {
            if (!k.startsWith("_") && !(k.equals("invocation") && verbosity < 3) && !HIDDEN.contains(k)) {
                shown.put(k, v);
            }
        });
        if (DEBUG.contains(action)) {
            shown.remove("changed");
        }
        return shown;
    }
}
