package dev.drover.execute.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says what a gate task waits for, in the playbook's own words, for the live progress line: the
 * operator watching a rolling restart wants to see "node2: wait_for path=... search_regex=..."
 * rather than a silent terminal. Pure.
 */
final class Gates {
    /** Modules that block until something on the host holds. */
    static final Set<String> WAIT_MODULES = Set.of("wait_for", "wait_for_connection");

    /** The arguments that say what is awaited, in this order; the rest (delay, sleep, msg) are noise here. */
    private static final List<String> SHOWN = List.of("path", "host", "port", "state", "search_regex", "fail_regex",
            "exclude_hosts", "timeout");

    private Gates() {
    }

    /** E.g. {@code wait_for path=/srv/app/log search_regex='started at' timeout=30}. */
    static String describe(String module, Map<String, Object> args, String onHost) {
        List<String> parts = new ArrayList<>();
        parts.add(module);
        for (String key : SHOWN) {
            Object v = args.get(key);
            if (v != null) {
                String text = String.valueOf(v);
                parts.add(key + "=" + (text.isEmpty() || text.contains(" ") ? "'" + text + "'" : text));
            }
        }
        if (module.equals("wait_for") && !args.containsKey("path") && args.containsKey("port") && !args.containsKey("host")) {
            parts.add("(on " + onHost + ")");
        }
        return String.join(" ", parts);
    }
}
