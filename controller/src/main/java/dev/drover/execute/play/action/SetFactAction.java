package dev.drover.execute.play.action;

import dev.drover.playbook.Coerce;
import dev.drover.template.Unsafe;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code set_fact}: host variables above everything but extra vars, for the rest of the run.
 * {@code cacheable} is accepted and has no effect (drover has no fact cache). As in Ansible, the
 * strings true/false/yes/no become booleans. A value rendered from unsafe ones arrives wrapped in
 * {@link Unsafe} and is stored so; any other is rendered again when a template reads it, as in Ansible.
 */
final class SetFactAction implements ControllerAction {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no");

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (e.getKey().equals("cacheable")) {
                continue;
            }
            // As Ansible, the names are templates too: set_fact: "{{ item }}=moo".
            String name = String.valueOf(ctx.templater().render(e.getKey(), ctx.vars()));
            if (!NAME.matcher(name).matches()) {
                return ControllerAction.failed("set_fact: '" + name + "' is not a valid variable name");
            }
            Object v = e.getValue();
            Object text = v instanceof Unsafe u ? u.value() : v;
            if (text instanceof String s && BOOLEAN_WORDS.contains(s.toLowerCase(Locale.ROOT))) {
                v = Coerce.toBoolean(s);
            }
            facts.put(name, v);
        }
        if (facts.isEmpty()) {
            return ControllerAction.failed("set_fact: no variables given; write 'set_fact: name: value'");
        }
        Map<String, Object> r = ControllerAction.ok();
        r.put("ansible_facts", facts);
        return r;
    }
}
