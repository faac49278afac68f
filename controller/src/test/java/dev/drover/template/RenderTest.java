package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static dev.drover.template.Fixtures.render;
import static dev.drover.template.Fixtures.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What rendering returns: native values for a lone expression, Python's text for everything else. */
class RenderTest {

    static Stream<Arguments> nativeValues() {
        return Stream.of(
                // A lone expression keeps its type, as in ansible-core 2.19 (2.14 turned numbers into text).
                Arguments.of("{{ 1 + 1 }}", 2),
                Arguments.of("{{ l }}", List.of(1, 2, 3)),
                Arguments.of("{{ r }}", Map.of("rc", 0, "stdout", " hi ", "changed", true)),
                Arguments.of("{{ t }}", true),
                Arguments.of("{{ 5 / 2 }}", 2.5),
                Arguments.of("{{ 10 / 5 }}", 2.0), // Python 3 division: 2.0
                Arguments.of("{{ 7 // 2 }}", 3),
                Arguments.of("{{ -7 // 2 }}", -4), // ansible: -4 (floor)
                Arguments.of("{{ 2 ** 10 }}", 1024),
                Arguments.of("{{ [] }}", List.of()),
                Arguments.of("{{ {'a': {'b': 1}} }}", Map.of("a", Map.of("b", 1))), // nested braces balance
                Arguments.of("{{ [1, 'a', true, none] | length }}", 4),
                Arguments.of("{{ l | sum }}", 6),
                Arguments.of("{{ 3000000000 }}", 3000000000L),
                Arguments.of("{{ '7' }}", "7"), // a string stays a string
                Arguments.of("{{ '[1, 2]' }}", List.of(1, 2)), // text that reads as a literal: 2.14's literal_eval
                Arguments.of("{{ l }}\n", List.of(1, 2, 3)), // YAML '|' leaves a newline; ansible: list
                Arguments.of("{{- l -}}", List.of(1, 2, 3)),
                Arguments.of("{{ r.items() }}", List.of(List.of("rc", 0), List.of("stdout", " hi "), List.of("changed", true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeValues")
    void loneExpressionYieldsNativeValue(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void noneIsNullOnlyForANullVariableAlone() {
        // ansible-playbook 2.14: "{{ n }}" of a null variable is None (Templar's SINGLE_VAR shortcut); any
        // other expression that is None renders as '' (the environment's finalize).
        assertNull(render("{{ n }}"));
        assertEquals("", render("{{ none }}"));
        assertEquals("", render("{{ None }}"));
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                // ansible: "v=True", "x=" (None prints as nothing), lists and dicts as Python literals
                Arguments.of("v={{ true }}", "v=True"),
                Arguments.of("x={{ none }}", "x="),
                Arguments.of("l={{ [1, 'a', true, none, 1.5] }}", "l=[1, 'a', True, None, 1.5]"),
                Arguments.of("d={{ {'a': 1, 'b': \"it's\"} }}", "d={'a': 1, 'b': \"it's\"}"),
                Arguments.of("{{ 5 / 2 }}|{{ 1.0 }}|{{ 1e20 }}|{{ 0.1 + 0.2 }}|{{ 10 / 5 }}|{{ 1e-5 }}|{{ 1e16 }}|{{ 1e15 }}",
                        "2.5|1.0|1e+20|0.30000000000000004|2.0|1e-05|1e+16|1000000000000000.0"),
                Arguments.of("{{ 'x' ~ 1 ~ 'y' ~ 2.5 }}", "x1y2.5"),
                Arguments.of("{{ {'a': none} }}|{{ [none] | join(',') }}|{{ none | string }}", "{'a': None}|None|None"),
                Arguments.of("{{ 'a' }}{{ 1 }}", "a1"),
                Arguments.of(" {{ l }}", " [1, 2, 3]"), // ansible: text, not a list
                Arguments.of("{{ r.stdout }}!", " hi !"),
                Arguments.of("{{ 'a' }}{# note #}b", "ab"),
                Arguments.of("{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}"),
                Arguments.of("{{ 1 }} and {{ 'x' if t else 'y' }}", "1 and x"),
                Arguments.of("{% set x = 3 %}{{ x * 2 }}", "6"),
                Arguments.of("{% for k, v in r.items() %}{{ k }}={{ v }};{% endfor %}", "rc=0;stdout= hi ;changed=True;"),
                Arguments.of("{% for k in r %}{{ k }},{% endfor %}", "rc,stdout,changed,"),
                // trim_blocks like Ansible: ansible printed "yes\ntail\n" and "1\n2\n"
                Arguments.of("{% if t %}\nyes\n{% endif %}\ntail\n", "yes\ntail\n"),
                Arguments.of("{% for i in [1,2] %}\n{{ i }}\n{% endfor %}\n", "1\n2\n"),
                Arguments.of("{{ '{{' }}", "{{"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void mixedTemplateYieldsPythonText(String template, String expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void backslashesInLiteralsReachFiltersAsTyped() {
        // The YAML value {{ 'ab12' | regex_replace('(\d)', '<\1>') }}; ansible: ab<1><2>
        assertEquals("ab<1><2>", render("{{ 'ab12' | regex_replace('(\\d)', '<\\1>') }}"));
        assertEquals("a\\b", render("{{ 'a\\b' }}"));
        // ansible: "expected token 'end of print statement', got 's'": a backslash cannot escape a quote
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ 'it\\'s' }}"));
        assertEquals(TemplateException.Kind.SYNTAX, e.kind());
        assertTrue(e.reason().contains("string literal"), e.reason());
        assertThrows(TemplateException.class, () -> render("x {{ 'it\\'s' }}"));
    }

    @Test
    void textWithoutMarkersIsReturnedAsIs() {
        String plain = "no templates here: {not one} % # }}";
        assertSame(plain, render(plain));
    }

    @Test
    void mapsAndListsAreRenderedRecursivelyIntoFreshContainers() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "{{ s }}");
        args.put("{{ key }}", "keys are not rendered");
        args.put("nested", new ArrayList<>(List.of("{{ l }}", Map.of("deep", "x{{ r.rc }}"), 5, true)));
        Map<String, Object> before = new LinkedHashMap<>(args);

        Object rendered = TEMPLATER.render(args, vars());

        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("name", "a,b");
        expected.put("{{ key }}", "keys are not rendered");
        expected.put("nested", List.of(List.of(1, 2, 3), Map.of("deep", "x0"), 5, true));
        assertEquals(expected, rendered);
        assertEquals(before, args, "the input is left alone");
    }

    @Test
    void nonStringScalarsPassThrough() {
        assertEquals(5, TEMPLATER.render(5, vars()));
        assertNull(TEMPLATER.render(null, vars()));
        assertEquals(false, TEMPLATER.render(false, vars()));
    }

    @Test
    void omitRendersToThePlaceholderAndIsDroppedFromArgs() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("path", "/opt/{{ s }}");
        args.put("mode", "{{ mode | default(omit) }}");
        args.put("owner", "{{ omit }}");
        args.put("nested", Map.of("group", "{{ group | default(omit) }}", "keep", 1));
        @SuppressWarnings("unchecked")
        Map<String, Object> rendered = (Map<String, Object>) TEMPLATER.render(args, vars());
        assertSame(Omit.VALUE, rendered.get("mode"));
        assertTrue(Omit.isOmit(rendered.get("owner")));

        assertEquals(Map.of("path", "/opt/a,b", "nested", Map.of("keep", 1)), Omit.dropFrom(rendered));
        assertEquals("x=__omit_place_holder__", render("x={{ omit }}"));
    }

    @Test
    void variablesNamedLikeLiteralsAreStillVariables() {
        Map<String, Object> vars = Map.of("omit", "mine");
        assertEquals("mine", TEMPLATER.render("{{ omit }}", vars));
    }

    @Test
    void isTemplatedSeesAllThreeMarkers() {
        assertTrue(TEMPLATER.isTemplated("{{ x }}"));
        assertTrue(TEMPLATER.isTemplated("{% if x %}{% endif %}"));
        assertTrue(TEMPLATER.isTemplated("a {# comment #}"));
        assertEquals(false, TEMPLATER.isTemplated("{ x } % #"));
    }
}
