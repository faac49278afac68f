package dev.drover.acssim.dbtool;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements: a statement ends at a ';' outside a single-quoted string
 * (where '' is a quote); {@code --} starts a comment to the end of the line outside strings. Enough
 * for what {@link SqlDump} writes (and for hand-edited dumps), not a general SQL parser.
 */
final class SqlScript {
    /** One statement and the line it starts on, for error messages. */
    static final class Statement {
        final String sql;
        final int line;

        Statement(String sql, int line) {
            this.sql = sql;
            this.line = line;
        }
    }

    private SqlScript() {
    }

    static List<Statement> split(String text) {
        List<Statement> statements = new ArrayList<Statement>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int startLine = -1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!quoted && ch == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                line++;
                continue;
            }
            if (ch == '\n') {
                line++;
            }
            if (ch == '\'') {
                quoted = !quoted; // '' inside a string toggles twice: stays quoted
            }
            if (!quoted && ch == ';') {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(ch)) {
                startLine = line;
            }
            current.append(ch);
        }
        if (quoted) {
            throw new IllegalArgumentException("a string starting on line " + startLine + " is never closed");
        }
        add(statements, current, startLine);
        return statements;
    }

    private static void add(List<Statement> statements, StringBuilder sql, int line) {
        String trimmed = sql.toString().trim();
        if (!trimmed.isEmpty()) {
            statements.add(new Statement(trimmed, line));
        }
    }
}
