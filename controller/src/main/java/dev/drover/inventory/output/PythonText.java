package dev.drover.inventory.output;

import dev.drover.python.PythonLiterals;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python's {@code str()} and {@code repr()} of inventory values, so drover's output matches what
 * Ansible (a Python program) prints: {@code True}, {@code None}, {@code [1, 'a']},
 * {@code {'k': 'v'}}, {@code 10000000.0}, {@code 1e+16}.
 */
public final class PythonText {
    private PythonText() {
    }

    /** Python's {@code str(value)}: strings as they are, everything else as {@link #repr}. */
    public static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    /** Python's {@code repr(value)} for the types an inventory holds. */
    public static String repr(Object value) {
        Optional<String> simple = PythonLiterals.noneBoolOrFloat(value);
        if (simple.isPresent()) {
            return simple.get();
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof String s) {
            return stringRepr(s);
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Iterator<?> it = list.iterator(); it.hasNext();) {
                sb.append(repr(it.next()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator(); it.hasNext();) {
                Map.Entry<?, ?> e = it.next();
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append('}').toString();
        }
        return stringRepr(value.toString());
    }

    /** Python's float repr: shortest digits, plain between 1e-4 and 1e16, else {@code 1e+16} style. */
    public static String floatRepr(double d) {
        return PythonLiterals.floatRepr(d);
    }

    private static String stringRepr(String s) {
        return PythonLiterals.stringRepr(s);
    }
}
