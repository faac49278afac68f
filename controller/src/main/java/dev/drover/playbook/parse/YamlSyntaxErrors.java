package dev.drover.playbook.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns the YAML library's syntax errors into positioned, hinted {@link PlaybookException}s. The
 * library's wording ("expected &lt;block end&gt;") is kept in parentheses for searching, behind a
 * plain explanation of the usual cause.
 */
record YamlSyntaxErrors(SourceFiles sources) {

    PlaybookException translate(Path file, JsonProcessingException e) {
        MarkedYAMLException marked = findMarked(e);
        SourcePos pos;
        String original;
        if (marked == null) {
            // jackson's own complaint, e.g. a mapping used as a key: only its location is known
            JsonLocation loc = e.getLocation();
            pos = loc == null || loc.getLineNr() < 1 ? new SourcePos(file, 1, 1)
                    : new SourcePos(file, loc.getLineNr(), Math.max(1, loc.getColumnNr()));
            original = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
        } else {
            original = marked.getProblem() == null ? "invalid YAML" : marked.getProblem().replace('\n', ' ');
            Mark at = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            if (original.contains("end of stream") && marked.getContextMark() != null) {
                at = marked.getContextMark();  // an unclosed quote or bracket: the opening one is what to fix
            }
            pos = at == null ? new SourcePos(file, 1, 1) : new SourcePos(file, at.getLine() + 1, at.getColumn() + 1);
        }
        String line = sources.line(pos);
        int template = unquotedTemplateColumn(line);
        if (template > 0) {
            String value = line.substring(template - 1).strip();
            return sources.error(new SourcePos(file, pos.line(), template),
                    "a value that starts with '{{' must be quoted",
                    "write \"" + value.replace("\"", "\\\"") + "\"; unquoted, YAML reads '{' as the start of a mapping", e);
        }
        return sources.error(pos, "YAML syntax error: " + explain(original) + " (" + original + ")", hint(original), e);
    }

    private static String explain(String problem) {
        if (problem.contains("TAB")) {
            return "a tab is used for indentation";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "a ': ' where no new key can start";
        }
        if (problem.contains("end of stream")) {
            return "the file ends inside a quoted string or bracket";
        }
        if (problem.contains("expected <block end>") || problem.contains("did not find expected")) {
            return "this line does not line up with the lines above";
        }
        if (problem.contains("could not find expected ':'")) {
            return "a key without ':' (or an unclosed quote above)";
        }
        if (problem.startsWith("Expected a field name")) {
            return "a mapping or list is used as a key";
        }
        return "invalid YAML";
    }

    private static String hint(String problem) {
        if (problem.contains("TAB")) {
            return "indent with spaces; YAML does not allow tabs for indentation";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', e.g. msg: \"a: b\"; or check this line's indentation";
        }
        if (problem.contains("end of stream")) {
            return "close the quote or bracket that starts here";
        }
        if (problem.contains("expected <block end>") || problem.contains("expected ':'")
                || problem.contains("did not find expected")) {
            return "check the indentation: keys of one mapping start in the same column, list items with '- '";
        }
        return "fix the YAML at this position";
    }

    /**
     * The 1-based column of an unquoted '{{' that starts a value on this line (Ansible's best-known
     * YAML trap: {@code msg: {{ x }}} is read as a mapping), or 0.
     */
    private static int unquotedTemplateColumn(String line) {
        int afterKey = line.indexOf(": {{");
        if (afterKey >= 0) {
            String before = line.substring(0, afterKey);
            boolean quoted = before.chars().filter(c -> c == '"').count() % 2 == 1
                    || before.chars().filter(c -> c == '\'').count() % 2 == 1;
            return quoted ? 0 : afterKey + 3;
        }
        String t = line.stripLeading();
        int indent = line.length() - t.length();
        if (t.startsWith("- {{")) {
            return indent + 3;
        }
        return t.startsWith("{{") ? indent + 1 : 0;
    }

    private static MarkedYAMLException findMarked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
        }
        return null;
    }
}
