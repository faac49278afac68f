package dev.drover.execute.play.action;

import java.util.Map;

/** {@code fail}: fails the host with {@code msg}. */
final class FailAction implements ControllerAction {
    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String bad = ControllerAction.unknownArgs("fail", args, java.util.Set.of("msg"));
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        return ControllerAction.failed(String.valueOf(args.getOrDefault("msg", "Failed as requested from task")));
    }
}
