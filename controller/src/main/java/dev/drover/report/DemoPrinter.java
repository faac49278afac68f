package dev.drover.report;

import dev.drover.demo.DemoSettings;
import dev.drover.demo.Fingerprint;
import dev.drover.demo.SandboxState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The demo's own output around the normal run output: the banner, and the data check that shows what
 * happened to the data (production before and after, and the new version's copy), then which version
 * each node runs.
 */
public final class DemoPrinter {
    private final PrintWriter out;
    private final Style style;

    public DemoPrinter(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void banner(DemoSettings settings) {
        out.println(style.bold("drover demo: upgrade a three-node ACS cluster from " + DemoSettings.FROM_VERSION + " to "
                + DemoSettings.TO_VERSION + " (simulated ACS, SSH on loopback, the real agent and playbook)"));
        settings.failNode().ifPresent(n -> out.println("The new version on " + n + " will fail at its production start ("
                + settings.effectiveFault().orElseThrow() + "): watch the playbook "
                + (n.equals(DemoSettings.NODES.get(0)) ? "roll the cluster back." : "stop the rollout.")));
        out.println();
    }

    public void command(List<String> args) {
        out.println();
        out.println(style.bold("$ drover " + String.join(" ", args)));
        out.flush();
    }

    /** The data check: counts and checksums before and after, compared. */
    public void summary(Fingerprint before, SandboxState after) {
        Fingerprint prod = after.production();
        Optional<Fingerprint> copy = after.copy();
        out.println();
        out.println(style.bold("DATA CHECK (the simulator's fingerprint of the repository: database rows and content files)"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "before: production", "after: production", copy.isPresent() ? "after: " + DemoSettings.TO_VERSION + " copy" : ""});
        row(rows, "schema", before, prod, copy, f -> Integer.toString(f.schema()));
        for (String table : before.rows().keySet()) {
            row(rows, table + " rows", before, prod, copy, f -> String.valueOf(f.rows().get(table)));
        }
        row(rows, "content files", before, prod, copy, f -> Long.toString(f.contentFiles()));
        row(rows, "data sha256", before, prod, copy, f -> shortSum(f.dataSha256()));
        row(rows, "content sha256", before, prod, copy, f -> shortSum(f.contentSha256()));
        row(rows, "upgrade marker", before, prod, copy, f -> f.marker() ? "PRESENT" : "none");
        table(rows);
        out.println();
        out.println(prod.sameDataAs(before) && prod.schema() == before.schema()
                ? style.ok("Production's data is unchanged: the upgrade read it and never wrote it.")
                : style.failed("Production's data CHANGED during the upgrade."));
        copy.ifPresent(c -> {
            if (c.sameDataAs(before) && !c.marker()) {
                out.println(style.ok("The " + DemoSettings.TO_VERSION + " copy holds the same data (rows, files, checksums) at schema "
                        + before.schema() + " -> " + c.schema() + "."));
            } else if (c.marker()) {
                out.println(style.changed("The " + DemoSettings.TO_VERSION + " copy was left half-upgraded (marker present);"
                        + " nothing runs on it, and a new attempt restores it again from the backup set."));
            } else {
                out.println(style.failed("The " + DemoSettings.TO_VERSION + " copy differs from the data before the upgrade."));
            }
        });
        out.println();
        out.println(style.bold("RUNNING NOW"));
        for (Map.Entry<String, Optional<String>> e : after.running().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            out.println("  " + e.getKey() + ": " + e.getValue().map(v -> "ACS " + v).orElse("stopped"));
        }
    }

    private static void row(List<String[]> rows, String name, Fingerprint before, Fingerprint prod, Optional<Fingerprint> copy,
            Function<Fingerprint, String> value) {
        String b = value.apply(before);
        String p = value.apply(prod);
        String c = copy.map(value).orElse("");
        rows.add(new String[] {name, b, p.equals(b) ? p + " (same)" : p, c.isEmpty() || !c.equals(b) ? c : c + " (same)"});
    }

    private void table(List<String[]> rows) {
        int[] width = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < 4; i++) {
                line.append(' ').append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String shortSum(String sha256) {
        return sha256.length() > 16 ? sha256.substring(0, 16) + "..." : sha256;
    }
}
