package dev.drover.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Filters for values in general, with Jinja2's and Ansible's semantics where Jinjava's built-ins
 * differ: {@code default} keeps None (only undefined is replaced), {@code bool} knows Ansible's yes/on/1,
 * {@code string} and {@code join} print {@code True} and {@code None}, {@code first} of a string is its
 * first character.
 */
final class CoreFilters {
    private static final Set<Object> TRUE_WORDS = Set.of("yes", "on", "1", "true");

    private CoreFilters() {
    }

    static List<FilterDef> all() {
        return List.of(
                FilterDef.seeingUndefined("default", CoreFilters::defaultValue),
                FilterDef.seeingUndefined("d", CoreFilters::defaultValue),
                FilterDef.seeingUndefined("mandatory", CoreFilters::mandatory),
                FilterDef.of("ternary", CoreFilters::ternary),
                FilterDef.of("bool", (v, a, e) -> toBool(v)),
                FilterDef.of("int", (v, a, e) -> toInt(v, a.get(0, "default", 0), a.integer(1, "base", 10))),
                FilterDef.of("float", (v, a, e) -> toFloat(v, a.get(0, "default", 0.0))),
                FilterDef.of("string", (v, a, e) -> PyValues.str(v, e)),
                FilterDef.of("type_debug", (v, a, e) -> e.typeName(v)),
                FilterDef.of("join", (v, a, e) -> PyMethods.joinWith(a.string(0, "d", ""),
                        Attributes.each(PyValues.items(v), a.string(1, "attribute", null), e), e)),
                FilterDef.of("length", (v, a, e) -> length(v)),
                FilterDef.of("count", (v, a, e) -> length(v)),
                FilterDef.of("first", (v, a, e) -> firstOrLast(v, true, e)),
                FilterDef.of("last", (v, a, e) -> firstOrLast(v, false, e)),
                FilterDef.of("unique", (v, a, e) -> unique(v, a, e)),
                FilterDef.of("sort", (v, a, e) -> sort(v, a, e)),
                FilterDef.of("min", (v, a, e) -> extreme(v, a, e, -1)),
                FilterDef.of("max", (v, a, e) -> extreme(v, a, e, 1)),
                FilterDef.of("split", (v, a, e) -> PyStrings.split(PyValues.str(v, e), a.string(0, "sep", null),
                        a.integer(1, "maxsplit", -1), false)),
                FilterDef.of("flatten", (v, a, e) -> flatten(PyValues.items(v),
                        a.has(0, "levels") && a.get(0, "levels", null) != null ? a.integer(0, "levels", 0) : -1,
                        a.flag(1, "skip_nulls", true))));
    }

    /** Jinja2's {@code default(value, default_value='', boolean=False)}: None is a value, not undefined. */
    private static Object defaultValue(Object value, Args args, Evaluation eval) {
        Object fallback = args.get(0, "default_value", "");
        boolean orFalsy = args.flag(1, "boolean", false);
        if (value instanceof Undefined || orFalsy && !PyValues.truthy(value)) {
            eval.excuse(value);
            return fallback;
        }
        eval.excuse(fallback); // an unused default may itself be undefined, as Jinja2 allows
        return value;
    }

    private static Object mandatory(Object value, Args args, Evaluation eval) {
        if (value instanceof Undefined u) {
            eval.excuse(u);
            Object msg = args.get(0, "msg", null);
            // Ansible's words, two spaces included ("Mandatory variable %s not defined." with "'name' "):
            // its filter_core target compares them.
            String name = u.variable() != null ? "'" + u.variable() + "' " : "";
            throw new TemplateFailure(msg != null ? PyValues.str(msg, eval) : "Mandatory variable " + name + " not defined.");
        }
        return value;
    }

    private static Object ternary(Object value, Args args, Evaluation eval) {
        Object whenTrue = args.required(0, "true_val");
        Object whenFalse = args.required(1, "false_val");
        Object whenNone = args.get(2, "none_val", null);
        Object chosen = value == null && whenNone != null ? whenNone : PyValues.truthy(value) ? whenTrue : whenFalse;
        for (Object candidate : new Object[] {whenTrue, whenFalse, whenNone}) {
            if (candidate != chosen) {
                eval.excuse(candidate);
            }
        }
        return chosen;
    }

    /** A word Ansible's strict {@code boolean()} knows (module_utils.parsing.convert_bool). */
    static boolean isBoolWord(String s) {
        return Set.of("y", "yes", "on", "1", "true", "t", "n", "no", "off", "0", "false", "f")
                .contains(s.strip().toLowerCase());
    }

