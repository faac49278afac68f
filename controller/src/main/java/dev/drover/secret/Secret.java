package dev.drover.secret;

import java.util.Arrays;

/**
 * A password, passphrase or other secret. {@link #toString()} never reveals it; code that needs the
 * value asks for {@link #reveal()} explicitly, which is easy to audit.
 */
public final class Secret {
    private static final String MASK = "********";
    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        return new Secret(value);
    }

    public char[] reveal() {
        return value.clone();
    }

    public String revealString() {
        return new String(value);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
