package dev.drover.playbook;

import java.util.Objects;

/**
 * A mistake in a playbook or task file that the user has to fix, reported like a compiler does:
 * <pre>
 * site.yml:12:7: couldn't resolve module/action 'copyy'. This often indicates a misspelling, ...
 *    12 |       copyy:
 *       |       ^
 * hint: a task names exactly one module; check the spelling
 * </pre>
 * {@link #getMessage()} is that whole text, ready to print; the parts are available separately.
 */
public class PlaybookException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient SourcePos pos;
    private final String problem;
    private final String snippet;
    private final String hint;

    /**
     * @param pos     where the user must look
     * @param problem what is wrong, one line
     * @param snippet the offending source line with a caret under the column; empty if unavailable
     * @param hint    what to do about it; empty if the problem says it all
     * @param cause   the underlying error (YAML parser, I/O), or null
     */
    public PlaybookException(SourcePos pos, String problem, String snippet, String hint, Throwable cause) {
        super(format(pos, problem, snippet, hint), cause);
        this.pos = Objects.requireNonNull(pos, "pos");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.snippet = Objects.requireNonNull(snippet, "snippet");
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    public SourcePos pos() {
        return pos;
    }

    public String problem() {
        return problem;
    }

    public String snippet() {
        return snippet;
    }

    public String hint() {
        return hint;
    }

    private static String format(SourcePos pos, String problem, String snippet, String hint) {
        StringBuilder sb = new StringBuilder().append(pos).append(": ").append(problem);
        if (!snippet.isEmpty()) {
            sb.append('\n').append(snippet);
        }
        if (!hint.isEmpty()) {
            sb.append('\n').append("hint: ").append(hint);
        }
        return sb.toString();
    }
}
