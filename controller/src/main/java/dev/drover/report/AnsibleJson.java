package dev.drover.report;

import dev.drover.python.PythonLiterals;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as Python's {@code json.dumps(sort_keys=True, ensure_ascii=False)} writes it, which is what
 * Ansible's output shows: compact with {@code ", "} and {@code ": "} separators, or indented by 4
 * ({@code debug} results).
 */
final class AnsibleJson {
    private AnsibleJson() {
    }

    static String compact(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, -1, 0);
        return b.toString();
    }

    static String pretty(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 4, 0);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, int indent, int level) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                b.append(first ? "" : ",");
                first = false;
                newline(b, indent, level + 1, indent < 0 && b.charAt(b.length() - 1) == ',');
                string(b, e.getKey());
                b.append(": ");
                write(b, e.getValue(), indent, level + 1);
            }
            newline(b, indent, level, false);
            b.append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            boolean first = true;
            for (Object x : l) {
                b.append(first ? "" : ",");
                first = false;
                newline(b, indent, level + 1, indent < 0 && b.charAt(b.length() - 1) == ',');
                write(b, x, indent, level + 1);
            }
            newline(b, indent, level, false);
            b.append(']');
        } else if (v == null) {
            b.append("null");
        } else if (v instanceof Double || v instanceof Float) {
            // json.dumps writes float.__repr__ (1796463925.90777, 1e-05), NaN and Infinity as JavaScript.
            double d = ((Number) v).doubleValue();
            b.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PythonLiterals.floatRepr(d));
        } else if (v instanceof Boolean || v instanceof Number) {
            b.append(v);
        } else {
            string(b, String.valueOf(v));
        }
    }

    private static void newline(StringBuilder b, int indent, int level, boolean compactSeparator) {
        if (indent < 0) {
            if (compactSeparator) {
                b.append(' ');
            }
            return;
        }
        b.append('\n').append(" ".repeat(indent * level));
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
