package dev.drover.execute.play.action;

import dev.drover.playbook.Coerce;
import dev.drover.template.UndefinedVariableException;
import java.util.Map;
import java.util.Set;

/** {@code debug}: {@code msg} (default "Hello world!") or {@code var}, shown when {@code verbosity} allows. */
final class DebugAction implements ControllerAction {
    private static final Set<String> KNOWN = Set.of("msg", "var", "verbosity");

    @Override
    public Set<String> rawArgs() {
        return Set.of("var");
    }

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String bad = ControllerAction.unknownArgs("debug", args, KNOWN);
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        if (args.containsKey("msg") && args.containsKey("var")) {
            return ControllerAction.failed("debug: 'msg' and 'var' are incompatible options");
        }
        int verbosity = args.containsKey("verbosity") ? Coerce.toInt(args.get("verbosity")) : 0;
        Map<String, Object> r = ControllerAction.ok();
        if (verbosity > ctx.verbosity()) {
            r.put("skipped", true);
            r.put("skipped_reason", "Verbosity threshold not met.");
            return r;
        }
        if (args.containsKey("var")) {
            String var = String.valueOf(args.get("var"));
            Object value;
            try {
                value = ctx.templater().isTemplated(var)
                        ? ctx.templater().render(var, ctx.vars())
                        : ctx.templater().evaluate(var, ctx.vars());
            } catch (UndefinedVariableException e) {
                value = "VARIABLE IS NOT DEFINED!";
            }
            r.put(var, value);
        } else {
            r.put("msg", args.getOrDefault("msg", "Hello world!"));
        }
        return r;
    }
}
