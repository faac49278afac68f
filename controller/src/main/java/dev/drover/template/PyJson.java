package dev.drover.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.secret.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON as Python's {@code json} module writes and reads it, for {@code to_json}, {@code to_nice_json}
 * and {@code from_json}: {@code ", "} and {@code ": "} separators, non-ASCII escaped as {@code \u00e9},
 * floats in Python's notation, NaN and Infinity accepted.
 */
final class PyJson {
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

    private PyJson() {
    }

    /** How to write: {@code indent} below 0 means one line; {@code itemSeparator} is "," or ", ". */
    record Style(int indent, boolean sortKeys, boolean ensureAscii, String itemSeparator, String keySeparator) {
        static final Style COMPACT = new Style(-1, false, true, ", ", ": ");
        static final Style NICE = new Style(4, true, true, ",", ": ");
    }

    static String dumps(Object value, Style style, Evaluation eval) {
        StringBuilder out = new StringBuilder();
        write(value, style, eval, 0, out);
        return out.toString();
    }

    static Object loads(String text) {
        try {
            return PyValues.toJava(READER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new TemplateFailure("from_json: the text is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void write(Object value, Style style, Evaluation eval, int depth, StringBuilder out) {
        if (value instanceof Unsafe u) {
            write(u.value(), style, eval, depth, out);
        } else if (value instanceof Map<?, ?> map) {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (style.sortKeys()) {
                entries.sort((a, b) -> key(a.getKey(), eval).compareTo(key(b.getKey(), eval)));
            }
            container('{', '}', entries.size(), style, depth, out, (i, o) -> {
                string(key(entries.get(i).getKey(), eval), style, o);
                o.append(style.keySeparator());
                write(entries.get(i).getValue(), style, eval, depth + 1, o);
            });
        } else if (value instanceof Collection<?> || value instanceof Object[] || value instanceof Map.Entry<?, ?>) {
            List<Object> items = value instanceof Map.Entry<?, ?> e
                    ? Arrays.asList(e.getKey(), e.getValue()) : PyValues.items(value);
            container('[', ']', items.size(), style, depth, out,
                    (i, o) -> write(items.get(i), style, eval, depth + 1, o));
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PyValues.floatRepr(d));
        } else if (value instanceof Number n) {
            out.append(PyValues.str(PyValues.toJava(n), eval));
        } else if (value instanceof Secret) {
            string(PyValues.str(value, eval), style, out);
        } else {
            string(value.toString(), style, out);
        }
    }

    private interface Item {
        void write(int index, StringBuilder out);
    }

    private static void container(char open, char close, int size, Style style, int depth, StringBuilder out,
            Item item) {
        out.append(open);
        if (size == 0) {
            out.append(close);
            return;
        }
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(style.indent() >= 0 ? "," : style.itemSeparator());
            }
            newline(style, depth + 1, out);
            item.write(i, out);
        }
        newline(style, depth, out);
        out.append(close);
    }

    private static void newline(Style style, int depth, StringBuilder out) {
        if (style.indent() >= 0) {
            out.append('\n').append(" ".repeat(style.indent() * depth));
        }
    }

    /** Python's json keys: strings as they are, None/True/False/numbers as their JSON text. */
    private static String key(Object k, Evaluation eval) {
        if (k == null) {
            return "null";
        }
        if (k instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return PyValues.str(k, eval);
    }

    private static void string(String s, Style style, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || style.ensureAscii() && c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