    /** Ansible's {@code bool}: None stays None; yes, on, 1 and true (any case) and the number 1 are true. */
    static Object toBool(Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return TRUE_WORDS.contains(s.toString().toLowerCase());
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 1;
        }
        return false;
    }

    /** Jinja2's {@code int}: Python's int(), then int(float()), then the default. */
    static Object toInt(Object value, Object fallback, int base) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return PyValues.toJava(new BigDecimal(value.toString()).toBigInteger());
        }
        if (value instanceof Number) {
            return PyValues.toJava(value);
        }
        if (value instanceof CharSequence cs) {
            String s = cs.toString().strip().replace("_", "");
            String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            String prefix = digits.length() > 1 ? digits.substring(0, 2).toLowerCase() : "";
            boolean basePrefix = base == 16 && prefix.equals("0x") || base == 8 && prefix.equals("0o")
                    || base == 2 && prefix.equals("0b");
            if (basePrefix) {
                digits = digits.substring(2);
            }
            try {
                BigInteger parsed = new BigInteger(digits, base);
                return PyValues.toJava(s.startsWith("-") ? parsed.negate() : parsed);
            } catch (NumberFormatException notInt) {
                try {
                    return PyValues.toJava(new BigDecimal(Double.toString(Double.parseDouble(s))).toBigInteger());
                } catch (NumberFormatException notFloat) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    /** Jinja2's {@code float}: Python's float(), else the default. */
    static Object toFloat(Object value, Object fallback) {
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof CharSequence s) {
            try {
                return Double.parseDouble(s.toString().strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static int length(Object value) {
        if (value instanceof CharSequence s) {
            return s.toString().codePointCount(0, s.length());
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value instanceof Object[] a) {
            return a.length;
        }
        throw new TemplateFailure("object of type '" + PyValues.typeName(value) + "' has no len()");
    }

    private static Object firstOrLast(Object value, boolean first, Evaluation eval) {
        List<Object> items = PyValues.items(value);
        if (items.isEmpty()) {
            String which = first ? "first" : "last";
            return eval.undefined(which, "No " + which + " item, sequence was empty.");
        }
        return items.get(first ? 0 : items.size() - 1);
    }

    /** Ansible's {@code unique}: first occurrences in order, strings compared without case by default. */
    private static Object unique(Object value, Args args, Evaluation eval) {
        boolean caseSensitive = args.flag(0, "case_sensitive", false);
        String attribute = args.string(1, "attribute", null);
        List<Object> items = PyValues.items(value);
        List<Object> keys = Attributes.each(items, attribute, eval);
        List<Object> seen = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object key = caseSensitive ? keys.get(i) : PyCompare.caseFolded(keys.get(i));
            if (!PyCompare.containsEqual(seen, key)) {
                seen.add(key);
                out.add(items.get(i));
            }
        }
        return out;
    }

    /** Jinja2's {@code sort(reverse=False, case_sensitive=False, attribute=None)}; stable. */
    private static Object sort(Object value, Args args, Evaluation eval) {
        boolean reverse = args.flag(0, "reverse", false);
        boolean caseSensitive = args.flag(1, "case_sensitive", false);
        String attribute = args.string(2, "attribute", null);
        List<Object> items = PyValues.items(value);
        List<String> attributes = attribute == null ? Collections.singletonList(null)
                : List.of(attribute.split(",\\s*"));
        List<List<Object>> keys = new ArrayList<>(items.size());
        for (Object item : items) {
            List<Object> key = new ArrayList<>(attributes.size());
            for (String a : attributes) {
                Object k = a == null ? item : Attributes.get(item, a, eval);
                key.add(caseSensitive ? k : PyCompare.caseFolded(k));
            }
            keys.add(key);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> PyCompare.compare(keys.get(x), keys.get(y)) * (reverse ? -1 : 1));
        List<Object> out = new ArrayList<>(items.size());
        order.forEach(i -> out.add(items.get(i)));
        return out;
    }

    /** Jinja2's {@code min}/{@code max}: strings compared without case by default. */
    private static Object extreme(Object value, Args args, Evaluation eval, int sign) {
        boolean caseSensitive = args.flag(0, "case_sensitive", false);
        String attribute = args.string(1, "attribute", null);
        List<Object> items = PyValues.items(value);
        if (items.isEmpty()) {
            return eval.undefined(sign < 0 ? "min" : "max", "No aggregated item, sequence was empty.");
        }
        List<Object> keys = Attributes.each(items, attribute, eval);
        int best = 0;
        for (int i = 1; i < items.size(); i++) {
            Object a = caseSensitive ? keys.get(i) : PyCompare.caseFolded(keys.get(i));
            Object b = caseSensitive ? keys.get(best) : PyCompare.caseFolded(keys.get(best));
            if (PyCompare.compare(a, b) * sign > 0) {
                best = i;
            }
        }
        return items.get(best);
    }

    /** Ansible's {@code flatten}: nested lists into one; levels -1 means all; nulls skipped by default. */
    static List<Object> flatten(List<Object> items, int levels, boolean skipNulls) {
        List<Object> out = new ArrayList<>();
        for (Object item : items) {
            if (skipNulls && (item == null || "None".equals(item) || "null".equals(item))) {
                continue;
            }
            if (item instanceof Collection<?> || item instanceof Object[]) {
                if (levels != 0) {
                    out.addAll(flatten(PyValues.items(item), levels < 0 ? -1 : levels - 1, skipNulls));
                } else {
                    out.add(item);
                }
            } else {
                out.add(item);
            }
        }
        return out;
    }
}
