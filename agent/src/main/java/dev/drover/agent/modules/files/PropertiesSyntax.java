package dev.drover.agent.modules.files;

import dev.drover.agent.text.TextCodec;

/**
 * Escaping rules of {@link java.util.Properties#load(java.io.Reader)}, written minimally: only what
 * the reader needs to get the value back (backslash, leading blanks, line breaks and other control
 * characters, and in keys the separators), plus {@code \}{@code uXXXX} for everything outside
 * printable ASCII, so a value reads the same whether the file is loaded as ISO-8859-1 (the
 * specification) or as UTF-8 (what Alfresco does in practice).
 */
final class PropertiesSyntax {
    private PropertiesSyntax() {
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }

    static String escapeKey(String key) {
        StringBuilder out = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '=' || c == ':' || c == ' ' || ((c == '#' || c == '!') && i == 0)) {
                out.append('\\').append(c);
            } else {
                appendEscaped(out, c);
            }
        }
        return out.toString();
    }

    /**
     * @param afterBlankSeparator the line has no {@code =} or {@code :} before the value, so a
     *     leading {@code =} or {@code :} in the value would be read as the separator
     */
    static String escapeValue(String value, boolean afterBlankSeparator) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (i == 0 && (c == ' ' || (afterBlankSeparator && (c == '=' || c == ':')))) {
                out.append('\\').append(c);
            } else {
                appendEscaped(out, c);
            }
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\\': out.append("\\\\"); return;
            case '\t': out.append("\\t"); return;
            case '\n': out.append("\\n"); return;
            case '\r': out.append("\\r"); return;
            case '\f': out.append("\\f"); return;
            default:
                if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
        }
    }

    /**
     * {@code Properties.loadConvert}: resolves escapes in a logical line's key or value. A byte that
     * was not UTF-8 (see {@link TextCodec}) stands for its ISO-8859-1 character, which is what
     * {@code Properties.load(InputStream)} reads it as.
     *
     * @return null when a {@code \}{@code u} escape is malformed
     */
    static String unescape(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (TextCodec.isEscapedByte(s, i - 1)) {
                out.append((char) (c - 0xDC00));
                continue;
            }
            if (c != '\\' || i >= s.length()) {
                out.append(c);
                continue;
            }
            c = s.charAt(i++);
            if (c == 'u') {
                if (i + 4 > s.length()) {
                    return null;
                }
                try {
                    out.append((char) Integer.parseInt(s.subSequence(i, i + 4).toString(), 16));
                } catch (NumberFormatException e) {
                    return null;
                }
                i += 4;
            } else if (c == 't') {
                out.append('\t');
            } else if (c == 'r') {
                out.append('\r');
            } else if (c == 'n') {
                out.append('\n');
            } else if (c == 'f') {
                out.append('\f');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
