package dev.drover.template;

/**
 * Thrown by filters, tests and methods inside the engine when the user's input is wrong ("Version
 * comparison failed: ..."). It carries only the reason. Where the engine calls into this package
 * (filters, tests, methods) the failure is recorded on the {@link Evaluation}, because Jinjava wraps or
 * swallows exceptions on their way out; the call then fails with a {@link TemplateException} that adds
 * the template text.
 */
final class TemplateFailure extends RuntimeException {
    private final TemplateException.Kind kind;

    TemplateFailure(String reason) {
        this(TemplateException.Kind.FAILED, reason);
    }

    TemplateFailure(TemplateException.Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    TemplateException.Kind kind() {
        return kind;
    }
}
