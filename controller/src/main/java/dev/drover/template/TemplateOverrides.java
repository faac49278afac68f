package dev.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's own first line {@code #jinja2: key: value, ...}, which Ansible's templar reads as
 * Jinja2 environment settings for that template and removes. drover takes the settings it has
 * ({@code trim_blocks}, {@code lstrip_blocks}, the delimiters and {@code line_statement_prefix},
 * whose lines are rewritten as block tags); any other setting is refused by name. The template's
 * text comes back with Jinja's own delimiters ({@link TemplateSyntax#standardize}).
 *
 * @param syntax the options to render with
 * @param body   the text to give the engine
 */
record TemplateOverrides(TemplateSyntax syntax, String body) {
    private static final String HEADER = "#jinja2:";

    static TemplateOverrides read(String text, TemplateSyntax given) {
        if (!text.startsWith(HEADER)) {
            return new TemplateOverrides(given, given.standardize(text));
        }
        int eol = text.indexOf('\n');
        String line = text.substring(HEADER.length(), eol < 0 ? text.length() : eol);
        String rest = eol < 0 ? "" : text.substring(eol + 1);
        boolean trim = given.trimBlocks();
        boolean lstrip = given.lstripBlocks();
        List<String> delimiters = new ArrayList<>(given.delimiters());
        String linePrefix = null;
        for (String pair : line.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                // Ansible's words
                throw new TemplateException(TemplateException.Kind.SYNTAX, text, "failed to parse jinja2 override '"
                        + pair.strip() + "'. Did you use something different from colon as key-value separator?");
            }
            String key = pair.substring(0, colon).strip();
            String value = pair.substring(colon + 1).strip();
            switch (key) {
                case "trim_blocks" -> trim = bool(key, value, text);
                case "lstrip_blocks" -> lstrip = bool(key, value, text);
                case "line_statement_prefix" -> linePrefix = string(key, value, text);
                default -> {
                    int i = TemplateSyntax.DELIMITER_OPTIONS.indexOf(key);
                    if (i < 0) {
                        throw new TemplateException(TemplateException.Kind.SYNTAX, text, "the jinja2 override '" + key
                                + "' is not supported by drover (it has trim_blocks, lstrip_blocks, line_statement_prefix, "
                                + String.join(", ", TemplateSyntax.DELIMITER_OPTIONS) + ")");
                    }
                    delimiters.set(i, string(key, value, text));
                }
            }
        }
        TemplateSyntax syntax = new TemplateSyntax(trim, lstrip, delimiters);
        String body = syntax.standardize(rest);
        if (linePrefix != null) {
            // A line statement is a whole line: the tag, and its line break eaten as trim_blocks would.
            Matcher m = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(linePrefix) + "(.*?)[ \\t]*(\\r?\\n|$)").matcher(body);
            // (with trim_blocks on, the engine eats the line break after the tag; else it is left out)
            boolean keepBreak = trim;
            body = m.replaceAll(r -> Matcher.quoteReplacement("{%" + r.group(1) + " %}" + (keepBreak ? r.group(2) : "")));
        }
        return new TemplateOverrides(syntax, body);
    }

    /** Python's literal True or False (ast.literal_eval). */
    private static boolean bool(String key, String value, String text) {
        if (value.equals("True") || value.equals("False")) {
            return value.equals("True");
        }
        throw new TemplateException(TemplateException.Kind.SYNTAX, text, "the jinja2 override " + key + " needs True or False, not "
                + value);
    }

    /** A Python string literal in single or double quotes. */
    private static String string(String key, String value, String text) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        throw new TemplateException(TemplateException.Kind.SYNTAX, text, "the jinja2 override " + key
                + " needs a quoted string, not " + value);
    }
}
