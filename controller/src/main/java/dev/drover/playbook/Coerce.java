package dev.drover.playbook;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * Ansible's conversions for keyword values, shared by the parser (literals) and the executor
 * (rendered templates) so both accept exactly the same spellings.
 */
public final class Coerce {

    /** Ansible's {@code BOOLEANS_TRUE} / {@code BOOLEANS_FALSE} string forms (compared lower-cased). */
    private static final Set<String> TRUE = Set.of("y", "yes", "on", "1", "true", "t", "1.0");
    private static final Set<String> FALSE = Set.of("n", "no", "off", "0", "false", "f", "0.0");

    private Coerce() {
    }

    /**
     * True if the string holds Jinja2 syntax and so must be rendered before use. Same test as
     * Ansible's {@code is_template}: any of the start delimiters {@code {{ {% {#}.
     */
    public static boolean isTemplate(String s) {
        return s.contains("{{") || s.contains("{%") || s.contains("{#");
    }

    /**
     * Ansible's strict {@code boolean()}: booleans, 0/1, and the strings yes/no, on/off, true/false,
     * y/n, t/f, 1/0 in any case.
     *
     * @throws IllegalArgumentException naming the accepted spellings
     */
    public static boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number || value instanceof String) {
            String s = value.toString().trim().toLowerCase(Locale.ROOT);
            if (TRUE.contains(s)) {
                return true;
            }
            if (FALSE.contains(s)) {
                return false;
            }
        }
        throw new IllegalArgumentException("expected a boolean (true/false, yes/no, on/off, 1/0), got "
                + describe(value));
    }

    /**
     * An integer from an integer, a whole float, or a string holding one (Ansible's {@code isa='int'}).
     *
     * @throws IllegalArgumentException saying what was found instead
     */
    public static int toInt(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long l = ((Number) value).longValue();
            if (l == (int) l) {
                return (int) l;
            }
        } else if (value instanceof Number || value instanceof String) {
            try {
                return new BigDecimal(value.toString().trim()).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("expected an integer, got " + describe(value));
    }

    /**
     * A percentage from a number or a string like {@code "30%"} or {@code "12.5"} (Ansible's
     * {@code isa='percent'}).
     *
     * @throws IllegalArgumentException saying what was found instead
     */
    public static double toPercent(Object value) {
        if (value instanceof Number n && !(value instanceof Double d && (d.isNaN() || d.isInfinite()))) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (t.endsWith("%")) {
                t = t.substring(0, t.length() - 1).trim();
            }
            try {
                return new BigDecimal(t).doubleValue();
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("expected a percentage such as 30 or \"30%\", got " + describe(value));
    }

    /** How error messages show a value the user wrote: its YAML type and text. */
    public static String describe(Object value) {
        if (value == null) {
            return "an empty value";
        }
        String type;
        if (value instanceof String) {
            return "the string '" + value + "'";
        } else if (value instanceof Boolean) {
            type = "the boolean";
        } else if (value instanceof Number) {
            type = "the number";
        } else if (value instanceof java.util.Map) {
            return "a mapping";
        } else if (value instanceof java.util.List) {
            return "a list";
        } else {
            type = value.getClass().getSimpleName();
        }
        return type + " " + value;
    }
}
