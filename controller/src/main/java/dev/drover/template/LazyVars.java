package dev.drover.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's variables as one call's templates see them. A value that contains templates is rendered
 * when a template first uses it, with the same variables, and remembered for the rest of the call
 * (Ansible's lazy templating); {@link Unsafe} values are read as they are; a variable that refers back
 * to itself is an error instead of endless recursion.
 *
 * <p>Shared by the evaluations of one top-level call (nested renders of variables reuse it), and
 * confined to that call's thread.
 */
final class LazyVars {
    /** Returned by {@link #get} for a name that is not set. */
    static final Object MISSING = new Object();

    /**
     * How many variables may name one another in a chain ({@code a: "{{ b }}"}, {@code b: "{{ c }}"}...).
     * Each link is a nested render on the host thread's stack; a longer chain is an error naming it,
     * before the thread's stack overflows (600 links crashed the run with StackOverflowError).
     */
    static final int MAX_CHAIN = 100;

    private final Map<String, ?> vars;
    private final JinjaTemplater templater;
    private final Map<String, Object> rendered = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();
    /** Whether this call has read an {@link Unsafe} value (lookup terms are then never rendered again). */
    private boolean unsafeRead;
    /** The latest lone expression's result that was native text, by identity (see {@link #nativeResult}). */
    private Object lastNativeText;

    JinjaTemplater templater() {
        return templater;
    }

    LazyVars(Map<String, ?> vars, JinjaTemplater templater) {
        this.vars = vars;
        this.templater = templater;
    }

    /**
     * The variable's value ready for a template, or {@link #MISSING}. Throws {@link TemplateException}
     * when rendering the value fails and {@link TemplateFailure} for a reference loop.
     */
    Object get(String name) {
        if (rendered.containsKey(name)) {
            Object remembered = rendered.get(name);
            if (remembered instanceof Unsafe) {
                unsafeRead = true; // the reader is tainted; Evaluation#reveal gives the content
            }
            return remembered;
        }
        Object value = vars.get(name);
        if (value == null && !vars.containsKey(name)) {
            return MISSING;
        }
        if (value instanceof Unsafe u) {
            unsafeRead = true;
            return u; // Evaluation#reveal gives the content and remembers its class (type_debug, vault_encrypted)
        }
        if (value instanceof OwnScopeVars) {
            return value; // hostvars: each host's values are rendered with that host's variables
        }
        if (!containsTemplate(value)) {
            if (UnsafeTracking.containsUnsafe(value)) {
                unsafeRead = true;
            }
            return value;
        }
        if (resolving.contains(name)) {
            List<String> chain = new ArrayList<>(resolving);
            Collections.reverse(chain);
            chain.add(name);
            throw new TemplateFailure("recursive loop detected in template string: variable '" + name
                    + "' refers to itself (" + String.join(" -> ", chain) + ")");
        }
        if (resolving.size() >= MAX_CHAIN) {
            List<String> chain = new ArrayList<>(resolving);
            Collections.reverse(chain);
            chain.add(name);
            String shown = String.join(" -> ", chain.subList(0, 3)) + " -> ... -> "
                    + String.join(" -> ", chain.subList(chain.size() - 3, chain.size()));
            throw new TemplateFailure("variables refer to one another more than " + MAX_CHAIN + " deep ("
                    + shown + "); drover stops there: shorten the chain");
        }
        resolving.push(name);
        boolean before = unsafeRead;
        unsafeRead = false;
        try {
            // Ansible wraps a variable's rendered value when its template read an unsafe one; a later
            // read of the remembered value taints the reader the same way.
            Object result = wrapRendered(templater.render(value, this));
            rendered.put(name, result);
            return result;
        } finally {
            unsafeRead |= before;
            resolving.pop();
        }
    }

    boolean unsafeRead() {
        return unsafeRead;
    }

    /**
     * Records that a lone expression's result is text a template keeps as text (NativeJinjaText); only
     * the latest such result is kept, for {@link #wrapRendered} right after the render that made it.
     */
    void nativeResult(Object text) {
        lastNativeText = text;
    }

    /**
     * A render's result as stored: wrapped in {@link Unsafe} when the render read an unsafe value, as
     * Ansible's {@code wrap_var} (a native text stays one: {@code NativeJinjaUnsafeText}).
     */
    Object wrapRendered(Object result) {
        if (!unsafeRead || result instanceof Unsafe) {
            return result;
        }
        return result instanceof String s && s == lastNativeText ? Unsafe.nativeText(s) : Unsafe.of(result);
    }

    /** Records that the template read an unsafe value (through an attribute, an item, a filter). */
    void markUnsafe() {
        unsafeRead = true;
    }

    /** Sets whether an unsafe value has been read, returning the previous state (one string's render at a time). */
    boolean resetUnsafe(boolean to) {
        boolean was = unsafeRead;
        unsafeRead = to;
        return was;
    }

    /** True if rendering would change the value: a string with a template marker, outside Unsafe parts. */
    static boolean containsTemplate(Object value) {
        if (value instanceof String s) {
            return TemplateText.isTemplated(s);
        }
        if (value instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                if (containsTemplate(v)) {
                    return true;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object v : list) {
                if (containsTemplate(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
