package dev.drover.acssim;

/** Just enough JSON writing for the simulator's fixed reply shapes (the endpoints and Solr's replies); in the root package so neither depends on the other. */
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
