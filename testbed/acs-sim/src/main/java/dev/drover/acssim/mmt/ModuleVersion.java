package dev.drover.acssim.mmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A module or repository version such as {@code 1.2.0}, {@code 5.2.7} or {@code 2.0-SNAPSHOT},
 * ordered like MMT orders them: numeric parts numerically ({@code 1.10 > 1.9}), missing parts are
 * zero ({@code 1.0 == 1.0.0}), and a qualifier sorts before the release it qualifies
 * ({@code 1.0-SNAPSHOT < 1.0}). Immutable.
 */
public final class ModuleVersion implements Comparable<ModuleVersion> {
    private final String text;
    private final List<Integer> numbers;
    private final String qualifier;

    private ModuleVersion(String text, List<Integer> numbers, String qualifier) {
        this.text = text;
        this.numbers = numbers;
        this.qualifier = qualifier;
    }

    /** Parses a version; throws {@link MmtException} naming the text when it does not start with a number. */
    public static ModuleVersion parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int end = 0;
        while (end < trimmed.length() && (Character.isDigit(trimmed.charAt(end)) || trimmed.charAt(end) == '.')) {
            end++;
        }
        String numeric = trimmed.substring(0, end);
        if (numeric.isEmpty() || numeric.startsWith(".") || numeric.contains("..")) {
            throw new MmtException("Invalid version number '" + text
                    + "': a version is numbers separated by dots, optionally followed by a qualifier (1.2.0, 2.0-SNAPSHOT)");
        }
        List<Integer> numbers = new ArrayList<Integer>();
        for (String part : numeric.split("\\.")) {
            numbers.add(Integer.valueOf(part));
        }
        while (numbers.size() > 1 && numbers.get(numbers.size() - 1) == 0) {
            numbers.remove(numbers.size() - 1);
        }
        String qualifier = trimmed.substring(end).replaceFirst("^[-_.]", "").toLowerCase(Locale.ROOT);
        return new ModuleVersion(trimmed, numbers, qualifier);
    }

    @Override
    public int compareTo(ModuleVersion other) {
        int length = Math.max(numbers.size(), other.numbers.size());
        for (int i = 0; i < length; i++) {
            int mine = i < numbers.size() ? numbers.get(i) : 0;
            int theirs = i < other.numbers.size() ? other.numbers.get(i) : 0;
            if (mine != theirs) {
                return mine < theirs ? -1 : 1;
            }
        }
        if (qualifier.equals(other.qualifier)) {
            return 0;
        }
        if (qualifier.isEmpty()) {
            return 1;
        }
        if (other.qualifier.isEmpty()) {
            return -1;
        }
        return Integer.signum(qualifier.compareTo(other.qualifier));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModuleVersion && compareTo((ModuleVersion) other) == 0;
    }

    @Override
    public int hashCode() {
        return numbers.hashCode() * 31 + qualifier.hashCode();
    }

    /** The version as written in module.properties. */
    @Override
    public String toString() {
        return text;
    }
}
