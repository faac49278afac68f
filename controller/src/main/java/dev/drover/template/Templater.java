package dev.drover.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders templated values and evaluates expressions the way Ansible does.
 *
 * <p>Instances are immutable and safe for concurrent use: many host threads may render through one
 * instance at once. Build one per run with {@link #jinja()} (construction takes tens of milliseconds;
 * a call on a simple template takes microseconds). Variables are read, never modified, and must not
 * be modified by another thread during a call.
 *
 * <p>Values in and out are plain Java: {@link String}, {@link Boolean}, {@link Integer} (or {@link Long}
 * when it does not fit), {@link Double}, {@link List}, {@link Map} and {@code null} for Python's None.
 * Results are always fresh containers; inputs are never modified.
 *
 * <p>Variables are rendered when a template uses them, with the same variables, as in Ansible
 * ({@code home: "{{ base }}/alfresco"}), once per call; values wrapped in {@link Unsafe} (host output,
 * {@code !unsafe}) never are. A variable whose template uses an undefined name counts as undefined.
 *
 * <p>Secrets: a {@link dev.drover.secret.Secret} in the variables is readable by templates. Any result
 * a secret contributed to comes back as a {@code Secret} (strings inside containers too), so the
 * executor can mask it and must reveal it only where the value leaves for a host.
 *
 * <p>Every method throws {@link TemplateException} (or its subclass {@link UndefinedVariableException})
 * for a template the user got wrong; the message names the template text and the cause, and the caller
 * adds the task and file:line.
 */
public interface Templater {

    /** The Jinjava-backed templater with Ansible's filters, tests and undefined-variable rules. */
    static Templater jinja() {
        return new JinjaTemplater();
    }

    /**
     * Renders a value: strings inside maps and lists are rendered recursively (map keys are left as
     * they are, as in Ansible). A string that is exactly one {@code {{ expression }}} (trailing line
     * breaks allowed, as left by YAML block scalars) yields the expression's native value: a list, map,
     * number, boolean, null, or {@link Omit#VALUE} for {@code omit}. Any other templated string yields a
     * string. A string without template markers is returned unchanged without calling the engine.
     * Non-string scalars are returned as they are.
     */
    Object render(Object value, Map<String, ?> vars);

    /**
     * Renders as {@link #render} does, keeping Ansible's unsafe marking for values that will be stored
     * and read by later templates (set_fact, loop items): a string whose template read an unsafe value
     * (host output, a lookup, {@code !unsafe}) comes back wrapped in {@link Unsafe}, as do values
     * already unsafe; see {@code UnsafeTracking}.
     *
     * @param leaveUndefined a string that uses an undefined variable is given back as it is instead of
     *                       failing (Ansible's {@code fail_on_undefined=False})
     */
    Object renderKeepingUnsafe(Object value, Map<String, ?> vars, boolean leaveUndefined);

    /**
     * Renders a template file's text as Ansible's {@code template} action does, with that task's
     * Jinja2 options (trim_blocks, lstrip_blocks, delimiters); always a string.
     */
    String renderFile(String text, Map<String, ?> vars, TemplateSyntax syntax);

    /** Evaluates a bare Jinja expression such as {@code result.rc != 0} to its native value. */
    Object evaluate(String expression, Map<String, ?> vars);

    /**
     * Evaluates one {@code when:}-style condition with Python truthiness: false, None, 0, empty strings,
     * lists and maps are false; everything else, including the strings "false" and "no", is true (use
     * {@code | bool} for those, as in Ansible). A condition wrapped in {@code {{ }}} is accepted the way
     * Ansible accepts it: rendered first, and a string result evaluated again as an expression; see
     * {@link #conditionalWarning(String)} for the warning Ansible prints.
     */
    boolean condition(String expression, Map<String, ?> vars);

    /** All conditions in order, stopping at the first false one (Ansible's list form of {@code when:}). */
    default boolean condition(List<String> expressions, Map<String, ?> vars) {
        for (String expression : expressions) {
            if (!condition(expression, vars)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the text contains a template marker: <code>&#123;&#123;</code>, <code>&#123;%</code> or
     * <code>&#123;#</code>.
     */
    default boolean isTemplated(String text) {
        return TemplateText.isTemplated(text);
    }

    /**
     * The warning Ansible prints for a condition written with template delimiters, for example
     * {@code when: "{{ x }}"}; empty for a bare expression. Callers check this once when loading a play.
     */
    static Optional<String> conditionalWarning(String expression) {
        if (!TemplateText.isTemplated(expression)) {
            return Optional.empty();
        }
        return Optional.of("conditional statements should not include jinja2 templating delimiters such as"
                + " {{ }} or {% %}. Found: " + expression);
    }

    /**
     * The variables every rendering of {@code text} needs defined: if one is undefined, rendering fails
     * whatever the others hold. An under-estimate (see {@code RequiredNames}): guarded uses such as
     * {@code x | default(1)}, {@code x is defined}, the right side of {@code and}, or anything inside an
     * {@code {% if %}} body are left out. Empty for text that does not parse. For {@code drover check}.
     *
     * @param expression a bare expression ({@code when:}-style), not a template
     */
    default java.util.Set<String> requiredNames(String text, boolean expression) {
        return java.util.Set.of();
    }

    /**
     * A problem every rendering of {@code text} would hit, whatever the variables: a syntax error, an
     * unknown filter or test. Empty when it may render (an undefined variable is no such problem: a
     * host may define it). For {@code drover check}: the template is tried with no variables.
     *
     * @param expression a bare expression ({@code when:}-style), not a template
     */
    default java.util.Optional<String> staticProblem(String text, boolean expression) {
        if (!expression) {
            // Jinjava closes an unclosed block at the end of the text; Jinja2 (and so Ansible) refuses it.
            for (String tag : List.of("if", "for", "macro", "block", "call", "filter", "raw", "with")) {
                java.util.regex.Matcher open = java.util.regex.Pattern.compile("\\{%[-+]?\\s*" + tag + "\\b").matcher(text);
                java.util.regex.Matcher close = java.util.regex.Pattern.compile("\\{%[-+]?\\s*end" + tag + "\\b").matcher(text);
                long opens = open.results().count();
                long closes = close.results().count();
                if (opens > closes) {
                    return java.util.Optional.of("unexpected end of template: '{% " + tag + " %}' has no '{% end" + tag
                            + " %}' (in \"" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + "\")");
                }
            }
        }
        try {
            if (expression) {
                condition(text, Map.of());
            } else {
                render(text, Map.of());
            }
        } catch (UndefinedVariableException e) {
            return java.util.Optional.empty();
        } catch (TemplateException e) {
            String m = String.valueOf(e.getMessage());
            if (e.kind() == TemplateException.Kind.SYNTAX || m.contains("no filter named") || m.contains("no test named")) {
                return java.util.Optional.of(m);
            }
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }
}
