package dev.drover.template;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading template text without the engine: is it templated at all, is it exactly one expression, and
 * the two rewrites that make Jinjava read a template the way Ansible's Jinja2 does.
 *
 * <p>Backslashes: Ansible doubles every backslash inside the string literals of an expression before
 * Jinja2 sees it, so {@code regex_replace('(\d+)', '\1')} reaches the filter exactly as typed in the
 * YAML value. Jinjava, like Jinja2, would otherwise treat backslashes as escapes (and reject {@code \d}).
 * The same rule means a backslash cannot escape a quote, as in Ansible.
 *
 * <p>Braces: Jinja2 balances braces inside {@code {{ }}}, so {@code {{ {'a': {'b': 1}} }}} works; Jinjava
 * ends the expression at the first {@code }}}. Inside expressions a {@code }} } closing nested braces is
 * therefore written as {@code } }}, which means the same.
 */
final class TemplateText {
    private static final Pattern END_RAW = Pattern.compile("\\{%-?\\s*endraw\\s*-?%}");
    private static final Pattern RAW_TAG = Pattern.compile("-?\\s*raw\\s*-?");

    private TemplateText() {
    }

    static boolean isTemplated(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    /**
     * The expression inside a text that is exactly one {@code {{ expression }}}, ignoring trailing line
     * breaks; empty otherwise ({@code "a {{ x }}"}, {@code "{{ a }}{{ b }}"}, {@code " {{ x }}"}).
     */
    static Optional<String> singleExpression(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (!text.startsWith("{{")) {
            return Optional.empty();
        }
        int close = closeOfExpression(text, 2, end);
        if (close != end - 2) {
            return Optional.empty();
        }
        String inner = text.substring(2, close);
        if (inner.startsWith("-")) {
            inner = inner.substring(1);
        }
        if (inner.endsWith("-")) {
            inner = inner.substring(0, inner.length() - 1);
        }
        return inner.isBlank() ? Optional.empty() : Optional.of(inner.strip());
    }

    /** The line breaks ({@code \n}, {@code \r}) that end {@code text}, possibly empty. */
    /** Longest template quoted whole in an error message; a longer one is cut, saying how long it was. */
    static final int QUOTED_MAX = 200;

    /** The template for an error message: whole up to {@link #QUOTED_MAX} characters, else its start and its length. */
    static String abbreviate(String template) {
        if (template == null || template.length() <= QUOTED_MAX) {
            return template;
        }
        return template.substring(0, QUOTED_MAX) + "... (" + template.length() + " characters)";
    }

    static String trailingLineBreaks(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(end);
    }

    /** Rewrites one bare expression for Jinjava: literal backslashes and balanced braces, see above. */
    static String forEngine(String expression) {
        StringBuilder out = new StringBuilder(expression.length() + 8);
        copyCode(expression, 0, expression.length(), out);
        return out.toString();
    }

    /** Rewrites a bare condition ({@code when}, {@code that}): Jinja2 reads its string escapes. */
    static String forCondition(String expression) {
        StringBuilder out = new StringBuilder(expression.length() + 8);
        copyCode(expression, 0, expression.length(), out, true);
        return out.toString();
    }

    /**
     * Rewrites every expression and statement block of a template; text, comments and raw blocks stay.
     * An expression or statement that is never closed is a syntax error here, as in Jinja2.
     */
    static String templateForEngine(String template) {
        return templateForEngine(template, false);
    }

    /**
     * {@link #templateForEngine} for a template file, which Ansible renders without doubling
     * backslashes: Jinja2 reads the escapes of every string literal ({@code '\n'} is a line break).
     */
    static String fileForEngine(String template) {
        return templateForEngine(template, true);
    }

    /**
     * @param unescapeExpressions read escapes inside {@code {{ }}} too; statements ({@code {% %}}) always
     *                            read them: Ansible doubles backslashes in expressions only
     */
    private static String templateForEngine(String template, boolean unescapeExpressions) {
        StringBuilder out = new StringBuilder(template.length() + 8);
        int i = 0;
        int n = template.length();
        while (i < n) {
            int open = nextOpening(template, i);
            if (open < 0) {
                out.append(template, i, n);
                break;
            }
            out.append(template, i, open);
            char kind = template.charAt(open + 1);
            if (kind == '#') {
                int close = template.indexOf("#}", open + 2);
                int stop = close < 0 ? n : close + 2;
                out.append(template, open, stop);
                i = stop;
                continue;
            }
            int close = closeOfExpression(template, open + 2, n);
            if (close < 0) {
                throw unclosed(template, open);
            }
            String body = template.substring(open + 2, close);
            if (kind == '%' && RAW_TAG.matcher(body).matches()) {
                Matcher endRaw = END_RAW.matcher(template);
                int stop = endRaw.find(close + 2) ? endRaw.end() : n;
                out.append(template, open, stop);
                i = stop;
                continue;
            }
            out.append(template, open, open + 2);
            copyCode(template, open + 2, close, out, kind == '%' || unescapeExpressions);
            out.append(template, close, close + 2);
            i = close + 2;
        }
        return out.toString();
    }

    private static TemplateException unclosed(String template, int open) {
        String opener = template.substring(open, open + 2);
        String reason = inOpenLiteral(template, open + 2)
                ? "a string literal after '" + opener + "' is not closed"
                        + " (a backslash does not escape a quote here, as in Ansible)"
                : "'" + opener + "' is not closed by '" + (opener.equals("{{") ? "}}" : "%}") + "'";
        return new TemplateException(TemplateException.Kind.SYNTAX, template, reason);
    }

    private static boolean inOpenLiteral(String text, int from) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            }
        }
        return quote != 0;
    }

    static int nextOpening(String text, int from) {
        int i = text.indexOf('{', from);
        while (i >= 0 && i + 1 < text.length()) {
            char c = text.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
            i = text.indexOf('{', i + 1);
        }
        return -1;
    }

    /**
     * Index of the two-character closer ({@code }}} or {@code %}}) of the block whose code starts at
     * {@code from}, skipping string literals and balanced braces; -1 when there is none before
     * {@code limit}.
     */
    static int closeOfExpression(String text, int from, int limit) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if ((c == '}' || c == '%') && i + 1 < limit && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** Words JUEL reserves, which Jinja2 allows as attribute names after a dot. */
    private static final java.util.Set<String> EL_KEYWORDS = java.util.Set.of("null", "true", "false", "empty",
            "not", "and", "or", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof", "True", "False", "None");

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static int wordEnd(String text, int from, int to) {
        int j = from;
        while (j < to && isWordChar(text.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The dot at {@code dot} follows a name, a call or a subscript (not a number such as {@code 1.0}). */
    private static boolean afterOperand(String text, int from, int dot) {
        if (dot == from) {
            return false;
        }
        char p = text.charAt(dot - 1);
        if (p == ']' || p == ')') {
            return true;
        }
        int j = dot;
        while (j > from && isWordChar(text.charAt(j - 1))) {
            j--;
        }
        return j < dot && !Character.isDigit(text.charAt(j));
    }

    /** The {@code *} at {@code star} opens a call argument: only spaces since a '(' or ','. */
    private static boolean startsArgument(String text, int from, int star) {
        int j = star - 1;
        while (j >= from && text.charAt(j) == ' ') {
            j--;
        }
        return j >= from && (text.charAt(j) == '(' || text.charAt(j) == ',');
    }

    /** Where the argument starting at {@code from} ends: the ',' or ')' that closes it at depth 0. */
    private static int argumentEnd(String text, int from, int to) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if ((c == ',' || c == ')') && depth == 0) {
                return i;
            }
        }
        return to;
    }

    private static void copyCode(String text, int from, int to, StringBuilder out) {
        copyCode(text, from, to, out, false);
    }

    /**
     * @param unescape read Python's escapes in string literals ({@code \n}, {@code \'}...), as Jinja2
     *                 does where Ansible does not double backslashes first: conditions and statements
     */
    private static void copyCode(String text, int from, int to, StringBuilder out, boolean unescape) {
        char quote = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && unescape && i + 1 < to) {
                    i = PyStringEscapes.decode(text, i, quote, out);
                    continue;
                } else if (c == '\\') {
                    out.append('\\');
                }
                out.append(c);
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            }
            if (c == '*' && startsArgument(text, from, i) && i + 1 < to && text.charAt(i + 1) != '*') {
                // f(a, *rest): Jinja2 unpacks rest into positional arguments; JUEL has no such syntax, so the
                // argument becomes a marker call that lookup() and query() unpack (Lookups.Splat).
                int end = argumentEnd(text, i + 1, to);
                out.append(Lookups.SPLAT).append('(');
                copyCode(text, i + 1, end, out, unescape);
                out.append(')');
                i = end - 1;
                continue;
            }
            if (c == '.' && afterOperand(text, from, i)) {
                int end = wordEnd(text, i + 1, to);
                String word = text.substring(i + 1, end);
                if (!word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
                    out.append('[').append(word).append(']'); // Jinja2: r.results.0 is r.results[0]
                    i = end - 1;
                    continue;
                }
                if (EL_KEYWORDS.contains(word)) {
                    out.append("['").append(word).append("']"); // foo.null: a key JUEL reads as a keyword
                    i = end - 1;
                    continue;
                }
            }
            if (c == '+' && i > from && Character.isDigit(text.charAt(i - 1))) {
                out.append(" + "); // Jinjava's scanner refuses "5+1" (range(1, 5+1) in Ansible's user target)
                continue;
            }
            out.append(c);
            if (c == '}' && i + 1 < to && text.charAt(i + 1) == '}') {
                out.append(' ');
            }
        }
    }
}
