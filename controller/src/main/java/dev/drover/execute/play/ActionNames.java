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

    public static Set<String> forParser() {
        Set<String> names = new TreeSet<>(ModuleNames.BUILTIN);
        names.addAll(Actions.EXTRA_NAMES);
        return names;
    }
}
