package dev.drover.execute.play;

import dev.drover.playbook.Coerce;
import dev.drover.playbook.Play;
import dev.drover.playbook.Setting;
import dev.drover.playbook.Task;
import dev.drover.template.TemplateException;
import dev.drover.template.Templater;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns keyword {@link Setting}s into values for one host: literals as written, templates rendered. */
final class Settings {
    private Settings() {
    }

    static boolean bool(Setting<Boolean> s, boolean unset, Templater t, Map<String, Object> vars) {
        if (s instanceof Setting.Fixed<Boolean> f) {
            return f.value();
        }
        if (s instanceof Setting.Templated<Boolean> x) {
            return Coerce.toBoolean(t.render(x.expression(), vars));
        }
        return unset;
    }

    static int integer(Setting<Integer> s, int unset, Templater t, Map<String, Object> vars) {
        if (s instanceof Setting.Fixed<Integer> f) {
            return f.value();
        }
        if (s instanceof Setting.Templated<Integer> x) {
            return Coerce.toInt(t.render(x.expression(), vars));
        }
        return unset;
    }

    static Optional<Integer> integer(Setting<Integer> s, Templater t, Map<String, Object> vars) {
        return s.isSet() ? Optional.of(integer(s, 0, t, vars)) : Optional.empty();
    }

    static double decimal(Setting<Double> s, double unset, Templater t, Map<String, Object> vars) {
        if (s instanceof Setting.Fixed<Double> f) {
            return f.value();
        }
        if (s instanceof Setting.Templated<Double> x) {
            return Coerce.toPercent(t.render(x.expression(), vars));
        }
        return unset;
    }

    static String string(String raw, Templater t, Map<String, Object> vars) {
        Object v = t.render(raw, vars);
        return v == null ? "" : String.valueOf(v);
    }

    /**
     * A task's name for {@code ansible_failed_task.name}: its name rendered with play-level variables
     * (the play's {@code vars}, then {@code -e}), else its action. A name that does not render is
     * shown as written.
     */
    static String taskName(Task task, String action, Play play, Map<String, Object> extraVars, Supplier<Templater> t) {
        Map<String, Object> vars = new LinkedHashMap<>(play.vars());
        vars.putAll(extraVars);
        return taskName(task, action, vars, t);
    }

    /**
     * A task's name as Ansible's linear strategy shows it in the banner: its name rendered with the
     * variables of the first host that runs it ({@code first}), else its action. A name that does not
     * render there (a variable undefined, an {@code item} outside the loop) is shown as written, as
     * Ansible templates it with {@code fail_on_undefined=False}.
     */
    static String taskName(Task task, String action, Map<String, Object> first, Supplier<Templater> t) {
        Optional<String> name = task.options().name();
        if (name.isEmpty()) {
            return action;
        }
        try {
            return String.valueOf(t.get().render(name.get(), first));
        } catch (TemplateException e) {
            return name.get();
        }
    }
}
