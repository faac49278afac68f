package dev.drover.agent.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Line-based unified diff (the {@code diff} field modules report in diff mode), in the layout of
 * GNU {@code diff -u}: {@code --- before: path} / {@code +++ after: path} headers, hunks with three
 * lines of context, and {@code \ No newline at end of file} after a last line without one.
 *
 * <p>Lines are compared including their terminator, so a changed line ending shows up as a change.
 * The edit script comes from {@link LineMatcher} (Myers' algorithm after trimming the common
 * prefix and suffix).
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** The diff of two texts for {@code path}; an empty string when they are equal. */
    public static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = Lines.split(before);
        List<String> b = Lines.split(after);
        Map<String, Integer> ids = new HashMap<>();
        int[] ai = intern(a, ids);
        int[] bi = intern(b, ids);
        byte[] ops = LineMatcher.editScript(ai, bi);

        StringBuilder out = new StringBuilder();
        out.append("--- before: ").append(path).append('\n');
        out.append("+++ after: ").append(path).append('\n');
        int n = ops.length;
        int i = 0;
        // Positions in a and b reached before ops[i].
        int[] posA = new int[n + 1];
        int[] posB = new int[n + 1];
        for (int k = 0; k < n; k++) {
            posA[k + 1] = posA[k] + (ops[k] != LineMatcher.INSERT ? 1 : 0);
            posB[k + 1] = posB[k] + (ops[k] != LineMatcher.DELETE ? 1 : 0);
        }
        while (i < n) {
            if (ops[i] == LineMatcher.EQUAL) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is within 2*CONTEXT equal lines.
            while (end < n) {
                if (ops[end] != LineMatcher.EQUAL) {
                    end++;
                    continue;
                }
                int run = 0;
                while (end + run < n && ops[end + run] == LineMatcher.EQUAL) {
                    run++;
                }
                if (end + run >= n || run > 2 * CONTEXT) {
                    end = Math.min(n, end + Math.min(run, CONTEXT));
                    break;
                }
                end += run;
            }
            appendHunk(out, ops, start, end, posA, posB, a, b);
            i = end;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, byte[] ops, int start, int end, int[] posA, int[] posB,
                                   List<String> a, List<String> b) {
        int countA = posA[end] - posA[start];
        int countB = posB[end] - posB[start];
        out.append("@@ -").append(range(posA[start], countA))
                .append(" +").append(range(posB[start], countB)).append(" @@\n");
        for (int k = start; k < end; k++) {
            if (ops[k] == LineMatcher.EQUAL) {
                appendLine(out, ' ', a.get(posA[k]));
            } else if (ops[k] == LineMatcher.DELETE) {
                appendLine(out, '-', a.get(posA[k]));
            } else {
                appendLine(out, '+', b.get(posB[k]));
            }
        }
    }

    private static String range(int start, int count) {
        // GNU convention: an empty range names the line before it; a one-line range omits ",1".
        if (count == 0) {
            return start + ",0";
        }
        return count == 1 ? String.valueOf(start + 1) : (start + 1) + "," + count;
    }

    private static void appendLine(StringBuilder out, char prefix, String line) {
        out.append(prefix);
        if (line.endsWith("\n")) {
            out.append(line, 0, line.length() - (line.endsWith("\r\n") ? 2 : 1)).append('\n');
        } else {
            out.append(line).append("\n\\ No newline at end of file\n");
        }
    }

    private static int[] intern(List<String> lines, Map<String, Integer> ids) {
        int[] out = new int[lines.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = ids.get(lines.get(i));
            if (id == null) {
                id = ids.size();
                ids.put(lines.get(i), id);
            }
            out[i] = id;
        }
        return out;
    }
}
