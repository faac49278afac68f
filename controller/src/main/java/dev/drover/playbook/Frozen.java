package dev.drover.playbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-keeping, unmodifiable copies of raw YAML values (maps, lists, scalars). Unlike
 * {@link Map#copyOf} these keep {@code null} values, which YAML has ({@code key:} with nothing after it).
 */
final class Frozen {
    private Frozen() {
    }

    static Map<String, Object> map(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, value(v)));
        return Collections.unmodifiableMap(copy);
    }

    static List<Object> list(List<?> list) {
        List<Object> copy = new ArrayList<>(list.size());
        list.forEach(v -> copy.add(value(v)));
        return Collections.unmodifiableList(copy);
    }

    @SuppressWarnings("unchecked")
    static Object value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return map((Map<String, ?>) m);
        }
        if (v instanceof List<?> l) {
            return list(l);
        }
        return v;
    }
}
