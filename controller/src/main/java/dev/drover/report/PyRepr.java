package dev.drover.report;

import java.util.List;
import java.util.Map;

/** Python's {@code repr}-like text of a loop item, as Ansible shows it in {@code (item=...)}. */
final class PyRepr {
    private PyRepr() {
    }

    /** Strings bare at the top level (Ansible prints {@code (item=web)}), Python literals inside. */
    static String of(Object v) {
        return v instanceof String s ? s : inner(v);
    }

    private static String inner(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(inner(k)).append(": ").append(inner(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(b.length() > 1 ? ", " : "").append(inner(x)));
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }
}
