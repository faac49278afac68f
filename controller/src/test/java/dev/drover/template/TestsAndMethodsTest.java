package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tests on registered results and values, operators, and Python's str and dict methods. */
class TestsAndMethodsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // ansible: True True False True False True False True True False
                Arguments.of("{{ r is success }} {{ r is succeeded }} {{ r is failed }} {{ r is changed }} {{ r is skipped }}"
                        + " {{ failed_r is failed }} {{ failed_r is success }} {{ skipped_r is skipped }} {{ loop_r is changed }}"
                        + " {{ failed_r is changed }}", "True True False True False True False True True False"),
                Arguments.of("{{ failed_r is failure }} {{ r is successful }} {{ r is change }} {{ skipped_r is skip }}"
                        + " {{ r is reachable }} {{ r is unreachable }}", "True True True True True False"),
                // ansible: True|True|True|False
                Arguments.of("{{ 2 in [1, 2] }}|{{ 'a' in 'abc' }}|{{ 'a' in {'a': 1} }}|{{ 'A' in ['a'] }}", "True|True|True|False"),
                // ansible: True|True|True|True|False|True|True|True
                Arguments.of("{{ [1, 2] is contains(2) }}|{{ [1] is subset([1, 2]) }}|{{ [1, 2] is superset([1]) }}|{{ [0, 1] is any }}"
                        + "|{{ [0, 1] is all }}|{{ 'yes' is truthy(convert_bool=true) }}|{{ 'no' is falsy(convert_bool=true) }}"
                        + "|{{ '' is falsy }}", "True|True|True|True|False|True|True|True"),
                // ansible: y|z||True|[1]
                Arguments.of("{{ '' or 'z' }}|{{ 0 or none }}|{{ not '' }}|{{ [] or [1] }}", "z||True|[1]"),
                // ansible: True|True|True|True
                Arguments.of("{{ 1 == 1.0 }}|{{ 'a' < 'b' }}|{{ [1, 2] == [1, 2] }}|{{ none == none }}", "True|True|True|True"),
                // ansible: 3|[2, 3]|b|bc|0
                Arguments.of("{{ l[-1] }}|{{ l[1:] }}|{{ 'abc'[1] }}|{{ 'abc'[1:] }}|{{ r['rc'] }}", "3|[2, 3]|b|bc|0"),
                // ansible: ['a', 'b', 'c']|x|True|A-B|['a', 'b', 'c']|['a', 'b,c']|axb|True|HeLlo|2|a-b|True
                Arguments.of("{{ 'a.b.c'.split('.') }}|{{ ' x '.strip() }}|{{ 'abc'.startswith('a') }}|{{ 'a-b'.upper() }}"
                        + "|{{ 'a b  c'.split() }}|{{ 'a,b,c'.split(',', 1) }}|{{ 'xaxbx'.strip('x') }}|{{ 'abc'.endswith(('c', 'd')) }}"
                        + "|{{ 'Hello'.replace('l', 'L', 1) }}|{{ 'abc'.find('c') }}|{{ '-'.join(['a', 'b']) }}|{{ '12'.isdigit() }}",
                        "['a', 'b', 'c']|x|True|A-B|['a', 'b', 'c']|['a', 'b,c']|axb|True|HeLlo|2|a-b|True"),
                // ansible: ['a', 'b', '']|['a', 'b']|['a b', 'c']|ABC|x|x|2|00042|a-1|zz
                Arguments.of("{{ 'aXbX'.split('X') }}|{{ ' a b '.split() }}|{{ 'a b c'.rsplit(' ', 1) }}|{{ 'abc'.upper() }}"
                        + "|{{ '  x'.lstrip() }}|{{ 'x  '.rstrip() }}|{{ 'hello'.count('l') }}|{{ '42'.zfill(5) }}"
                        + "|{{ '{}-{}'.format('a', 1) }}|{{ '{0}{0}'.format('z') }}", "['a', 'b', '']|['a', 'b']|['a b', 'c']|ABC|x|x|2|00042|a-1|zz"),
                Arguments.of("{{ 'a\nb\r\nc'.splitlines() }}", List.of("a", "b", "c")),
                Arguments.of("{{ 'hello world'.title() }}|{{ 'hELLO'.capitalize() }}|{{ 'Ab1'.isalnum() }}|{{ 'ab'.islower() }}",
                        "Hello World|Hello|True|True"),
                // ansible: ['rc', 'stdout', 'changed']|[0, ' hi ', True]|0|dflt|
                Arguments.of("{{ r.keys() | list }}|{{ r.values() | list }}|{{ r.get('rc') }}|{{ r.get('zz', 'dflt') }}|{{ r.get('zz') }}",
                        "['rc', 'stdout', 'changed']|[0, ' hi ', True]|0|dflt|"),
                Arguments.of("{{ r.keys() | list | sort }}", List.of("changed", "rc", "stdout")),
                Arguments.of("{{ (r.stdout | trim).split(' ') | first }}", "hi"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsAnsible(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void resultTestsNeedADictionary() {
        // ansible: The 'changed' test expects a dictionary
        assertEquals("The 'changed' test expects a dictionary",
                assertThrows(TemplateException.class, () -> render("{{ l is changed }}")).reason());
    }

    @Test
    void templatesCannotChangeVariables() {
        List<Object> users = new ArrayList<>(List.of("a"));
        Map<String, Object> settings = new HashMap<>(Map.of("k", 1));
        Map<String, Object> vars = Map.of("users", users, "settings", settings);
        TemplateException append = assertThrows(TemplateException.class,
                () -> TEMPLATER.render("{{ users.append('b') }}", vars));
        assertEquals("'list object' has no method 'append' that templates may call; variables cannot be changed"
                + " from a template (use set_fact)", append.reason());
        assertThrows(TemplateException.class, () -> TEMPLATER.render("{{ settings.update({'k': 2}) }}", vars));
        assertThrows(TemplateException.class, () -> TEMPLATER.render("{{ settings.put('k', 2) }}", vars));
        assertEquals(List.of("a"), users);
        assertEquals(Map.of("k", 1), settings);
        assertEquals(1, TEMPLATER.render("{{ ['x', 'y'].index('y') }}", vars));
        assertEquals(2, TEMPLATER.render("{{ [1, 2, 1].count(1) }}", vars));
    }

    @Test
    void unsupportedFormatFieldsAreExplained() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ '{:>5}'.format('a') }}"));
        assertEquals(true, e.reason().contains("format"), e.reason());
    }
}
