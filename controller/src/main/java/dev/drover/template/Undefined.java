package dev.drover.template;

/**
 * What a missing variable, attribute or list element resolves to during one call, in place of Jinja2's
 * StrictUndefined. The {@link Evaluation} that created it fails the call unless the marker was excused
 * by an operation that is allowed to see it ({@code is defined}, {@code default}, ...). Attribute access
 * on a marker returns the same marker, so {@code x.y.z} reports {@code 'x' is undefined} like Jinja2.
 * Confined to the thread of its evaluation.
 */
final class Undefined {
    private final String variable;
    private final String reason;
    private boolean called;

    Undefined(String variable, String reason) {
        this.variable = variable;
        this.reason = reason;
    }

    /** Ansible's {@code undef} function, registered as {@code undef(hint=None)}. */
    static com.hubspot.jinjava.lib.fn.ELFunctionDefinition definition() {
        return new com.hubspot.jinjava.lib.fn.ELFunctionDefinition("", "undef", Undefined.class, "undef", Object[].class);
    }

    /**
     * {@code undef(hint=None)} (Ansible's Templar._make_undefined): an undefined value whose message is the
     * hint, so a variable meant to be overridden fails only where it is used without being overridden.
     */
    public static Object undef(Object... args) {
        Object hint = args == null || args.length == 0 ? null : args[0];
        if (hint instanceof com.hubspot.jinjava.el.ext.NamedParameter p) {
            hint = p.getValue();
        }
        if (hint == null || hint instanceof Undefined || "".equals(hint)) {
            hint = "Mandatory variable has not been overridden";
        }
        return Evaluation.current().undefined(null, String.valueOf(hint));
    }

    /** The missing name or dotted path as far as it is known. */
    String variable() {
        return variable;
    }

    /** Jinja2's wording, for example {@code 'x' is undefined}. */
    String reason() {
        return reason;
    }

    /**
     * Marks the marker as called like a function ({@code x.split('.')}), which Ansible's undefined
     * refuses even under {@code default}: attribute access chains, calls fail.
     */
    void call() {
        called = true;
    }

    boolean called() {
        return called;
    }

    /** Empty, so text built from a marker before the call fails carries nothing misleading. */
    @Override
    public String toString() {
        return "";
    }
}
