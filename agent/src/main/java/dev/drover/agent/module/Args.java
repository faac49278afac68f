package dev.drover.agent.module;

import dev.drover.protocol.text.Suggest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's resolved arguments with typed accessors. Values arrive as JSON (strings, numbers,
 * booleans, lists, maps); accessors accept the loose forms Ansible accepts ("yes", "true", "1" for
 * booleans, numeric strings for numbers) and fail with a message naming the argument.
 */
public final class Args {
    private final Map<String, Object> values;

    public Args(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(values == null ? Collections.<String, Object>emptyMap() : values));
    }

    /** Fails when an argument is not among {@code known}, naming the closest known one. */
    public Args allow(String... known) throws ModuleException {
        Set<String> allowed = new LinkedHashSet<>(Arrays.asList(known));
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                String near = Suggest.closest(key, allowed);
                throw new ModuleException("unsupported argument '" + key + "'"
                        + (near != null ? " (did you mean '" + near + "'?)" : "")
                        + "; supported: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public String string(String key) {
        Object v = values.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public String string(String key, String fallback) {
        String s = string(key);
        return s == null ? fallback : s;
    }

    public String requireString(String key) throws ModuleException {
        String s = string(key);
        if (s == null || s.isEmpty()) {
            throw new ModuleException("missing required argument '" + key + "'");
        }
        return s;
    }

    public boolean bool(String key, boolean fallback) throws ModuleException {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = String.valueOf(v).trim().toLowerCase();
        switch (s) {
            case "yes": case "true": case "on": case "1": case "y":
                return true;
            case "no": case "false": case "off": case "0": case "n": case "":
                return false;
            default:
                throw new ModuleException("argument '" + key + "' must be a boolean, got '" + v + "'");
        }
    }

    public long number(String key, long fallback) throws ModuleException {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ModuleException("argument '" + key + "' must be a whole number, got '" + v + "'");
        }
    }

    public double decimal(String key, double fallback) throws ModuleException {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ModuleException("argument '" + key + "' must be a number, got '" + v + "'");
        }
    }

    /** A list argument; a single scalar becomes a one-element list, a comma string is NOT split. */
    public List<String> strings(String key) {
        Object v = values.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                out.add(String.valueOf(o));
            }
        } else {
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** A map argument with string values (for example {@code environment}). */
    public Map<String, String> stringMap(String key) throws ModuleException {
        Object v = values.get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map)) {
            throw new ModuleException("argument '" + key + "' must be a mapping");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        return out;
    }

    /** One of a fixed set of words, for arguments such as {@code state}. */
    public String choice(String key, String fallback, String... allowed) throws ModuleException {
        String s = string(key, fallback);
        if (s == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(s)) {
                return s;
            }
        }
        throw new ModuleException("argument '" + key + "' must be one of " + String.join(", ", allowed) + "; got '" + s + "'");
    }
}
