package dev.drover.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --diff} output as ansible-playbook 2.14 prints it for the same results (each expected text
 * was copied from its output for the same tasks: lineinfile, replace, blockinfile, file).
 */
class AnsibleDiffTest {
    private static final String TWELVE = "l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\nl12\n";

    @Test
    void lineinfileListWithContentAndAttributes() {
        Object diff = List.of(
                Map.of("before", TWELVE, "after", TWELVE.replace("l2\n", "two\n"),
                        "before_header", "/t/a.conf (content)", "after_header", "/t/a.conf (content)"),
                Map.of("before_header", "/t/a.conf (file attributes)", "after_header", "/t/a.conf (file attributes)"));
        assertEquals("""
                --- before: /t/a.conf (content)
                +++ after: /t/a.conf (content)
                @@ -1,5 +1,5 @@
                 l1
                -l2
                +two
                 l3
                 l4
                 l5

                """, AnsibleDiff.render(diff));
    }

    @Test
    void replaceMappingCutsTheHunkAsDifflib() {
        String after = TWELVE.replace("l10", "L10").replace("l11", "L11").replace("l12", "L12");
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("before_header", "/t/a.conf");
        diff.put("before", TWELVE);
        diff.put("after_header", "/t/a.conf");
        diff.put("after", after);
        assertEquals("""
                --- before: /t/a.conf
                +++ after: /t/a.conf
                @@ -7,6 +7,6 @@
                 l7
                 l8
                 l9
                -l10
                -l11
                -l12
                +L10
                +L11
                +L12

                """, AnsibleDiff.render(diff));
    }

    @Test
    void attributeMappingsAreSortedJsonWithoutHeaders() {
        Object diff = Map.of("before", Map.of("path", "/t/a.conf", "mode", "0600"),
                "after", Map.of("path", "/t/a.conf", "mode", "0644"));
        assertEquals("""
                --- before
                +++ after
                @@ -1,4 +1,4 @@
                 {
                -    "mode": "0600",
                +    "mode": "0644",
                     "path": "/t/a.conf"
                 }

                """, AnsibleDiff.render(diff));
    }

    @Test
    void blockinfileAttributeEntryAfterTheContent() {
        String after = TWELVE + "# BEGIN ANSIBLE MANAGED BLOCK\nb1\nb2\n# END ANSIBLE MANAGED BLOCK\n";
        Object diff = List.of(
                Map.of("before", TWELVE, "after", after,
                        "before_header", "/t/a.conf (content)", "after_header", "/t/a.conf (content)"),
                Map.of("before", Map.of("mode", "0644"), "after", Map.of("mode", "0600"),
                        "before_header", "/t/a.conf (file attributes)", "after_header", "/t/a.conf (file attributes)"));
        assertEquals("""
                --- before: /t/a.conf (content)
                +++ after: /t/a.conf (content)
                @@ -10,3 +10,7 @@
                 l10
                 l11
                 l12
                +# BEGIN ANSIBLE MANAGED BLOCK
                +b1
                +b2
                +# END ANSIBLE MANAGED BLOCK

                --- before: /t/a.conf (file attributes)
                +++ after: /t/a.conf (file attributes)
                @@ -1,3 +1,3 @@
                 {
                -    "mode": "0644"
                +    "mode": "0600"
                 }

                """, AnsibleDiff.render(diff));
    }

    @Test
    void noChangeNoTextAndMissingNewlineNoted() {
        assertEquals("", AnsibleDiff.render(Map.of("before", "a\n", "after", "a\n")));
        assertEquals("""
                --- before
                +++ after
                @@ -1 +1 @@
                -a
                +b
                \\ No newline at end of file

                """, AnsibleDiff.render(Map.of("before", "a\n", "after", "b")));
    }
}
