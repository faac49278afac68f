package dev.drover.execute.play;

import dev.drover.execute.HostStatus;
import dev.drover.playbook.ModuleTask;
import dev.drover.template.Templater;
import dev.drover.template.Unsafe;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions a task evaluates against its module's result, as Ansible does: {@code until}
 * (whether to retry), {@code changed_when} and {@code failed_when} (what the result means), each
 * seeing the result under the task's {@code register} name. A condition that cannot be evaluated
 * fails the task in Ansible's words ({@link KeywordFailure}). Used by {@link TaskCall}.
 */
final class ResultConditions {
    private ResultConditions() {
    }

    /** Whether every {@code until} condition holds; one that cannot be evaluated fails the task, as in Ansible. */
    static boolean until(ModuleTask task, Templater t, Map<String, Object> vars, String name) {
        for (String c : task.options().until()) {
            boolean holds;
            try {
                holds = t.condition(c, vars);
            } catch (dev.drover.template.TemplateException e) {
                throw KeywordFailure.until(e, c, name, task.pos());
            }
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** {@code changed_when} then {@code failed_when}; each is a list of conditions that must all hold. */
    static HostStatus applyOverrides(ModuleTask task, Map<String, Object> vars, Map<String, Object> result,
            HostStatus status, Templater t) {
        List<String> changedWhen = task.options().changedWhen();
        List<String> failedWhen = task.options().failedWhen();
        if (changedWhen.isEmpty() && failedWhen.isEmpty()) {
            return status;
        }
        Map<String, Object> v = withRegistered(task, vars, result);
        String which = "changed";
        String current = null;
        try {
            if (!changedWhen.isEmpty()) {
                boolean changed = true;
                for (String c : changedWhen) {
                    current = c;
                    if (!t.condition(c, v)) {
                        changed = false;
                        break;
                    }
                }
                result.put("changed", changed);
            }
            which = "failed";
            if (!failedWhen.isEmpty()) {
                boolean failed = true;
                for (String c : failedWhen) {
                    current = c;
                    if (!t.condition(c, v)) {
                        failed = false;
                        break;
                    }
                }
                result.put("failed_when_result", failed);
                result.put("failed", failed);
            }
        } catch (dev.drover.template.TemplateException e) {
            // As Ansible: a condition that cannot be evaluated fails the task and keeps the module's result;
            // <which>_when_result holds Ansible's message, the console also prints drover's place.
            result.put("failed", true);
            result.put(which + "_when_result", KeywordFailure.conditional(e, current));
            result.put(ArgsFailure.WHERE, "task \"" + task.options().name().orElse(task.module()) + "\" ("
                    + task.pos() + "): " + e.getMessage());
        }
        return HostStatus.of(result);
    }

    /** The variables plus the result under the task's {@code register} name, as conditions see it. */
    static Map<String, Object> withRegistered(ModuleTask task, Map<String, Object> vars, Map<String, Object> result) {
        if (task.options().register().isEmpty()) {
            return vars;
        }
        Map<String, Object> v = new HashMap<>(vars);
        v.put(task.options().register().get(), Unsafe.of(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(result))));
        return v;
    }
}
