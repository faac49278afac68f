package dev.drover.execute.play;

import dev.drover.protocol.ModuleNames;
import dev.drover.execute.play.action.Actions;
import java.util.Set;
import java.util.TreeSet;

/**
 * The task actions a playbook may name, for the parser: the modules of the agent jar this controller
 * ships, plus the runner's own controller-only actions ({@code fetch}); the parser adds
 * {@code ControllerActions.NAMES}.
 */
public final class ActionNames {
    private ActionNames() {
    }

    /**
     * Ansible modules drover does not ship that Ansible's own tests name under a {@code when:} that is
     * false on Linux hosts (wait_for's {@code pip} on other systems): parsed, so the playbook runs; a
     * task that does run one fails, naming it ({@link #notShipped}).
     */
    static final Set<String> NOT_SHIPPED = Set.of("pip");

    public static Set<String> forParser() {
        Set<String> names = new TreeSet<>(ModuleNames.BUILTIN);
        names.addAll(Actions.EXTRA_NAMES);
        names.addAll(NOT_SHIPPED);
        return names;
    }

    /** The failure of a task that runs a module of {@link #NOT_SHIPPED}. */
    static java.util.Map<String, Object> notShipped(String module) {
        java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("failed", true);
        r.put("changed", false);
        r.put("msg", "'" + module + "' is an Ansible module drover does not ship; the task is accepted only so that"
                + " a when: can skip it");
        return r;
    }
}
