package dev.drover.agent.module;

import dev.drover.protocol.ModuleArgs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code type='path'} for a request's arguments, before the module reads them: each path
 * argument ({@link ModuleArgs.Type#PATH}, a text or a list of texts) gets {@code $VAR} and
 * {@code ${VAR}} expanded, then a leading {@code ~}, with the agent's environment and the task's
 * {@code environment} on top (and {@code command}'s own {@code environment} argument above that), as
 * Ansible's module process sees them. {@code ~} and {@code $HOME} are
 * the home of the user the agent runs as (as under Ansible's {@code sudo -H}), unless the task sets
 * {@code HOME}.
 */
public final class PathExpansion {
    private PathExpansion() {
    }

    public static Map<String, Object> apply(String module, Map<String, Object> args, Map<String, String> taskEnvironment) {
        ModuleArgs schema = ModuleArgs.of(module);
        if (schema == null) {
            return args;
        }
        Map<String, String> env = null;
        Map<String, Object> out = new LinkedHashMap<>(args);
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (schema.type(e.getKey()) != ModuleArgs.Type.PATH || e.getValue() == null) {
                continue;
            }
            if (env == null) {
                env = new HashMap<>(System.getenv());
                env.put("HOME", System.getProperty("user.home"));
                env.putAll(taskEnvironment);
                if (args.get("environment") instanceof Map) {
                    // command and shell's own variables (the controller's older way to pass them) win.
                    for (Map.Entry<?, ?> v : ((Map<?, ?>) args.get("environment")).entrySet()) {
                        env.put(String.valueOf(v.getKey()), String.valueOf(v.getValue()));
                    }
                }
            }
            Object v = e.getValue();
            if (v instanceof List) {
                List<Object> each = new ArrayList<>();
                for (Object item : (List<?>) v) {
                    each.add(item instanceof String ? Expansion.path((String) item, env) : item);
                }
                out.put(e.getKey(), each);
            } else if (v instanceof String) {
                out.put(e.getKey(), Expansion.path((String) v, env));
            }
        }
        return out;
    }
}
