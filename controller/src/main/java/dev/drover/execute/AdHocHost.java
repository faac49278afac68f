package dev.drover.execute;

import dev.drover.playbook.Coerce;
import dev.drover.remote.AgentOptions;
import dev.drover.template.Templater;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one host's ad hoc command takes from the host's variables, as Ansible's ad hoc command does:
 * the module's arguments rendered with them ({@code -a 'echo {{ inventory_hostname }}'}), and become
 * from {@code ansible_become}, {@code ansible_become_user}, {@code ansible_become_method} and
 * {@code ansible_become_password} (or {@code _pass}), which win over {@code -b}, {@code --become-user}
 * and {@code -K} as inventory variables win over command-line options in Ansible.
 *
 * <p>The templater is asked for only when something is templated, so a plain command never pays for
 * Jinjava's set-up.
 */
final class AdHocHost {
    private AdHocHost() {
    }

    /** The arguments with every templated string rendered with {@code vars}; the same map when none is. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> args(Map<String, Object> args, Map<String, Object> vars, Supplier<Templater> templater) {
        if (!templated(args)) {
            return args;
        }
        return (Map<String, Object>) templater.get().render(args, vars);
    }

    /**
     * The user the host's agent runs as: {@code cli} ({@code -b} and its options, or null) where the
     * host's variables say nothing, each {@code ansible_become*} variable over its option where set.
     */
    static AgentOptions.Become become(Map<String, Object> vars, AgentOptions.Become cli, Supplier<Templater> templater) {
        return BecomeVars.resolve(BecomeVars.Keywords.NONE, vars, cli, cli != null, v -> render(v, vars, templater));
    }

    private static Object render(Object value, Map<String, Object> vars, Supplier<Templater> templater) {
        return templated(value) ? templater.get().render(value, vars) : value;
    }

    private static boolean templated(Object value) {
        if (value instanceof String s) {
            return Coerce.isTemplate(s);
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(AdHocHost::templated);
        }
        if (value instanceof Iterable<?> l) {
            for (Object o : l) {
                if (templated(o)) {
                    return true;
                }
            }
        }
        return false;
    }
}
