package dev.drover.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code omit}: a module argument whose value renders to exactly {@code {{ omit }}} (usually
 * {@code {{ x | default(omit) }}}) is dropped, as if it had not been written. {@link Templater#render}
 * returns {@link #VALUE} for such arguments; the executor calls {@link #dropFrom(Map)} on a task's
 * rendered arguments before sending them. Inside a longer string, {@code omit} renders as Ansible's
 * placeholder text, which is almost certainly a mistake the module will report.
 */
public final class Omit {
    /** The placeholder; compare with {@code ==} or {@link #isOmit(Object)}. */
    public static final Omit VALUE = new Omit();

    private Omit() {
    }

    public static boolean isOmit(Object value) {
        return value == VALUE;
    }

    /**
     * A copy of the arguments without the entries whose value is {@link #VALUE}, in nested maps too,
     * including maps inside lists; list elements themselves are kept, as Ansible's {@code remove_omit} does.
     */
    public static Map<String, Object> dropFrom(Map<String, ?> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : args.entrySet()) {
            if (!isOmit(e.getValue())) {
                out.put(e.getKey(), dropNested(e.getValue()));
            }
        }
        return out;
    }

    private static Object dropNested(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!isOmit(v)) {
                    out.put(k, dropNested(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(dropNested(item));
            }
            return out;
        }
        return value;
    }

    /** Ansible's placeholder text, so an omit inside a longer string is recognisable. */
    @Override
    public String toString() {
        return "__omit_place_holder__";
    }
}
