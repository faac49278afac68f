package dev.drover.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A result's {@code diff} as Ansible's callbacks print it ({@code CallbackBase._get_diff}): a
 * mapping or a list of mappings, each with {@code before} and {@code after} (text, or a mapping
 * written as sorted JSON indented by 4), optional {@code before_header} / {@code after_header}, the
 * {@code *_binary} / {@code *_larger} notes and {@code prepared} text. The lines come from a port of
 * Python's {@code difflib.unified_diff} (its SequenceMatcher with autojunk, three lines of context),
 * so hunks are cut where Ansible cuts them. A plain string (an older agent's unified diff) is
 * printed as it is.
 */
final class AnsibleDiff {
    private static final int CONTEXT = 3;

    private AnsibleDiff() {
    }

    /** The text Ansible shows for {@code diff}; empty when there is nothing to show. */
    static String render(Object diff) {
        if (diff instanceof String s) {
            return s.isBlank() ? "" : s.endsWith("\n") ? s : s + "\n";
        }
        List<?> all = diff instanceof List<?> l ? l : Collections.singletonList(diff);
        StringBuilder out = new StringBuilder();
        for (Object o : all) {
            if (!(o instanceof Map<?, ?> d)) {
                continue;
            }
            if (d.containsKey("dst_binary")) {
                out.append("diff skipped: destination file appears to be binary\n");
            }
            if (d.containsKey("src_binary")) {
                out.append("diff skipped: source file appears to be binary\n");
            }
            if (d.containsKey("dst_larger")) {
                out.append("diff skipped: destination file size is greater than ").append(d.get("dst_larger")).append('\n');
            }
            if (d.containsKey("src_larger")) {
                out.append("diff skipped: source file size is greater than ").append(d.get("src_larger")).append('\n');
            }
            if (d.containsKey("before") && d.containsKey("after")) {
                String before = side(d.get("before"));
                String after = side(d.get("after"));
                String beforeHeader = d.containsKey("before_header") ? "before: " + d.get("before_header") : "before";
                String afterHeader = d.containsKey("after_header") ? "after: " + d.get("after_header") : "after";
                String lines = unified(lines(before), lines(after), beforeHeader, afterHeader);
                if (!lines.isEmpty()) {
                    out.append(lines).append('\n');
                }
            }
            if (d.get("prepared") != null) {
                out.append(d.get("prepared"));
            }
        }
        return out.toString();
    }

    private static String side(Object v) {
        if (v instanceof Map<?, ?>) {
            return AnsibleJson.pretty(v) + "\n";
        }
        return v == null ? "" : String.valueOf(v);
    }

    /** str.splitlines(True), with _get_diff's note after a last line without a newline. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            } else if ("\n\r\u000b\f\u001c\u001d\u001e\u0085\u2028\u2029".indexOf(c) < 0) {
                continue;
            }
            out.add(text.substring(start, i + 1));
            start = i + 1;
        }
        if (start < text.length()) {
            out.add(text.substring(start) + "\n\\ No newline at end of file\n");
        }
        return out;
    }

    /** difflib.unified_diff(a, b, fromfile, tofile, n=3) joined, for lines that keep their endings. */
    static String unified(List<String> a, List<String> b, String from, String to) {
        StringBuilder out = new StringBuilder();
        for (List<int[]> group : groupedOpcodes(a, b)) {
            if (out.length() == 0) {
                out.append("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
            }
            int[] first = group.get(0);
            int[] last = group.get(group.size() - 1);
            out.append("@@ -").append(range(first[1], last[2])).append(" +").append(range(first[3], last[4])).append(" @@\n");
            for (int[] op : group) {
                if (op[0] == EQUAL) {
                    a.subList(op[1], op[2]).forEach(l -> out.append(' ').append(l));
                    continue;
                }
                if (op[0] == REPLACE || op[0] == DELETE) {
                    a.subList(op[1], op[2]).forEach(l -> out.append('-').append(l));
                }
                if (op[0] == REPLACE || op[0] == INSERT) {
                    b.subList(op[3], op[4]).forEach(l -> out.append('+').append(l));
                }
            }
        }
        return out.toString();
    }

    private static String range(int start, int stop) {
        int beginning = start + 1;
        int length = stop - start;
        if (length == 1) {
            return String.valueOf(beginning);
        }
        if (length == 0) {
            beginning--;
        }
        return beginning + "," + length;
    }

    private static final int EQUAL = 0;
    private static final int REPLACE = 1;
    private static final int DELETE = 2;
    private static final int INSERT = 3;

    /** SequenceMatcher(None, a, b).get_grouped_opcodes(3): {tag, i1, i2, j1, j2} per opcode. */
    private static List<List<int[]>> groupedOpcodes(List<String> a, List<String> b) {
        List<int[]> codes = opcodes(a, b);
        if (codes.isEmpty()) {
            codes.add(new int[] {EQUAL, 0, 1, 0, 1});
        }
        int n = CONTEXT;
        int[] c = codes.get(0);
        if (c[0] == EQUAL) {
            codes.set(0, new int[] {EQUAL, Math.max(c[1], c[2] - n), c[2], Math.max(c[3], c[4] - n), c[4]});
        }
        c = codes.get(codes.size() - 1);
        if (c[0] == EQUAL) {
            codes.set(codes.size() - 1, new int[] {EQUAL, c[1], Math.min(c[2], c[1] + n), c[3], Math.min(c[4], c[3] + n)});
        }
        List<List<int[]>> groups = new ArrayList<>();
        List<int[]> group = new ArrayList<>();
        for (int[] op : codes) {
            int i1 = op[1];
            int j1 = op[3];
            if (op[0] == EQUAL && op[2] - op[1] > 2 * n) {
                group.add(new int[] {EQUAL, i1, Math.min(op[2], i1 + n), j1, Math.min(op[4], j1 + n)});
                groups.add(group);
                group = new ArrayList<>();
                i1 = Math.max(i1, op[2] - n);
                j1 = Math.max(j1, op[4] - n);
            }
            group.add(new int[] {op[0], i1, op[2], j1, op[4]});
        }
        if (!group.isEmpty() && !(group.size() == 1 && group.get(0)[0] == EQUAL)) {
            groups.add(group);
        }
        return groups;
    }

    private static List<int[]> opcodes(List<String> a, List<String> b) {
        List<int[]> answer = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (int[] m : matchingBlocks(a, b)) {
            int tag = i < m[0] && j < m[1] ? REPLACE : i < m[0] ? DELETE : j < m[1] ? INSERT : -1;
            if (tag >= 0) {
                answer.add(new int[] {tag, i, m[0], j, m[1]});
            }
            i = m[0] + m[2];
            j = m[1] + m[2];
            if (m[2] > 0) {
                answer.add(new int[] {EQUAL, m[0], i, m[1], j});
            }
        }
        return answer;
    }

    private static List<int[]> matchingBlocks(List<String> a, List<String> b) {
        // chain_b: positions of each line of b; with autojunk, lines in more than 1% of a long b are dropped.
        Map<String, List<Integer>> b2j = new HashMap<>();
        for (int j = 0; j < b.size(); j++) {
            b2j.computeIfAbsent(b.get(j), k -> new ArrayList<>()).add(j);
        }
        if (b.size() >= 200) {
            int ntest = b.size() / 100 + 1;
            Set<String> popular = new HashSet<>();
            b2j.forEach((k, v) -> {
                if (v.size() > ntest) {
                    popular.add(k);
                }
            });
            popular.forEach(b2j::remove);
        }
        List<int[]> blocks = new ArrayList<>();
        List<int[]> queue = new ArrayList<>();
        queue.add(new int[] {0, a.size(), 0, b.size()});
        while (!queue.isEmpty()) {
            int[] q = queue.remove(queue.size() - 1);
            int[] x = longestMatch(a, b, b2j, q[0], q[1], q[2], q[3]);
            if (x[2] > 0) {
                blocks.add(x);
                if (q[0] < x[0] && q[2] < x[1]) {
                    queue.add(new int[] {q[0], x[0], q[2], x[1]});
                }
                if (x[0] + x[2] < q[1] && x[1] + x[2] < q[3]) {
                    queue.add(new int[] {x[0] + x[2], q[1], x[1] + x[2], q[3]});
                }
            }
        }
        blocks.sort((p, r) -> p[0] != r[0] ? Integer.compare(p[0], r[0])
                : p[1] != r[1] ? Integer.compare(p[1], r[1]) : Integer.compare(p[2], r[2]));
        List<int[]> out = new ArrayList<>();
        int i1 = 0;
        int j1 = 0;
        int k1 = 0;
        for (int[] m : blocks) {
            if (i1 + k1 == m[0] && j1 + k1 == m[1]) {
                k1 += m[2];
            } else {
                if (k1 > 0) {
                    out.add(new int[] {i1, j1, k1});
                }
                i1 = m[0];
                j1 = m[1];
                k1 = m[2];
            }
        }
        if (k1 > 0) {
            out.add(new int[] {i1, j1, k1});
        }
        out.add(new int[] {a.size(), b.size(), 0});
        return out;
    }

    private static int[] longestMatch(List<String> a, List<String> b, Map<String, List<Integer>> b2j,
                                      int alo, int ahi, int blo, int bhi) {
        int besti = alo;
        int bestj = blo;
        int bestsize = 0;
        Map<Integer, Integer> j2len = new HashMap<>();
        for (int i = alo; i < ahi; i++) {
            Map<Integer, Integer> next = new HashMap<>();
            for (int j : b2j.getOrDefault(a.get(i), List.of())) {
                if (j < blo) {
                    continue;
                }
                if (j >= bhi) {
                    break;
                }
                int k = j2len.getOrDefault(j - 1, 0) + 1;
                next.put(j, k);
                if (k > bestsize) {
                    besti = i - k + 1;
                    bestj = j - k + 1;
                    bestsize = k;
                }
            }
            j2len = next;
        }
        // No line is junk (isjunk is None), so the match grows over equal popular lines on both sides.
        while (besti > alo && bestj > blo && a.get(besti - 1).equals(b.get(bestj - 1))) {
            besti--;
            bestj--;
            bestsize++;
        }
        while (besti + bestsize < ahi && bestj + bestsize < bhi && a.get(besti + bestsize).equals(b.get(bestj + bestsize))) {
            bestsize++;
        }
        return new int[] {besti, bestj, bestsize};
    }
}
