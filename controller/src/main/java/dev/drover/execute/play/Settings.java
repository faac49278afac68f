package dev.drover.execute.play;

import dev.drover.playbook.Coerce;
import dev.drover.playbook.Setting;
import dev.drover.template.Templater;
import java.util.Map;
import java.util.Optional;

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
}
