package dev.drover.execute;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One host's result for one step: its status and the module's result fields. */
public record HostResult(String host, HostStatus status, Map<String, Object> result, Duration elapsed) {

    public static HostResult of(String host, Map<String, Object> result, Duration elapsed) {
        return new HostResult(host, HostStatus.of(result), result, elapsed);
    }

    public static HostResult unreachable(String host, String message, Duration elapsed) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("msg", message);
        r.put("unreachable", true);
        return new HostResult(host, HostStatus.UNREACHABLE, r, elapsed);
    }

    public static HostResult failed(String host, String message, Duration elapsed) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        r.put("failed", true);
        r.put("msg", message);
        return new HostResult(host, HostStatus.FAILED, r, elapsed);
    }

    public String message() {
        Object m = result.get("msg");
        return m == null ? "" : String.valueOf(m);
    }
}
