package dev.drover.template;

/**
 * A template or expression the user got wrong. The message is composable: it names the cause and the
 * template text, and the caller prefixes the task and file:line, for example
 * {@code task "Stop Alfresco" (upgrade.yml:14:7): 'new_version' is undefined (in "{{ new_version }}")}.
 */
public class TemplateException extends RuntimeException {
    private static final int MAX_SHOWN = 200;

    /** What went wrong, so callers can react without parsing messages. */
    public enum Kind {
        /** A variable or attribute that does not exist was used. */
        UNDEFINED,
        /** The template or expression does not parse. */
        SYNTAX,
        /** A filter name that is not known. */
        UNKNOWN_FILTER,
        /** A test name ({@code is something}) that is not known. */
        UNKNOWN_TEST,
        /** Evaluation failed: a filter rejected its input, a comparison failed, {@code mandatory} fired. */
        FAILED
    }

    private final Kind kind;
    private final String template;
    private final String reason;

    public TemplateException(Kind kind, String template, String reason) {
        this(kind, template, reason, null);
    }

    public TemplateException(Kind kind, String template, String reason, Throwable cause) {
        super(reason + " (in " + quote(template) + ")", cause);
        this.kind = kind;
        this.template = template;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    /** The template or expression as the user wrote it. */
    public String template() {
        return template;
    }

    /** The cause alone, without the template text, for example {@code 'new_version' is undefined}. */
    public String reason() {
        return reason;
    }

    private static String quote(String template) {
        String shown = template.length() > MAX_SHOWN ? template.substring(0, MAX_SHOWN) + "..." : template;
        return "\"" + shown.replace("\n", "\\n") + "\"";
    }
}
