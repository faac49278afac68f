package dev.drover.compat;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PLAY RECAP of Ansible's default callback (drover prints the same), one line of counters per host. */
record Recap(Map<String, String> hosts) {
    private static final Pattern LINE = Pattern.compile("(?m)^(\\S+)\\s+: (ok=\\d+)\\s+(changed=\\d+)\\s+"
            + "(unreachable=\\d+)\\s+(failed=\\d+)\\s+(skipped=\\d+)\\s+(rescued=\\d+)\\s+(ignored=\\d+)");
    private static final Pattern CHANGED = Pattern.compile("changed=(\\d+)");

    Recap {
        hosts = Map.copyOf(hosts);
    }

    /** The recap after the last {@code PLAY RECAP} banner; empty when the output has none. */
    static Recap parse(String output) {
        int start = output.lastIndexOf("PLAY RECAP");
        Map<String, String> hosts = new TreeMap<>();
        if (start >= 0) {
            Matcher m = LINE.matcher(output.substring(start));
            while (m.find()) {
                StringBuilder counters = new StringBuilder();
                for (int g = 2; g <= m.groupCount(); g++) {
                    counters.append(g == 2 ? "" : " ").append(m.group(g));
                }
                hosts.put(m.group(1), counters.toString());
            }
        }
        return new Recap(hosts);
    }

    boolean changedNothing() {
        return hosts.values().stream().allMatch(c -> {
            Matcher m = CHANGED.matcher(c);
            return m.find() && m.group(1).equals("0");
        });
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(hosts).forEach((h, c) -> out.append("  ").append(h).append(": ").append(c).append('\n'));
        return out.isEmpty() ? "  (no PLAY RECAP)\n" : out.toString();
    }
}
