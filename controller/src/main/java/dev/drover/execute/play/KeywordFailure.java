package dev.drover.execute.play;

import dev.drover.inventory.output.PythonText;
import dev.drover.playbook.SourcePos;
import dev.drover.template.TemplateException;
import dev.drover.template.Unsafe;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task that fails before or around its module because one of its keywords cannot be evaluated: its
 * loop, its {@code when}, {@code until}, {@code failed_when} or {@code changed_when}. The registered
 * result and its {@code msg} are Ansible 2.14's (TaskExecutor returns {@code {failed: true, msg}}; the
 * texts come from playbook/conditional.py and TaskExecutor._get_loop_items), checked with
 * ansible-playbook on the same playbooks; where that message names no place, the result also carries
 * drover's one-line account under {@link ArgsFailure#WHERE}, which the console prints and
 * {@code register} leaves out, as for {@link ArgsFailure}.
 */
final class KeywordFailure extends RuntimeException {
    private final transient Map<String, Object> result;

    private KeywordFailure(Map<String, Object> result) {
        super(String.valueOf(result.get("msg")), null, false, false);
        this.result = result;
    }

    /** The task's result: {@code failed}, Ansible's {@code msg} and, maybe, drover's place. */
    Map<String, Object> result() {
        return new LinkedHashMap<>(result);
    }

    /** A {@code when:} condition that failed to evaluate: Ansible names the task's place in its message. */
    static KeywordFailure when(TemplateException e, String condition, SourcePos pos) {
        return new KeywordFailure(failed(conditional(e, condition) + "\n\n" + ArgsFailure.appearsIn(pos), null));
    }

    /** An {@code until:} condition that failed to evaluate (Ansible's message names no place). */
    static KeywordFailure until(TemplateException e, String condition, String taskName, SourcePos pos) {
        return new KeywordFailure(failed(conditional(e, condition), where(taskName, pos, e.getMessage())));
    }

    /** A loop whose template failed to render. */
    static KeywordFailure loop(TemplateException e, String taskName, SourcePos pos) {
        String msg = switch (e.kind()) {
            case UNDEFINED -> twice(e.reason());
            case FAILED -> e.reason();
            case SYNTAX, UNKNOWN_FILTER, UNKNOWN_TEST -> "template error while templating string: " + e.reason()
                    + ". String: " + e.template() + ". " + e.reason();
        };
        return new KeywordFailure(failed(msg, where(taskName, pos, e.getMessage())));
    }

    /** A {@code loop:} that rendered to something other than a list. */
    static KeywordFailure notAList(Object rendered, String taskName, SourcePos pos) {
        Object value = rendered instanceof Unsafe u ? u.value() : rendered;
        return new KeywordFailure(failed(notAListMessage(value), where(taskName, pos,
                "'loop' must render to a list, got " + dev.drover.playbook.Coerce.describe(value)
                        + "; for a mapping use '| dict2items' or with_dict")));
    }

    /** TaskExecutor._get_loop_items' words for a loop value that is no list. */
    static String notAListMessage(Object value) {
        return "Invalid data passed to 'loop', it requires a list, got this instead: " + PythonText.str(value)
                + ". Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup"
                + " invocation or use q/query instead of lookup.";
    }

    /**
     * Conditional.evaluate_conditional's message for a condition that raised: {@code The conditional
     * check 'c' failed. The error was: ...}, where an undefined variable reads {@code error while
     * evaluating conditional (c): 'x' is undefined. 'x' is undefined} (AnsibleUndefinedVariable repeats
     * its cause) and a condition that does not parse is the template error of Ansible's
     * {@code {% if c %}} wrapper.
     */
    static String conditional(TemplateException e, String condition) {
        String error = switch (e.kind()) {
            case UNDEFINED -> "error while evaluating conditional (" + condition + "): " + twice(e.reason());
            case FAILED -> e.reason();
            case SYNTAX, UNKNOWN_FILTER, UNKNOWN_TEST -> "template error while templating string: " + e.reason()
                    + ". String: {% if " + condition + " %} True {% else %} False {% endif %}. " + e.reason();
        };
        return "The conditional check '" + condition + "' failed. The error was: " + error;
    }

    /** Ansible 2.14's AnsibleUndefinedVariable: its message, then ". " and its original exception's. */
    static String twice(String reason) {
        return reason + ". " + reason;
    }

    private static String where(String taskName, SourcePos pos, String cause) {
        return "task \"" + taskName + "\" (" + pos + "): " + cause;
    }

    private static Map<String, Object> failed(String msg, String where) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("failed", true);
        r.put("msg", msg);
        if (where != null) {
            r.put(ArgsFailure.WHERE, where);
        }
        return r;
    }
}
