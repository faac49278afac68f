package dev.drover.agent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("f", "a\nb\n", "a\nb\n"));
    }

    @Test
    void oneChangedLineWithContextLikeGnuDiff() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertEquals("--- before: f\n+++ after: f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
                UnifiedDiff.of("f", before, after));
    }

    @Test
    void distantChangesMakeTwoHunks() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append(i).append('\n');
        }
        String b = a.toString().replaceFirst("\n2\n", "\ntwo\n").replaceFirst("\n19\n", "\nnineteen\n");
        String diff = UnifiedDiff.of("f", a.toString(), b);
        assertEquals("--- before: f\n+++ after: f\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
                + "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n", diff);
    }

    @Test
    void missingFinalNewlineIsMarked() {
        assertEquals("--- before: f\n+++ after: f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n",
                UnifiedDiff.of("f", "a", "a\n"));
    }

    @Test
    void newFileIsAllInsertions() {
        assertEquals("--- before: f\n+++ after: f\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of("f", "", "a\nb\n"));
    }

    @Test
    void applyingTheDiffGivesTheNewTextForRandomEdits() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            String before = randomText(random);
            String after = mutate(before, random);
            String diff = UnifiedDiff.of("f", before, after);
            assertEquals(after, Patch.apply(before, diff), "round " + round + "\n" + diff);
        }
    }

    private static String randomText(Random r) {
        StringBuilder out = new StringBuilder();
        int lines = r.nextInt(30);
        for (int i = 0; i < lines; i++) {
            out.append((char) ('a' + r.nextInt(4))).append('\n');
        }
        return out.toString();
    }

    private static String mutate(String text, Random r) {
        List<String> lines = new ArrayList<>(Lines.split(text));
        int edits = r.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int at = lines.isEmpty() ? 0 : r.nextInt(lines.size());
            switch (r.nextInt(3)) {
                case 0: lines.add(at, "new" + r.nextInt(3) + "\n"); break;
                case 1: if (!lines.isEmpty()) { lines.remove(at); } break;
                default: if (!lines.isEmpty()) { lines.set(at, "changed\n"); }
            }
        }
        if (r.nextInt(5) == 0 && !lines.isEmpty()) {
            int last = lines.size() - 1;
            lines.set(last, Lines.stripEol(lines.get(last)));
        }
        return Lines.join(lines);
    }

    /** A strict unified-diff applier: context and removed lines must match exactly. */
    static final class Patch {
        static String apply(String before, String diff) {
            List<String> source = Lines.split(before);
            List<String> out = new ArrayList<>();
            List<String> patch = Lines.split(diff);
            int next = 0;
            int i = 2;
            while (i < patch.size()) {
                String header = patch.get(i++);
                int start = Integer.parseInt(header.substring(4, header.indexOf(' ', 4)).split(",")[0]);
                boolean emptyRange = header.substring(4, header.indexOf(' ', 4)).endsWith(",0");
                int from = emptyRange ? start : start - 1;
                while (next < from) {
                    out.add(source.get(next++));
                }
                while (i < patch.size() && !patch.get(i).startsWith("@@")) {
                    String line = patch.get(i++);
                    boolean noNewline = i < patch.size() && patch.get(i).startsWith("\\");
                    if (noNewline) {
                        i++;
                    }
                    String body = noNewline ? Lines.stripEol(line.substring(1)) : line.substring(1);
                    char kind = line.charAt(0);
                    if (kind == ' ' || kind == '-') {
                        if (!source.get(next).equals(body)) {
                            throw new AssertionError("patch does not apply at line " + (next + 1));
                        }
                        next++;
                    }
                    if (kind == ' ' || kind == '+') {
                        out.add(body);
                    }
                }
            }
            while (next < source.size()) {
                out.add(source.get(next++));
            }
            return Lines.join(out);
        }
    }
}
