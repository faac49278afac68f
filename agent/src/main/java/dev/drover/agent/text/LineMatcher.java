package dev.drover.agent.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The shortest edit script between two sequences of line ids (Myers, "An O(ND) Difference
 * Algorithm", 1986), after trimming the common prefix and suffix. Memory grows with the square of
 * the number of differences, so past {@link #MAX_EDITS} the middle part is reported as a plain
 * delete-all/insert-all: still a correct diff, just not a minimal one.
 */
final class LineMatcher {
    static final byte EQUAL = 0;
    static final byte DELETE = 1;
    static final byte INSERT = 2;
    static final int MAX_EDITS = 2000;

    private LineMatcher() {
    }

    /** One op per step; DELETE consumes a line of {@code a}, INSERT one of {@code b}, EQUAL both. */
    static byte[] editScript(int[] a, int[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] == b[prefix]) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix] == b[b.length - 1 - suffix]) {
            suffix++;
        }
        int n = a.length - prefix - suffix;
        int m = b.length - prefix - suffix;
        byte[] middle = myers(a, prefix, n, b, prefix, m);
        byte[] out = new byte[prefix + middle.length + suffix];
        System.arraycopy(middle, 0, out, prefix, middle.length);
        // The prefix and suffix are EQUAL (0) already.
        return out;
    }

    private static byte[] myers(int[] a, int aOff, int n, int[] b, int bOff, int m) {
        int max = n + m;
        if (max == 0) {
            return new byte[0];
        }
        int limit = Math.min(max, MAX_EDITS);
        int off = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= limit; d++) {
            int[] snapshot = new int[2 * d + 1];
            for (int k = -d; k <= d; k++) {
                snapshot[k + d] = v[k + off];
            }
            trace.add(snapshot);
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[k - 1 + off] < v[k + 1 + off])) {
                    x = v[k + 1 + off];
                } else {
                    x = v[k - 1 + off] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a[aOff + x] == b[bOff + y]) {
                    x++;
                    y++;
                }
                v[k + off] = x;
                if (x >= n && y >= m) {
                    return backtrack(trace, d, n, m);
                }
            }
        }
        byte[] plain = new byte[n + m];
        for (int i = 0; i < n; i++) {
            plain[i] = DELETE;
        }
        for (int i = n; i < n + m; i++) {
            plain[i] = INSERT;
        }
        return plain;
    }

    private static byte[] backtrack(List<int[]> trace, int depth, int n, int m) {
        byte[] reversed = new byte[n + m];
        int len = 0;
        int x = n;
        int y = m;
        for (int d = depth; d > 0; d--) {
            int[] prev = trace.get(d);
            int k = x - y;
            int prevK;
            if (k == -d || (k != d && prev[k - 1 + d] < prev[k + 1 + d])) {
                prevK = k + 1;
            } else {
                prevK = k - 1;
            }
            int prevX = prev[prevK + d];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                reversed[len++] = EQUAL;
                x--;
                y--;
            }
            reversed[len++] = prevK == k + 1 ? INSERT : DELETE;
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            reversed[len++] = EQUAL;
            x--;
            y--;
        }
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = reversed[len - 1 - i];
        }
        return out;
    }
}
