package dev.drover.template;

import static dev.drover.template.Fixtures.condition;
import static dev.drover.template.Fixtures.evaluate;
import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Undefined variables fail naming the variable, unless a guard that may see them handles them. */
class UndefinedTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                // template, variable(), reason(); ansible's reasons quoted where ours differ
                Arguments.of("{{ new_version }}", "new_version", "'new_version' is undefined"),
                Arguments.of("pre {{ new_version }} post", "new_version", "'new_version' is undefined"),
                // ansible: 'dict object' has no attribute 'stdout_lines'
                Arguments.of("{{ r.stdout_lines }}", "r.stdout_lines", "'r' has no attribute 'stdout_lines'"),
                Arguments.of("{{ r['no such'] }}", "r['no such']", "'r' has no attribute 'no such'"),
                Arguments.of("{{ x.y }}", "x", "'x' is undefined"), // ansible: 'x' is undefined
                Arguments.of("{{ x.y.z | upper }}", "x", "'x' is undefined"),
                // ansible: list object has no element 10
                Arguments.of("{{ l[10] }}", "l[10]", "'l' has no element 10"),
                Arguments.of("{{ 'abc'.nope }}", "nope", "'str object' has no attribute 'nope'"),
                Arguments.of("{{ users | map(attribute='nope') | list }}", "nope", "'dict object' has no attribute 'nope'"),
                Arguments.of("{{ x + 1 }}", "x", "'x' is undefined"),
                Arguments.of("{{ x == 1 }}", "x", "'x' is undefined"),
                Arguments.of("{{ [x] | default([]) }}", "x", "'x' is undefined"),
                Arguments.of("{{ x | upper }}", "x", "'x' is undefined"),
                Arguments.of("{{ x or 'fallback' }}", "x", "'x' is undefined"),
                // ansible: 'ansible_x' is undefined (calling a method of an undefined value fails even under default)
                Arguments.of("{{ ansible_x.split('.')[0] | default('d') }}", "ansible_x", "'ansible_x' is undefined"),
                Arguments.of("{% if x %}yes{% endif %}", "x", "'x' is undefined"),
                Arguments.of("{% for i in missing %}{{ i }}{% endfor %}", "missing", "'missing' is undefined"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void usingAnUndefinedValueFailsNamingIt(String template, String variable, String reason) {
        UndefinedVariableException e = assertThrows(UndefinedVariableException.class, () -> render(template));
        assertEquals(variable, e.variable());
        assertEquals(reason, e.reason());
        assertEquals(TemplateException.Kind.UNDEFINED, e.kind());
        assertEquals(template, e.template());
        assertEquals(reason + " (in \"" + template + "\")", e.getMessage());
    }

    static Stream<Arguments> guarded() {
        return Stream.of(
                // ansible: ||d|x|u||dd|yy for the first eight
                // Ansible 2.14's finalize renders a lone None as '' (only "{{ name }}" of a null variable is None).
                Arguments.of("{{ none | default('d') }}", ""),
                Arguments.of("{{ '' | default('d') }}", ""),
                Arguments.of("{{ '' | default('d', true) }}", "d"),
                Arguments.of("{{ false | d('x', true) }}", "x"),
                Arguments.of("{{ undefined_x | default('u') }}", "u"),
                Arguments.of("{{ undefined_x | d }}", ""),
                Arguments.of("{{ r.nope | default('dd') }}", "dd"),
                Arguments.of("{{ undefined_x.y | default('yy') }}", "yy"),
                Arguments.of("{{ l[10] | default('none') }}", "none"),
                Arguments.of("{{ x is defined }}", false),
                Arguments.of("{{ x is undefined }}", true),
                Arguments.of("{{ x is not defined }}", true),
                Arguments.of("{{ r.rc is defined }}", true),
                Arguments.of("{{ r.nope is defined }}", false),
                Arguments.of("{{ n is defined }}", true), // None is defined; ansible: True
                Arguments.of("{{ n is none }}", true),
                Arguments.of("{{ x is none }}", false),
                Arguments.of("{{ x.y is defined }}", false),
                Arguments.of("{{ x if x is defined else 'other' }}", "other"),
                Arguments.of("{{ x is defined and x > 1 }}", false),
                Arguments.of("{{ 'a' | default(x) }}", "a"), // an unused undefined default is fine, as in Jinja2
                Arguments.of("{{ t | ternary('yes', x) }}", "yes"),
                Arguments.of("{{ users | selectattr('nope', 'defined') | list }}", List.of()),
                Arguments.of("{% if x is defined %}{{ x }}{% else %}none{% endif %}", "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guarded")
    void guardsMaySeeUndefinedValues(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void undefinedDefaultThatIsUsedFails() {
        UndefinedVariableException e = assertThrows(UndefinedVariableException.class, () -> render("{{ x | default(y) }}"));
        assertEquals("y", e.variable());
    }

    @Test
    void mandatoryNamesTheVariableOrUsesTheMessage() {
        // ansible: Mandatory variable 'undefined_x'  not defined.
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ undefined_x | mandatory }}"));
        assertEquals(TemplateException.Kind.FAILED, e.kind());
        assertEquals("Mandatory variable 'undefined_x'  not defined.", e.reason());
        TemplateException custom = assertThrows(TemplateException.class, () -> render("{{ undefined_x | mandatory('give x') }}"));
        assertEquals("give x", custom.reason());
        assertEquals(1, render("{{ 1 | mandatory }}"));
    }

    @Test
    void emptySequencesHaveNoFirstItem() {
        // ansible: No first item, sequence was empty.
        TemplateException e = assertThrows(UndefinedVariableException.class, () -> render("{{ [] | first }}"));
        assertEquals("No first item, sequence was empty.", e.reason());
    }

    @Test
    void conditionsAndEvaluateFailTheSameWay() {
        UndefinedVariableException c = assertThrows(UndefinedVariableException.class, () -> condition("new_version == '7.4'"));
        assertEquals("new_version", c.variable());
        assertEquals("new_version == '7.4'", c.template());
        assertThrows(UndefinedVariableException.class, () -> evaluate("result.rc"));
        assertTrue(condition("new_version is undefined"));
        assertFalse(condition("new_version is defined and new_version == '7.4'"));
        assertNull(evaluate("n"));
    }
}
