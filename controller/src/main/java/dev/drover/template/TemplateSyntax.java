package dev.drover.template;

import java.util.List;

/**
 * The Jinja2 environment options Ansible's {@code template} action takes per task:
 * {@code trim_blocks} (Ansible's default: true), {@code lstrip_blocks} (false) and the comment,
 * block and variable delimiters. Jinjava's scanner shares one opening character between its three
 * kinds of tags, so other delimiters are read by rewriting them to Jinja's own before rendering
 * ({@link #standardize}); a text that also holds Jinja's own delimiter of a rewritten kind is
 * refused, since the rewrite could not tell the two apart.
 *
 * @param delimiters start and end of comments, blocks and variables, in that order
 */
public record TemplateSyntax(boolean trimBlocks, boolean lstripBlocks, List<String> delimiters) {
    private static final List<String> STANDARD = List.of("{#", "#}", "{%", "%}", "{{", "}}");

    /** Ansible's defaults. */
    public static final TemplateSyntax ANSIBLE = new TemplateSyntax(true, false, STANDARD);

    /** Names of the delimiter options, in the order of {@link #delimiters()}. */
    public static final List<String> DELIMITER_OPTIONS = List.of("comment_start_string", "comment_end_string",
            "block_start_string", "block_end_string", "variable_start_string", "variable_end_string");

    public TemplateSyntax {
        delimiters = List.copyOf(delimiters);
        if (delimiters.size() != STANDARD.size() || delimiters.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("six non-empty delimiters expected: " + delimiters);
        }
    }

    /** The same options with Jinja's own delimiters (what the engine is configured with). */
    TemplateSyntax engineOptions() {
        return new TemplateSyntax(trimBlocks, lstripBlocks, STANDARD);
    }

    /**
     * The template text with this syntax's delimiters replaced by Jinja's own.
     *
     * @throws TemplateException when a kind with other delimiters also appears with Jinja's own
     */
    String standardize(String text) {
        String out = text;
        for (int kind = 0; kind < STANDARD.size(); kind += 2) {
            String start = delimiters.get(kind);
            String end = delimiters.get(kind + 1);
            if (start.equals(STANDARD.get(kind)) && end.equals(STANDARD.get(kind + 1))) {
                continue;
            }
            if (out.contains(STANDARD.get(kind))) {
                throw new TemplateException(TemplateException.Kind.SYNTAX, text, "the template sets "
                        + DELIMITER_OPTIONS.get(kind) + " to '" + start + "' but also holds '" + STANDARD.get(kind)
                        + "', which drover cannot keep as text; remove it or keep Jinja's delimiters");
            }
            out = swap(out, start, end, STANDARD.get(kind), STANDARD.get(kind + 1));
        }
        return out;
    }

    /** Replaces each {@code start ... end} pair, left to right; an unclosed start stays as it is. */
    private static String swap(String text, String start, String end, String newStart, String newEnd) {
        StringBuilder b = new StringBuilder(text.length());
        int at = 0;
        while (true) {
            int s = text.indexOf(start, at);
            int e = s < 0 ? -1 : text.indexOf(end, s + start.length());
            if (s < 0 || e < 0) {
                b.append(text, at, text.length());
                return b.toString();
            }
            b.append(text, at, s).append(newStart).append(text, s + start.length(), e).append(newEnd);
            at = e + end.length();
        }
    }
}
