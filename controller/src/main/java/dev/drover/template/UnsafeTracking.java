package dev.drover.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's rule for unsafe values through templating (2.14's {@code AnsibleContext._update_unsafe} and
 * {@code wrap_var} in {@code Templar.do_template}): a template that read an unsafe value, at any depth
 * of a variable, through an attribute, an item or a filter that passed it on, gives an unsafe result,
 * which is never rendered again when it is stored (set_fact, loop items) and read later. Values stay
 * unsafe through lookups of variables that were rendered from them.
 *
 * <p>{@link LazyVars} records the reads; this class walks values and wraps results. Each string of a
 * container is its own template, as in Ansible, so one unsafe string does not taint its neighbours.
 */
final class UnsafeTracking {
    private UnsafeTracking() {
    }

    /**
     * A lookup that found something makes the template's result unsafe unless called with
     * {@code allow_unsafe=True} (Ansible's {@code Templar._lookup}).
     */
    static void lookupResult(List<Object> found, Object allowUnsafe, Evaluation eval) {
        if (!found.isEmpty() && !PyValues.truthy(allowUnsafe)) {
            eval.markUnsafe();
        }
    }

    /** Whether an unsafe value sits anywhere in maps and lists (Ansible's {@code _is_unsafe}). */
    static boolean containsUnsafe(Object value) {
        if (value instanceof Unsafe) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                if (containsUnsafe(v)) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                if (containsUnsafe(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Renders as {@link Templater#render} does, but a string whose template read an unsafe value comes
     * back wrapped in {@link Unsafe}, and values already unsafe stay wrapped.
     *
     * @param leaveUndefined give a string back as it is when it uses an undefined variable (Ansible's
     *                       {@code fail_on_undefined=False}, as its hostvars render)
     */
    static Object render(JinjaTemplater templater, Object value, LazyVars vars, boolean leaveUndefined) {
        if (value instanceof Unsafe) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, render(templater, v, vars, leaveUndefined)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(render(templater, item, vars, leaveUndefined));
            }
            return out;
        }
        if (!(value instanceof String s) || !TemplateText.isTemplated(s)) {
            return value;
        }
        boolean before = vars.resetUnsafe(false);
        try {
            return vars.wrapRendered(templater.render(s, vars));
        } catch (UndefinedVariableException e) {
            if (leaveUndefined) {
                return s;
            }
            throw e;
        } finally {
            vars.resetUnsafe(before || vars.unsafeRead());
        }
    }
}
