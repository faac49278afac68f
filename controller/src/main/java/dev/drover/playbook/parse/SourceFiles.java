package dev.drover.playbook.parse;

import dev.drover.input.TextInput;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files read during one parse, kept so that any error can quote its line. One instance per
 * {@code parse} call; not thread-safe.
 */
final class SourceFiles {
    private final Map<Path, List<String>> lines = new HashMap<>();

    /**
     * Reads a file as UTF-8 (a leading byte-order mark is dropped).
     *
     * @param requestedAt where the file was named (an import), for the error if it is missing;
     *                    null for the file the user gave on the command line
     */
    String read(Path file, SourcePos requestedAt) throws PlaybookException {
        String text;
        try {
            text = TextInput.read(file);
        } catch (NoSuchFileException e) {
            throw missing(file, requestedAt, "file not found: " + file, e);
        } catch (TextInput.Refused e) {
            throw new PlaybookException(new SourcePos(file, e.line(), e.column()), e.getMessage(), "", "", e);
        } catch (IOException e) {
            throw missing(file, requestedAt, "cannot read " + file + ": " + (java.nio.file.Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage())), e);
        }
        lines.put(file, SourceSnippet.splitLines(text));
        return text;
    }

    /** Keeps text that did not come from a file, so errors in it can quote its line. */
    void remember(Path origin, String text) {
        lines.put(origin, SourceSnippet.splitLines(text));
    }

    private PlaybookException missing(Path file, SourcePos requestedAt, String problem, Exception cause) {
        if (requestedAt == null) {
            return new PlaybookException(new SourcePos(file, 1, 1), problem, "", "check the path", cause);
        }
        return error(requestedAt, problem,
                "relative paths are resolved against the directory of the file that names them ("
                        + requestedAt.file().toAbsolutePath().getParent() + ")", cause);
    }

    PlaybookException error(SourcePos pos, String problem, String hint) {
        return error(pos, problem, hint, null);
    }

    PlaybookException error(SourcePos pos, String problem, String hint, Throwable cause) {
        List<String> text = lines.get(pos.file());
        String snippet = text == null ? SourceSnippet.of(pos) : SourceSnippet.render(text, pos.line(), pos.column());
        return new PlaybookException(pos, problem, snippet, hint == null ? "" : hint, cause);
    }

    /** The source line at a position, or "" if unknown; for hints that look at what was written. */
    String line(SourcePos pos) {
        List<String> text = lines.get(pos.file());
        return text != null && pos.line() <= text.size() ? text.get(pos.line() - 1) : "";
    }
}
