package dev.drover.remote;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises, byte by byte on the become method's stderr, its password prompt and its word for a
 * rejected password. One instance per start; used by {@link PasswordFeeder} on the stderr drain
 * thread only.
 */
interface PasswordPrompt {
    enum Seen { NOTHING, PROMPT, REJECTED }

    Seen see(byte b);

    /**
     * sudo's: {@code -p MARKER} makes sudo print a random marker of ours, found wherever reads split
     * it. sudo says a password was wrong by prompting again, so nothing is {@code REJECTED} here.
     */
    static PasswordPrompt marker(String marker) {
        byte[] bytes = marker.getBytes(StandardCharsets.US_ASCII);
        byte[] window = new byte[bytes.length];
        int[] filled = {0};
        return b -> {
            if (filled[0] < window.length) {
                window[filled[0]++] = b;
            } else {
                System.arraycopy(window, 1, window, 0, window.length - 1);
                window[window.length - 1] = b;
            }
            if (filled[0] == window.length && Arrays.equals(window, bytes)) {
                filled[0] = 0;
                return Seen.PROMPT;
            }
            return Seen.NOTHING;
        };
    }

    /**
     * su's prompt cannot be chosen: it is PAM's "Password: ", translated. As Ansible's su plugin
     * ({@code check_password_prompt}), a line that starts with one of {@code words} (optionally
     * after "NAME's "), then a colon or a fullwidth colon, is the prompt; a line holding any of
     * {@code failures} (Ansible's {@code fail}: "Authentication failure") says the password was
     * rejected. Each line counts once; lines longer than 256 bytes are no prompt.
     */
    static PasswordPrompt localized(List<String> words, List<String> failures) {
        Pattern prompt = Pattern.compile("(?:\\w+'s )?(?:" + String.join("|", words.stream().map(Pattern::quote).toList())
                + ") ?(?::|\uFF1A)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
        return new PasswordPrompt() {
            private final byte[] line = new byte[256];
            private int length;
            private boolean counted;

            @Override
            public Seen see(byte b) {
                if (b == '\n' || b == '\r') {
                    length = 0;
                    counted = false;
                    return Seen.NOTHING;
                }
                if (counted || length == line.length) {
                    return Seen.NOTHING;
                }
                line[length++] = b;
                String text = new String(line, 0, length, StandardCharsets.UTF_8);
                if (prompt.matcher(text).lookingAt()) {
                    counted = true;
                    return Seen.PROMPT;
                }
                for (String failure : failures) {
                    if (text.contains(failure)) {
                        counted = true;
                        return Seen.REJECTED;
                    }
                }
                return Seen.NOTHING;
            }
        };
    }
}
