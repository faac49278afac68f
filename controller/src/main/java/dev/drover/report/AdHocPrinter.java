package dev.drover.report;

import dev.drover.execute.HostResult;
import dev.drover.execute.RunListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders ad hoc results as Ansible's default (minimal) callback does: {@code host | CHANGED | rc=0 >>}
 * followed by the output for command-like modules, {@code host | SUCCESS => {json}} for the others.
 * With {@code --one-line}, as Ansible's {@code -o} (oneline callback): exactly one line per host,
 * {@code host | CHANGED | rc=0 | (stdout) a\nb}, line breaks written as {@code \n}, so the output
 * can be grepped and sorted.
 */
public final class AdHocPrinter implements RunListener {
    /** Modules whose result is shown as raw output rather than JSON (Ansible's MODULE_NO_JSON). */
    private static final Set<String> RAW_OUTPUT_MODULES = Set.of("command", "shell", "raw");
    /**
     * Fields the agent adds to every result that Ansible's ad hoc JSON does not show for modules
     * that do not time themselves ({@code start}, {@code end}, {@code delta} stay for command-like ones).
     */
    private static final Set<String> HIDDEN = Set.of("stdout_lines", "stderr_lines", "start", "end", "delta");

    private final PrintWriter out;
    private final Style style;
    private final String module;
    private final boolean oneLine;

    public AdHocPrinter(PrintWriter out, Style style, String module, boolean oneLine) {
        this.out = out;
        this.style = style;
        this.module = module;
        this.oneLine = oneLine;
    }

    @Override
    public synchronized void hostResult(HostResult r) {
        String text = oneLine ? oneLine(r) : multiLine(r);
        out.println(text);
        out.flush();
    }

    /** The lines a playbook run prints too (PlaybookPrinter), so both read alike. */
    @Override
    public synchronized void connectionLost(String host, String command, int attempt, String reason) {
        out.println(style.failed(host + ": connection lost, reconnecting (attempt " + attempt + ")..."));
        out.flush();
    }

    @Override
    public synchronized void reattached(String host, String command, int attempts, boolean replayed) {
        out.println(host + ": reconnected, " + (replayed ? "the command had finished on the host; its result follows"
                : "reattached to the command still running on the host"));
        out.flush();
    }

    private String oneLine(HostResult r) {
        return switch (r.status()) {
            case UNREACHABLE -> style.unreachable(r.host() + " | UNREACHABLE!: " + flat(r.message()));
            case SKIPPED -> style.skipped(r.host() + " | SKIPPED");
            case FAILED -> style.failed(raw(r) ? rawLine(r, "FAILED") : r.host() + " | FAILED! => " + AnsibleJson.compact(shown(r)));
            case CHANGED -> style.changed(raw(r) ? rawLine(r, "CHANGED") : r.host() + " | CHANGED => " + AnsibleJson.compact(shown(r)));
            case OK -> style.ok(raw(r) ? rawLine(r, "SUCCESS") : r.host() + " | SUCCESS => " + AnsibleJson.compact(shown(r)));
        };
    }

    private static String rawLine(HostResult r, String caption) {
        String line = r.host() + " | " + caption + " | rc=" + r.result().getOrDefault("rc", -1) + " | (stdout) "
                + flat(r.result().getOrDefault("stdout", ""));
        Object stderr = r.result().get("stderr");
        return stderr == null || String.valueOf(stderr).isEmpty() ? line : line + " (stderr) " + flat(stderr);
    }

    /** Line breaks as the two characters {@code \n}, as Ansible's oneline callback writes them. */
    private static String flat(Object text) {
        return String.valueOf(text).replace("\n", "\\n").replace("\r", "\\r");
    }

    private String multiLine(HostResult r) {
        return switch (r.status()) {
            case UNREACHABLE -> style.unreachable(r.host() + " | UNREACHABLE! => " + json(r.result()));
            case SKIPPED -> style.skipped(r.host() + " | SKIPPED" + (r.message().isEmpty() ? "" : ": " + r.message()));
            case FAILED -> style.failed(raw(r) ? rawOutput(r, "FAILED") : r.host() + " | FAILED! => " + json(r.result()));
            case CHANGED -> style.changed(raw(r) ? rawOutput(r, "CHANGED") : r.host() + " | CHANGED => " + json(r.result()));
            case OK -> style.ok(raw(r) ? rawOutput(r, "SUCCESS") : r.host() + " | SUCCESS => " + json(r.result()));
        };
    }

    private boolean raw(HostResult r) {
        return RAW_OUTPUT_MODULES.contains(module) && r.result().containsKey("rc");
    }

    private static String rawOutput(HostResult r, String caption) {
        StringBuilder b = new StringBuilder();
        b.append(r.host()).append(" | ").append(caption).append(" | rc=").append(r.result().getOrDefault("rc", -1)).append(" >>");
        for (String field : new String[] {"stdout", "stderr"}) {
            Object v = r.result().get(field);
            if (v != null && !String.valueOf(v).isEmpty()) {
                b.append('\n').append(v);
            }
        }
        if (r.result().get("stdout") == null || String.valueOf(r.result().get("stdout")).isEmpty()) {
            String msg = r.message();
            if (!msg.isEmpty()) {
                b.append('\n').append(msg);
            }
        }
        return b.toString();
    }

    static String json(Map<String, Object> result) {
        return AnsibleJson.pretty(shown(result));
    }

    private static Map<String, Object> shown(HostResult r) {
        return shown(r.result());
    }

    private static Map<String, Object> shown(Map<String, Object> result) {
        Map<String, Object> shown = new TreeMap<>(result);
        shown.keySet().removeAll(HIDDEN);
        if (Boolean.FALSE.equals(shown.get("failed"))) {
            shown.remove("failed");
        }
        return shown;
    }
}
