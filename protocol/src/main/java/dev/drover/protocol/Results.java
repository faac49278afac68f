package dev.drover.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task result's shape, where the controller and the agent both make one: Ansible's failure
 * ({@code changed: false, failed: true, msg}). Each call returns a new, mutable map, so a caller may
 * add its own fields.
 */
public final class Results {
    private Results() {
    }

    /** A failed result with {@code msg}. */
    public static Map<String, Object> failed(String msg) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("failed", true);
        r.put("msg", msg);
        return r;
    }
}
