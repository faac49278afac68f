package dev.drover.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Python's equality and ordering for the values filters compare (unique, min, max, version parts). */
final class PyCompare {
    private PyCompare() {
    }

    /** Python's {@code ==}: numbers by value (so {@code 1 == 1.0 == True}), containers element by element. */
    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return a.toString().equals(b.toString());
        }
        return a.equals(b);
    }

    static boolean containsEqual(List<?> items, Object value) {
        for (Object item : items) {
            if (equal(item, value)) {
                return true;
            }
        }
        return false;
    }

    /** Python's ordering: numbers with numbers, strings with strings, lists element-wise; else a TypeError. */
    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return decimal(a).compareTo(decimal(b));
        }
        if (a instanceof CharSequence && b instanceof CharSequence) {
            return Integer.signum(a.toString().compareTo(b.toString()));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i));
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new TemplateFailure("'<' not supported between instances of '" + PyValues.typeName(a) + "' and '"
                + PyValues.typeName(b) + "'");
    }

    static Object caseFolded(Object value) {
        return value instanceof CharSequence s ? s.toString().toLowerCase() : value;
    }

    private static boolean isNumber(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(((Number) v).doubleValue());
        }
        return new BigDecimal(v.toString());
    }
}
