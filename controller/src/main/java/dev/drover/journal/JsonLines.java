package dev.drover.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.secret.Secret;
import dev.drover.template.Unsafe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's JSON: one object per line, values reduced to JSON types first so that a
 * {@link Secret} can never be written ({@value #MASK} instead) and nothing depends on a type's
 * {@code toString}. Thread-safe.
 */
final class JsonLines {
    static final String MASK = "********";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {
    }

    static String write(Map<String, Object> event) {
        try {
            return MAPPER.writeValueAsString(plain(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a journal line: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String line) throws JsonProcessingException {
        return MAPPER.readValue(line, LinkedHashMap.class);
    }

    /** JSON types only: maps, lists, strings, numbers, booleans, null. */
    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Secret) {
            return MASK;
        }
        if (v instanceof Unsafe u) {
            return plain(u.value());
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof Iterable<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return String.valueOf(v);
    }
}
