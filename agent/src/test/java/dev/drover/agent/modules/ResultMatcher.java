package dev.drover.agent.modules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Matches an expected value against a module result: maps match as subsets (extra result fields
 * are fine), lists element by element with equal length, numbers by value, everything else by
 * equality. A map with one {@code $} key matches loosely:
 * {@code {"$matches": "regex"}} (whole string), {@code {"$contains": "text"}},
 * {@code {"$file": "content"}} (the value is a path to a file with exactly that content) and
 * {@code {"$absent": true}} (the field is not in the result).
 */
final class ResultMatcher {
    private ResultMatcher() {
    }

    /** Returns null on a match, otherwise what differs at which field path. */
    static String mismatch(Object expected, Object actual, String where) {
        if (expected instanceof Map && isOperator((Map<?, ?>) expected)) {
            return operator((Map<?, ?>) expected, actual, where);
        }
        if (expected instanceof Map) {
            if (!(actual instanceof Map)) {
                return where + ": expected a mapping but was " + describe(actual);
            }
            Map<?, ?> am = (Map<?, ?>) actual;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) expected).entrySet()) {
                String sub = where.isEmpty() ? String.valueOf(e.getKey()) : where + "." + e.getKey();
                Object ev = e.getValue();
                if (ev instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) ev).get("$absent"))) {
                    if (am.containsKey(e.getKey())) {
                        return sub + ": expected no such field but was " + describe(am.get(e.getKey()));
                    }
                    continue;
                }
                if (!am.containsKey(e.getKey())) {
                    return sub + ": missing from the result";
                }
                String m = mismatch(ev, am.get(e.getKey()), sub);
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (expected instanceof List) {
            if (!(actual instanceof List)) {
                return where + ": expected a list but was " + describe(actual);
            }
            List<?> el = (List<?>) expected;
            List<?> al = (List<?>) actual;
            if (el.size() != al.size()) {
                return where + ": expected " + el.size() + " elements " + el + " but was " + al.size() + " " + al;
            }
            for (int i = 0; i < el.size(); i++) {
                String m = mismatch(el.get(i), al.get(i), where + "[" + i + "]");
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (expected instanceof Number && actual instanceof Number) {
            return new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString())) == 0 ? null
                    : where + ": expected " + expected + " but was " + actual;
        }
        if (expected == null ? actual == null : expected.equals(actual)) {
            return null;
        }
        return where + ": expected " + describe(expected) + " but was " + describe(actual);
    }

    private static boolean isOperator(Map<?, ?> m) {
        return m.size() == 1 && String.valueOf(m.keySet().iterator().next()).startsWith("$");
    }

    private static String operator(Map<?, ?> op, Object actual, String where) {
        Map.Entry<?, ?> e = op.entrySet().iterator().next();
        String arg = String.valueOf(e.getValue());
        switch (String.valueOf(e.getKey())) {
            case "$matches":
                return actual instanceof String && Pattern.compile(arg, Pattern.DOTALL).matcher((String) actual).matches()
                        ? null : where + ": expected to match /" + arg + "/ but was " + describe(actual);
            case "$contains":
                return actual != null && String.valueOf(actual).contains(arg) ? null
                        : where + ": expected to contain " + describe(arg) + " but was " + describe(actual);
            case "$file":
                try {
                    String content = new String(Files.readAllBytes(Paths.get(String.valueOf(actual))), StandardCharsets.UTF_8);
                    return content.equals(arg) ? null
                            : where + ": file " + actual + " should hold " + describe(arg) + " but holds " + describe(content);
                } catch (IOException ex) {
                    return where + ": expected a readable file but " + describe(actual) + " is not: " + ex;
                }
            case "$absent":
                return where + ": expected no such field but was " + describe(actual);
            default:
                return where + ": unknown matcher " + e.getKey() + " (known: $matches, $contains, $file, $absent)";
        }
    }

    static String describe(Object o) {
        if (o instanceof String) {
            return "\"" + ((String) o).replace("\n", "\\n").replace("\t", "\\t") + "\"";
        }
        return String.valueOf(o);
    }
}
