package dev.drover.python;

import dev.drover.python.PythonLiteral.NotLiteral;

/**
 * Python string literals for {@link PythonLiteral}: single, double and triple quotes, the
 * {@code r}, {@code u} and {@code b} prefixes, and Python's escapes (newline, tab, hexadecimal,
 * Unicode, octal). Unknown escapes are kept as written, as Python does. A cursor over one literal.
 */
final class PythonStrings {
    private final String s;
    private int pos;

    private PythonStrings(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    /**
     * Reads the string literal (with optional r/u/b prefix) starting at {@code start} into
     * {@code out}.
     *
     * @return the index just after the closing quote
     */
    static int read(String s, int start, StringBuilder out) throws NotLiteral {
        PythonStrings r = new PythonStrings(s, start);
        out.append(r.string());
        return r.pos;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private String string() throws NotLiteral {
        boolean raw = false;
        while ("rRuUbB".indexOf(peek()) >= 0) {
            raw |= peek() == 'r' || peek() == 'R';
            pos++;
        }
        char q = peek();
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new NotLiteral();
            }
            char c = s.charAt(pos);
            if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return sb.toString();
            }
            if (c == '\\' && pos + 1 < s.length()) {
                if (raw) {
                    sb.append(c).append(s.charAt(pos + 1));
                    pos += 2;
                } else {
                    escape(sb);
                }
                continue;
            }
            if ((c == '\n' || c == '\r') && !triple) {
                throw new NotLiteral();
            }
            sb.append(c);
            pos++;
        }
    }

    private void escape(StringBuilder sb) throws NotLiteral {
        char e = s.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '\n' -> { }
            case '\\', '\'', '"' -> sb.append(e);
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'v' -> sb.append('\u000b');
            case 'x' -> sb.appendCodePoint(hex(2));
            case 'u' -> sb.appendCodePoint(hex(4));
            case 'U' -> sb.appendCodePoint(hex(8));
            case 'N' -> throw new NotLiteral();
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; k++) {
                        v = v * 8 + (s.charAt(pos++) - '0');
                    }
                    sb.append((char) v);
                } else {
                    sb.append('\\').append(e); // Python keeps unknown escapes as written
                }
            }
        }
    }

    private int hex(int digits) throws NotLiteral {
        if (pos + digits > s.length()) {
            throw new NotLiteral();
        }
        try {
            int cp = Integer.parseInt(s.substring(pos, pos + digits), 16);
            pos += digits;
            if (!Character.isValidCodePoint(cp)) {
                throw new NotLiteral();
            }
            return cp;
        } catch (NumberFormatException e) {
            throw new NotLiteral();
        }
    }
}
