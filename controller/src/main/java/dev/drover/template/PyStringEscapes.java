package dev.drover.template;

/**
 * Python's escapes in a Jinja2 string literal, turned into what Jinjava's scanner reads as the same
 * characters: Jinjava knows only {@code \\}, {@code \'} and {@code \"}, so a decoded backslash is
 * written doubled and a decoded quote escaped. Unknown escapes keep their backslash, as in Python.
 */
final class PyStringEscapes {
    private PyStringEscapes() {
    }

    /**
     * Decodes the escape whose backslash is at {@code at} inside a literal quoted with {@code quote}.
     *
     * @return the index of the escape's last character
     */
    static int decode(String text, int at, char quote, StringBuilder out) {
        char e = text.charAt(at + 1);
        switch (e) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case '0' -> out.append('\0');
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append('\u000b');
            case '\\' -> out.append("\\\\");
            case '\'', '"' -> out.append(e == quote ? "\\" + e : String.valueOf(e));
            case '\n' -> { } // a line continuation
            case 'x', 'u' -> {
                int n = e == 'x' ? 2 : 4;
                if (at + 2 + n <= text.length() && text.substring(at + 2, at + 2 + n).matches("[0-9A-Fa-f]+")) {
                    char ch = (char) Integer.parseInt(text.substring(at + 2, at + 2 + n), 16);
                    out.append(ch == '\\' ? "\\\\" : ch == quote ? "\\" + ch : String.valueOf(ch));
                    return at + 1 + n;
                }
                out.append("\\\\").append(e);
            }
            default -> out.append("\\\\").append(e);
        }
        return at + 1;
    }
}
