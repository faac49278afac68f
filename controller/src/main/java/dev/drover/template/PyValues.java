package dev.drover.template;

import com.hubspot.jinjava.lib.filter.GroupByFilter;
import com.hubspot.jinjava.objects.SafeString;
import dev.drover.python.PythonLiterals;
import dev.drover.secret.Secret;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Python's view of the Java values templates work on: {@code str()}, {@code repr()}, truthiness and type
 * names, so output matches what Ansible prints ({@code True}, {@code None}, {@code ['a', 1]}, {@code 2.5},
 * {@code 1e+20}); and {@link #toJava} turning engine values (Jinjava's wrapped lists and maps,
 * {@code Long}, {@code BigDecimal}) back into the plain values callers expect.
 *
 * <p>Turning a {@link Secret} into text reveals it and tells the evaluation, which then marks the whole
 * result secret.
 */
final class PyValues {
    private PyValues() {
    }

    /** Python's {@code str(value)}; a null evaluation leaves secrets masked. */
    static String str(Object value, Evaluation eval) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Unsafe u) {
            return str(u.value(), eval);
        }
        if (value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Map.Entry<?, ?>
                || value instanceof Object[] || value instanceof GroupByFilter.Group) {
            return repr(value, eval);
        }
        return scalar(value, eval, false);
    }

    /** Python's {@code repr(value)}: strings quoted, containers as Python literals. */
    static String repr(Object value, Evaluation eval) {
        StringBuilder out = new StringBuilder();
        appendRepr(value, eval, out);
        return out.toString();
    }

    private static void appendRepr(Object value, Evaluation eval, StringBuilder out) {
        if (value instanceof Unsafe u) {
            appendRepr(u.value(), eval, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(sep);
                appendRepr(e.getKey(), eval, out);
                out.append(": ");
                appendRepr(e.getValue(), eval, out);
                sep = ", ";
            }
            out.append('}');
        } else if (value instanceof Map.Entry<?, ?> e) {
            appendPair(e.getKey(), e.getValue(), eval, out);
        } else if (value instanceof GroupByFilter.Group g) {
            appendPair(g.getGrouperObject(), g.getList(), eval, out);
        } else if (value instanceof Set<?> set && set.isEmpty()) {
            out.append("set()");
        } else if (value instanceof Collection<?> || value instanceof Object[]) {
            boolean set = value instanceof Set<?>;
            out.append(set ? '{' : '[');
            String sep = "";
            for (Object item : iterable(value)) {
                out.append(sep);
                appendRepr(item, eval, out);
                sep = ", ";
            }
            out.append(set ? '}' : ']');
        } else {
            out.append(scalar(value, eval, true));
        }
    }

    private static void appendPair(Object first, Object second, Evaluation eval, StringBuilder out) {
        out.append('(');
        appendRepr(first, eval, out);
        out.append(", ");
        appendRepr(second, eval, out);
        out.append(')');
    }

    private static String scalar(Object value, Evaluation eval, boolean quoted) {
        Optional<String> simple = PythonLiterals.noneBoolOrFloat(value);
        if (simple.isPresent()) {
            return simple.get();
        }
        if (value instanceof BigDecimal bd) {
            return str(toJava(bd), eval);
        }
        if (value instanceof Secret secret) {
            if (eval == null) {
                return quoted ? quote(secret.toString()) : secret.toString(); // masked: nobody asked to reveal it
            }
            eval.revealed();
            return quoted ? quote(secret.revealString()) : secret.revealString();
        }
        String text = value.toString();
        return quoted && (value instanceof CharSequence || value instanceof Omit) ? quote(text) : text;
    }

    /** Python's float repr ({@link PythonLiterals#floatRepr}). */
    static String floatRepr(double d) {
        return PythonLiterals.floatRepr(d);
    }

    /** Python's string repr ({@link PythonLiterals#stringRepr}). */
    static String quote(String s) {
        return PythonLiterals.stringRepr(s);
    }

    /** Python truthiness: None, False, zero, and empty strings and containers are false. */
    static boolean truthy(Object value) {
        if (value == null || value instanceof Undefined) {
            return false;
        }
        if (value instanceof Unsafe u) {
            return truthy(u.value());
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof BigDecimal bd) {
            return bd.signum() != 0;
        }
        if (value instanceof BigInteger bi) {
            return bi.signum() != 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof Object[] a) {
            return a.length > 0;
        }
        if (value instanceof Secret s) {
            return !s.isEmpty();
        }
        return true;
    }

    /** Python's type name as its error messages use it: {@code str}, {@code dict}, {@code NoneType}. */
    static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Unsafe u) {
            return typeName(u.value());
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof BigDecimal bd) {
            return bd.scale() <= 0 ? "int" : "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof CharSequence || value instanceof Secret) {
            return "str";
        }
        if (value instanceof Map<?, ?>) {
            return "dict";
        }
        if (value instanceof Collection<?> || value instanceof Object[]) {
            return "list";
        }
        if (value instanceof PyDateTime) {
            return "datetime";
        }
        return value.getClass().getSimpleName();
    }

    /**
     * Engine values as plain Java, deeply: lists as {@link ArrayList}, maps as {@link LinkedHashMap},
     * pairs as two-element lists, whole numbers as {@link Integer} when they fit and {@link Long} (or
     * {@link BigInteger}) otherwise, other numbers as {@link Double}.
     */
    static Object toJava(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long l) {
            return l == l.intValue() ? (Object) l.intValue() : l;
        }
        if (value instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? toJava(bi.longValue()) : bi;
        }
        if (value instanceof BigDecimal bd) {
            return bd.scale() <= 0 ? toJava(bd.toBigInteger()) : (Object) bd.doubleValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof SafeString s) {
            return s.toString();
        }
        if (value instanceof Optional<?> o) {
            return toJava(o.orElse(null));
        }
        if (value instanceof Unsafe u) {
            return toJava(u.value());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(toJava(k), toJava(v)));
            return out;
        }
        if (value instanceof Map.Entry<?, ?> e) {
            return pair(e.getKey(), e.getValue());
        }
        if (value instanceof GroupByFilter.Group g) {
            return pair(g.getGrouperObject(), g.getList());
        }
        if (value instanceof Iterable<?> || value instanceof Object[]) {
            List<Object> out = new ArrayList<>();
            for (Object item : iterable(value)) {
                out.add(toJava(item));
            }
            return out;
        }
        return value;
    }

    private static List<Object> pair(Object first, Object second) {
        List<Object> pair = new ArrayList<>(2);
        pair.add(toJava(first));
        pair.add(toJava(second));
        return pair;
    }

    private static Iterable<?> iterable(Object value) {
        return value instanceof Object[] array ? Arrays.asList(array) : (Iterable<?>) value;
    }

    /**
     * Python's iteration as a list: items of lists, sets and arrays, keys of a map, one-character
     * strings of a string; anything else fails like Python ({@code 'int' object is not iterable}).
     */
    static List<Object> items(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            out.addAll(map.keySet());
        } else if (value instanceof CharSequence s) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        } else if (value instanceof Iterable<?> || value instanceof Object[]) {
            iterable(value).forEach(out::add);
        } else if (value instanceof Iterator<?> it) {
            it.forEachRemaining(out::add);
        } else {
            throw new TemplateFailure("'" + typeName(value) + "' object is not iterable");
        }
        return out;
    }
}
