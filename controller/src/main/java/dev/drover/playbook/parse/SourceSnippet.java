package dev.drover.playbook.parse;

import dev.drover.playbook.SourcePos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Renders the source line at a position with a caret under the column:
 * <pre>
 *    12 |       copyy:
 *       |       ^
 * </pre>
 * Tabs before the column are copied into the caret line so the caret lines up in any terminal.
 */
public final class SourceSnippet {
    private SourceSnippet() {
    }

    /**
     * The snippet for {@code pos}, reading its file; empty if the file cannot be read (it is an
     * aid, never a reason to fail). For {@code drover check} output and run-time errors.
     */
    public static String of(SourcePos pos) {
        try {
            return render(splitLines(Files.readString(pos.file(), StandardCharsets.UTF_8)), pos.line(), pos.column());
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static List<String> splitLines(String text) {
        return List.of(text.split("\r\n|\r|\n", -1));
    }

    /** Characters shown either side of the column on a long line: an error never echoes a megabyte line. */
    static final int WINDOW = 60;

    static String render(List<String> lines, int line, int column) {
        if (line < 1 || line > lines.size()) {
            return "";
        }
        String text = lines.get(line - 1);
        if (text.length() > 2 * WINDOW + 40) {
            // Cut to a window around the column, marked with "..." where the line goes on.
            int from = Math.max(0, Math.min(column - 1, text.length()) - WINDOW);
            int to = Math.min(text.length(), from + 2 * WINDOW);
            String head = from > 0 ? "..." : "";
            text = head + text.substring(from, to) + (to < text.length() ? "..." : "");
            column = column - from + head.length();
        }
        String number = Integer.toString(line);
        String gutter = " ".repeat(Math.max(0, 5 - number.length()));
        StringBuilder caret = new StringBuilder();
        int upTo = Math.min(column - 1, text.length());
        for (int i = 0; i < upTo; i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        caret.append(" ".repeat(Math.max(0, column - 1 - text.length())));
        return gutter + number + " | " + text + "\n"
                + " ".repeat(gutter.length() + number.length()) + " | " + caret + "^";
    }
}
