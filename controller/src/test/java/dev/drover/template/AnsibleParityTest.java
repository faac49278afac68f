package dev.drover.template;

import static dev.drover.template.Fixtures.condition;
import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differences the Ansible comparison suite (playbooks/compat) found and drover now matches. Each case
 * quotes what ansible-core 2.14.18 printed for the same template.
 */
class AnsibleParityTest {

    static Stream<Arguments> equality() {
        return Stream.of(
                Arguments.of("{{ 84 == 'nope' }}", false), // ansible: False (Jinjava: "Cannot coerce")
                Arguments.of("{{ 'nope' == 84 }}", false),
                Arguments.of("{{ 84 != 'nope' }}", true),
                Arguments.of("{{ '1' == 1 }}", false), // ansible: False (Jinjava coerced: True)
                Arguments.of("{{ strnum == 7 }}", false),
                Arguments.of("{{ strnum | int == 7 }}", true),
                Arguments.of("{{ true == 1 }}", true), // ansible: True (Jinjava failed)
                Arguments.of("{{ 1 == 1.0 }}", true),
                Arguments.of("{{ l == [1, 2, 3] }}", true),
                Arguments.of("{{ r.rc == 0 and r.stdout != 'x' }}", true),
                Arguments.of("{{ n == none }}", true),
                Arguments.of("{{ 'a' == 'a' }}", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equality")
    void equalityFollowsPython(String template, boolean expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void equalityInConditions() {
        assertEquals(false, condition("strnum == 7"));
        assertEquals(true, condition("r.rc != 'x'"));
    }

    @Test
    void undefinedOperandsStillFail() {
        assertThrows(UndefinedVariableException.class, () -> render("{{ missing == 1 }}"));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                // ansible: true, FALSE, [1, 2] lowered as its text
                Arguments.of("{{ t | lower }}", "true"),
                Arguments.of("{{ (1 == 2) | upper }}", "FALSE"),
                Arguments.of("{{ s | upper }}", "A,B"),
                // ansible: ('/opt/a/b.tar', '.gz'), ('.bashrc', ''), ('/x.d/file', '')
                Arguments.of("{{ '/opt/a/b.tar.gz' | splitext | first }}", "/opt/a/b.tar"),
                Arguments.of("{{ '/opt/a/b.tar.gz' | splitext | last }}", ".gz"),
                Arguments.of("{{ '.bashrc' | splitext | last }}", ""),
                Arguments.of("{{ '/x.d/file' | splitext | first }}", "/x.d/file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filtersWorkOnTheTextOfAnyValue(String template, String expected) {
        assertEquals(expected, render(template));
    }

    static Stream<Arguments> trailingLineBreaks() {
        return Stream.of(
                // copy: content: "{{ x }}\n" — ansible wrote "a,b\n", "7\n" and "3\n"
                Arguments.of("{{ s }}\n", "a,b\n"),
                Arguments.of("{{ strnum }}\n", "7\n"),
                Arguments.of("{{ 1 + 2 }}\n", "3\n"),
                Arguments.of("{{ 5 / 2 }}\n\n", "2.5\n\n"),
                Arguments.of("{{ s -}}\n", "a,b\n"), // ansible re-adds the line breaks the template ended with
                Arguments.of("{{ n }}\n", "\n"),
                // ansible turns text that reads as a list, dict or boolean back into the value
                Arguments.of("{{ l }}\n", List.of(1, 2, 3)),
                Arguments.of("{{ t }}\n", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trailingLineBreaks")
    void loneExpressionKeepsTrailingLineBreaksOfText(String template, Object expected) {
        assertEquals(expected, render(template));
    }
}
