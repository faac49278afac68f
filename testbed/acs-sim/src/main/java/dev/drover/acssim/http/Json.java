package dev.drover.acssim.http;

/** Just enough JSON writing for the endpoints' fixed shapes. */
public final class Json {
    private Json() {
    }

    /** {@code s} as a JSON string literal. */
    public static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
