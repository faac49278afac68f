package dev.drover.template;

import dev.drover.python.PythonLiteral;
import java.util.Set;

/**
 * Ansible 2.14's templar turns rendered text into a value ({@code Templar.template} with its default
 * {@code convert_data=True}, {@code native_helpers.ansible_eval_concat}): text that starts with
 * {@code [} or <code>&#123;</code>, or is {@code True} or {@code False}, becomes what it reads as with
 * Python's {@code ast.literal_eval} (JSON's {@code true}, {@code false} and {@code null} included), and
 * stays text when it reads as nothing. So {@code "{{ '[1, 2]' }}"} is the list {@code [1, 2]},
 * <code>'{{ "" }}&#123;"a": null}'</code> the map {@code {'a': None}}, {@code "x{{ '[1]' }}"} text.
 *
 * <p>Not converted: the text a string-type filter returned when it is the whole result ({@code string},
 * {@code to_json}, {@code to_nice_json}, {@code to_yaml}, {@code to_nice_yaml}: Ansible's
 * {@code STRING_TYPE_FILTERS}, whose results are NativeJinjaText), template files (the template action
 * renders with {@code convert_data=False}), and conditions and bare expressions, which are values
 * already. A lone expression's number or None keeps its type, as from ansible-core 2.19 (2.14 made it
 * text; docs/compatibility.md).
 */
final class EvalConcat {
    /** Ansible's {@code C.STRING_TYPE_FILTERS}: their text is a NativeJinjaText, never read as a literal. */
    static final Set<String> STRING_TYPE_FILTERS = Set.of("string", "to_json", "to_nice_json", "to_yaml",
            "to_nice_yaml", "json");

    private EvalConcat() {
    }

    /** A lone expression's value ({@code "{{ expr }}"}): text is read as a literal unless a string-type filter made it. */
    static Object single(Object value, Evaluation eval) {
        if (value instanceof PyDateTime d) {
            return d.toString(); // to_text, which no literal reads: "{{ x | to_datetime }}" is text in 2.14
        }
        return value instanceof String s && !eval.isNativeText(s) ? literal(s) : value;
    }

    /** Rendered text: the value it reads as, when it starts with [ or { or is True or False. */
    static Object literal(String text) {
        if (!(text.startsWith("[") || text.startsWith("{") || text.equals("True") || text.equals("False"))) {
            return text;
        }
        // Never None: the text starts with [ or {, or is a boolean.
        return PythonLiteral.literalEval(text).map(PyValues::toJava).orElse(text);
    }
}
