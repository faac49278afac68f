package dev.drover.execute.play.action;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controller's actions by name. {@code copy} checks its arguments as Ansible's action plugin
 * does, then calls the agent's module (reading a controller-side {@code src} first); {@code fetch} is
 * controller-only. {@code meta} is steered by the strategy; {@code add_host} and {@code group_by}
 * change the run's inventory ({@code InventoryActions}).
 */
public final class Actions {
    /**
     * Names the parser must accept in addition to the agent's modules and {@code ControllerActions.NAMES}:
     * {@code fetch}. (Ansible's modules drover does not ship are the parser's {@code AnsibleModules}.)
     */
    public static final Set<String> EXTRA_NAMES = Set.of("fetch");

    private static final Map<String, ControllerAction> BY_NAME = Map.of(
            "debug", new DebugAction(),
            "set_fact", new SetFactAction(),
            "assert", new AssertAction(),
            "fail", new FailAction(),
            "include_vars", new IncludeVarsAction(),
            "pause", new PauseAction(),
            "template", new TemplateAction(),
            "fetch", new FetchAction(),
            "script", new ScriptAction());
    private static final ControllerAction COPY = new CopyAction();
    private static final ControllerAction UNARCHIVE = new UnarchiveAction();

    private Actions() {
    }

    /**
     * Whether the agent's module of this name gets the task's arguments as written (rendered), so
     * its schema applies to them: every module but those a controller action stands in for
     * ({@code script}); {@code copy} from the controller passes its arguments on to the agent's copy.
     */
    public static boolean agentTakesArgsAsWritten(String module) {
        return !BY_NAME.containsKey(module);
    }

    /** Arguments of {@code module} that must reach the action unrendered. */
    public static Set<String> rawArgs(String module) {
        ControllerAction a = BY_NAME.get(module);
        return a == null ? Set.of() : a.rawArgs();
    }

    /**
     * The controller action for a task, or empty when the agent runs it.
     *
     * @param args the task's rendered arguments, to tell a controller-side copy from a remote one
     */
    public static Optional<ControllerAction> forTask(String module, Map<String, Object> args) {
        if (module.equals("copy")) {
            return Optional.of(COPY);
        }
        if (module.equals("unarchive")) {
            return UnarchiveAction.controllerSide(args) ? Optional.of(UNARCHIVE) : Optional.empty();
        }
        return Optional.ofNullable(BY_NAME.get(module));
    }
}
