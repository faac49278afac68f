package dev.drover.vault;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plaintexts a run must never show: every value decrypted from a vault (and the connection
 * passwords of the inventory). Outputs pass their text through {@link #mask}, which replaces each
 * occurrence with {@value #MASK}, so a secret stays hidden when it is templated into a longer string,
 * echoed by a command or registered. Thread-safe: values are added while files are read, masking
 * happens on any thread.
 */
public final class Redactor {
    public static final String MASK = "********";
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private volatile List<String> longestFirst = List.of();

    /** Adds a value to hide; blank values are ignored (masking every space would hide nothing). */
    public void add(String secret) {
        if (secret == null || secret.isBlank() || MASK.equals(secret)) {
            return;
        }
        if (secrets.add(secret)) {
            synchronized (this) {
                List<String> next = new ArrayList<>(secrets);
                next.sort(Comparator.comparingInt(String::length).reversed());
                longestFirst = List.copyOf(next);
            }
        }
    }

    /** Adds every string and number inside a decrypted value (maps and lists walked). */
    public void addAll(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(this::addAll);
        } else if (value instanceof List<?> l) {
            l.forEach(this::addAll);
        } else if (value instanceof String || value instanceof Number) {
            add(String.valueOf(value));
        }
    }

    public boolean isEmpty() {
        return longestFirst.isEmpty();
    }

    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : longestFirst) {
            if (out.contains(s)) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }

    /** A copy of a value with every string masked; maps and lists are copied, other values kept. */
    public Object maskDeep(Object value) {
        if (longestFirst.isEmpty()) {
            return value;
        }
        if (value instanceof String s) {
            return mask(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, maskDeep(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(maskDeep(v)));
            return out;
        }
        if (value instanceof Number n && secrets.contains(String.valueOf(n))) {
            return MASK;
        }
        return value;
    }
}
