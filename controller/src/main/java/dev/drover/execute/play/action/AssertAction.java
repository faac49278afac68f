package dev.drover.execute.play.action;

import dev.drover.playbook.Coerce;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code assert}: every {@code that} condition must hold; {@code fail_msg}/{@code msg} and {@code success_msg}. */
final class AssertAction implements ControllerAction {
    private static final Set<String> KNOWN = Set.of("that", "fail_msg", "msg", "success_msg", "quiet");

    @Override
    public Set<String> rawArgs() {
        return Set.of("that");
    }

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String bad = ControllerAction.unknownArgs("assert", args, KNOWN);
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        Object that = args.get("that");
        if (that == null) {
            return ControllerAction.failed("assert: 'that' is required: one condition or a list of them");
        }
        List<?> conditions = that instanceof List<?> l ? l : List.of(that);
        for (Object c : conditions) {
            String condition = String.valueOf(c);
            // Ansible holds an empty condition (a bare '-' in the list, or '') as true.
            boolean held = c == null || condition.isEmpty()
                    || (c instanceof Boolean b ? b : ctx.templater().condition(condition, ctx.vars()));
            if (!held) {
                Map<String, Object> r = ControllerAction.failed(String.valueOf(
                        args.getOrDefault("fail_msg", args.getOrDefault("msg", "Assertion failed"))));
                r.put("assertion", condition);
                r.put("evaluated_to", false);
                return r;
            }
        }
        Map<String, Object> r = ControllerAction.ok();
        r.put("msg", args.getOrDefault("success_msg", "All assertions passed"));
        if (args.containsKey("quiet") && Coerce.toBoolean(args.get("quiet"))) {
            r.put("_quiet", true);
        }
        return r;
    }
}
