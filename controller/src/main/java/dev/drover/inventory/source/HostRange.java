package dev.drover.inventory.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands Ansible host ranges: {@code node[1:3]}, {@code node[01:10]} (zero padding kept),
 * {@code [a:f]}, strides {@code [1:10:2]}, several ranges in one name ({@code r[1:2]-n[a:b]}).
 * Stricter than Ansible in one way: an empty range ({@code [5:1]}) is an error, not zero hosts.
 */
final class HostRange {
    /** Ansible's {@code string.ascii_letters}: a letter range may run from lower into upper case. */
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final int MAX_HOSTS = 100_000;

    /** Why a range could not be expanded; the caller adds the file position. */
    static final class RangeException extends Exception {
        private static final long serialVersionUID = 1L;

        RangeException(String message) {
            super(message);
        }
    }

    private HostRange() {
    }

    static boolean hasRange(String name) {
        return name.indexOf('[') >= 0;
    }

    static List<String> expand(String pattern) throws RangeException {
        List<String> out = new ArrayList<>();
        expandInto(pattern, pattern, out);
        return out;
    }

    private static void expandInto(String whole, String line, List<String> out) throws RangeException {
        int open = line.indexOf('[');
        if (open < 0) {
            out.add(line);
            return;
        }
        int close = line.indexOf(']', open);
        if (close < 0) {
            throw bad(whole, "'[' is not closed by ']'");
        }
        String head = line.substring(0, open);
        String range = line.substring(open + 1, close);
        String tail = line.substring(close + 1);
        String[] bounds = range.split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw bad(whole, "a range is [begin:end] or [begin:end:step]");
        }
        String beg = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw bad(whole, "the range has no end value");
        }
        int step = 1;
        if (bounds.length == 3) {
            step = number(whole, bounds[2], "step");
            if (step < 1) {
                throw bad(whole, "the step must be 1 or more");
            }
        }
        List<String> values = new ArrayList<>();
        int bi = LETTERS.indexOf(beg);
        int ei = LETTERS.indexOf(end);
        if (beg.length() == 1 && end.length() == 1 && bi >= 0 && ei >= 0) {
            if (bi > ei) {
                throw bad(whole, "begin '" + beg + "' comes after end '" + end + "'");
            }
            for (int i = bi; i <= ei; i += step) {
                values.add(String.valueOf(LETTERS.charAt(i)));
            }
        } else {
            int width = 0;
            if (beg.length() > 1 && beg.charAt(0) == '0') {
                width = beg.length();
                if (end.length() != width) {
                    throw bad(whole, "a zero-padded range needs begin and end of the same width, like [01:10]");
                }
            }
            long b = number(whole, beg, "begin");
            long e = number(whole, end, "end");
            if (b > e) {
                throw bad(whole, "begin " + b + " is greater than end " + e + ", so it names no host");
            }
            if ((e - b) / step + 1 + out.size() > MAX_HOSTS) {
                throw bad(whole, "it expands to more than " + MAX_HOSTS + " hosts");
            }
            for (long i = b; i <= e; i += step) {
                String digits = Long.toString(i);
                values.add(digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits);
            }
        }
        for (String v : values) {
            expandInto(whole, head + v + tail, out);
            if (out.size() > MAX_HOSTS) {
                throw bad(whole, "it expands to more than " + MAX_HOSTS + " hosts");
            }
        }
    }

    private static int number(String whole, String text, String what) throws RangeException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(whole, what + " '" + text + "' is not a number (ranges are numbers like [1:9] or single letters like [a:f])");
        }
    }

    private static RangeException bad(String whole, String why) {
        return new RangeException("malformed host range '" + whole + "': " + why);
    }
}
