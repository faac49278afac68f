package dev.drover.template;

import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.interpret.errorcategory.BasicTemplateErrorCategory;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Jinjava's error reports turned into {@link TemplateException}s. Jinjava collects errors instead of
 * throwing, and files runtime failures (a failed coercion, a missing method) under "syntax error" too,
 * so the kind is decided from the message. Positions are dropped: they count from Jinjava's rewritten
 * expression, not from what the user wrote.
 */
final class EngineErrors {
    private static final Pattern PARSE_ERROR = Pattern.compile(
            "(?s).*(Error parsing|lexical error|syntax error at position|Unclosed|Missing end tag|Missing start tag"
                    + "|Syntax error in|Unknown tag|Unexpected end tag|without a matching).*");
    private static final Pattern PARSING_PREFIX =
            Pattern.compile("(?s)^Error parsing '.*?': (?=(syntax|lexical) error)");
    private static final Pattern RESOLVING_PREFIX = Pattern.compile("(?s)^Error resolving expression \\[.*?]: ");
    private static final Pattern POSITION = Pattern.compile(" at position \\d+");

    private EngineErrors() {
    }

    static void check(String template, List<TemplateError> errors) {
        for (TemplateError error : errors) {
            if (counts(error)) {
                String message = error.getMessage() == null ? error.getReason().toString() : error.getMessage();
                TemplateException.Kind kind = PARSE_ERROR.matcher(message).matches()
                        ? TemplateException.Kind.SYNTAX : TemplateException.Kind.FAILED;
                throw new TemplateException(kind, template, clean(message), error.getException());
            }
        }
    }

    /** Fatal errors, syntax warnings (an unclosed {@code {{} is only a warning) and unknown properties. */
    private static boolean counts(TemplateError error) {
        return error.getSeverity() == ErrorType.FATAL
                || error.getReason() == ErrorReason.SYNTAX_ERROR
                || error.getCategory() == BasicTemplateErrorCategory.UNKNOWN_PROPERTY;
    }

    static String clean(String message) {
        String m = PARSING_PREFIX.matcher(message).replaceFirst("");
        m = RESOLVING_PREFIX.matcher(m).replaceFirst("");
        return POSITION.matcher(m).replaceAll("");
    }
}
