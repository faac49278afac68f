package dev.drover.execute.play.action;

import dev.drover.protocol.Results;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One controller-side action. Implementations are stateless and thread-safe. */
public interface ControllerAction {

    /**
     * Argument names the runner must not render before the call, because the action evaluates them
     * as expressions itself ({@code assert}'s {@code that}, {@code debug}'s {@code var}).
     */
    default Set<String> rawArgs() {
        return Set.of();
    }

    /**
     * @param args the task's arguments, rendered (except {@link #rawArgs()}), with omitted ones dropped
     * @return the result in Ansible's shape ({@code changed}, {@code failed}, {@code msg}, ...);
     *     {@code ansible_facts} in a {@code set_fact} result are stored by the runner
     */
    Map<String, Object> run(Map<String, Object> args, ActionContext ctx);

    static Map<String, Object> failed(String msg) {
        return Results.failed(msg);
    }

    static Map<String, Object> ok() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("changed", false);
        return r;
    }

    /** Fails with the list of arguments the action knows, for a name it does not. */
    static String unknownArgs(String action, Map<String, Object> args, Set<String> known) {
        for (String k : args.keySet()) {
            if (!known.contains(k)) {
                return action + ": unsupported parameter '" + k + "'; supported: " + String.join(", ", new java.util.TreeSet<>(known));
            }
        }
        return null;
    }
}
