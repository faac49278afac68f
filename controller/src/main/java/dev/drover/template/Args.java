package dev.drover.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.objects.collections.PyList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of one filter, test or method call, bound the way Python binds parameters: each
 * parameter can be passed by position or by name ({@code regex_replace('a', 'b', ignorecase=true)}).
 */
final class Args {
    private final String callee;
    private final List<Object> positional = new ArrayList<>();
    private final Map<String, Object> named = new LinkedHashMap<>();

    private Args(String callee) {
        this.callee = callee;
    }

    /**
     * Arguments as Jinjava passes them: positional values with {@link NamedParameter}s mixed in. Tests
     * called with several arguments receive them packed into one tuple, a plain {@link PyList} (a list
     * literal argument arrives as a subclass), which is unpacked here.
     */
    static Args of(String callee, Object[] raw, Map<String, Object> kwargs) {
        Args args = new Args(callee);
        if (raw != null && raw.length == 1 && raw[0] != null && raw[0].getClass() == PyList.class) {
            raw = ((PyList) raw[0]).toList().toArray();
        }
        if (raw != null) {
            for (Object a : raw) {
                if (a instanceof NamedParameter p) {
                    args.named.put(p.getName(), p.getValue());
                } else {
                    args.positional.add(a);
                }
            }
        }
        if (kwargs != null) {
            args.named.putAll(kwargs);
        }
        return args;
    }

    int positionalCount() {
        return positional.size();
    }

    /** Positional arguments from {@code index} on, for parameters like Python's {@code *args}. */
    List<Object> rest(int index) {
        return index >= positional.size() ? List.of() : positional.subList(index, positional.size());
    }

    boolean has(int index, String name) {
        return index < positional.size() || named.containsKey(name);
    }

    /** The keyword arguments' names, in the order given. */
    java.util.Set<String> names() {
        return named.keySet();
    }

    /** The parameter at {@code index} or named {@code name}; an index of -1 means keyword-only. */
    Object get(int index, String name, Object fallback) {
        if (index >= 0 && index < positional.size()) {
            return positional.get(index);
        }
        return named.containsKey(name) ? named.get(name) : fallback;
    }

    Object required(int index, String name) {
        if (!has(index, name)) {
            throw new TemplateFailure(callee + "() missing required argument '" + name + "'");
        }
        return get(index, name, null);
    }

    String string(int index, String name, String fallback) {
        Object v = get(index, name, fallback);
        return v == null ? null : v.toString();
    }

    boolean flag(int index, String name, boolean fallback) {
        return PyValues.truthy(get(index, name, fallback));
    }

    int integer(int index, String name, int fallback) {
        Object v = get(index, name, fallback);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new TemplateFailure(callee + "() argument '" + name + "' must be an integer, got "
                    + PyValues.repr(v, null));
        }
    }
}
