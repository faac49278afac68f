package dev.drover.template;

/**
 * A template used a variable or attribute that does not exist. {@link #variable()} names it as the
 * template spelled it when that is known: {@code new_version}, {@code result.stdout_lines},
 * {@code hosts[3]}. Guard optional values with {@code is defined} or {@code | default(...)}.
 */
public final class UndefinedVariableException extends TemplateException {
    private final String variable;

    public UndefinedVariableException(String template, String variable, String reason) {
        super(Kind.UNDEFINED, template, reason);
        this.variable = variable;
    }

    /** The undefined name or dotted path, for example {@code result.stdout_lines}. */
    public String variable() {
        return variable;
    }
}
