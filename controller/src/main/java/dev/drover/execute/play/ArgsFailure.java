package dev.drover.execute.play;

import dev.drover.playbook.SourcePos;
import dev.drover.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a task whose arguments could not be rendered, as Ansible's TaskExecutor returns it
 * ({@code {failed: true, msg}}): playbooks register it and compare its {@code msg} with a filter's own
 * words ({@code combine_fail.msg == "'recursive' and 'list_merge' are the only valid keyword
 * arguments"}), so the message is Ansible's:
 * <ul>
 * <li>an undefined variable: {@code The task includes an option with an undefined variable. The error
 * was: ...}, then Ansible's "The error appears to be in '<file>': line N, column M" with the offending
 * lines (its AnsibleError with the task as {@code obj});</li>
 * <li>a filter, test or lookup that failed: its message alone (AnsibleFilterError carries no place);</li>
 * <li>a template that does not parse: {@code template error while templating string: ... String: ...}.</li>
 * </ul>
 * Where that message does not name the place, the result also carries {@link #WHERE} (hidden, as every
 * {@code _} key, from the result's JSON and not registered): drover's one-line account with task,
 * file:line:column and the template, which the console prints under the failure.
 */
final class ArgsFailure {
    /** The hidden key with drover's {@code task "name" (file:line:column): cause (in "template")}. */
    static final String WHERE = PlayListener.FAILURE_WHERE;

    private ArgsFailure() {
    }

    static Map<String, Object> result(TemplateException e, String taskName, SourcePos pos) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("failed", true);
        r.put("msg", message(e, pos));
        if (e.kind() != TemplateException.Kind.UNDEFINED) {
            r.put(WHERE, "task \"" + taskName + "\" (" + pos + "): " + e.getMessage());
        }
        return r;
    }

    /** Ansible's text for the failure (template/__init__.py, playbook/base.py post_validate). */
    static String message(TemplateException e, SourcePos pos) {
        return switch (e.kind()) {
            case UNDEFINED -> "The task includes an option with an undefined variable. The error was: "
                    + KeywordFailure.twice(e.reason())
                    + "\n\n" + appearsIn(pos);
            case FAILED -> e.reason();
            case SYNTAX, UNKNOWN_FILTER, UNKNOWN_TEST -> "template error while templating string: " + e.reason()
                    + ". String: " + e.template();
        };
    }

    /**
     * AnsibleError's extended error for a position: the file, line and column, then the line before
     * and the line itself with an arrow under the column (errors/__init__.py, _get_extended_error;
     * its hints about quoting are left out).
     */
    static String appearsIn(SourcePos pos) {
        String text = "The error appears to be in '" + pos.file().toAbsolutePath().normalize() + "': line " + pos.line()
                + ", column " + pos.column() + ", but may\nbe elsewhere in the file depending on the exact syntax problem.\n";
        List<String> lines;
        try {
            lines = Files.readAllLines(pos.file(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return text;
        }
        if (lines.isEmpty()) {
            return text;
        }
        int at = Math.min(pos.line() - 1, lines.size() - 1);
        while (at > 0 && lines.get(at).isBlank()) {
            at--;
        }
        String prev = at > 0 ? lines.get(at - 1).stripTrailing() : "";
        return text + "\nThe offending line appears to be:\n\n" + prev + "\n" + lines.get(at).stripTrailing() + "\n"
                + " ".repeat(pos.column() - 1) + "^ here\n";
    }
}
