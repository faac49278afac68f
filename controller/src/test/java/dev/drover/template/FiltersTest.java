package dev.drover.template;

import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filters against what ansible-core 2.14.18 printed for the same template and variables (quoted after
 * "ansible:" where the expected value is written differently, for example a list Ansible printed as text).
 */
class FiltersTest {

    static Stream<Arguments> core() {
        return Stream.of(
                // ansible: True True True True False False True  False False False False False True
                Arguments.of("{{ 'yes' | bool }} {{ 'on' | bool }} {{ '1' | bool }} {{ 'True' | bool }} {{ 'no' | bool }}"
                        + " {{ 'foo' | bool }} {{ 1 | bool }} {{ none | bool }} {{ 'Y' | bool }} {{ 'y' | bool }}"
                        + " {{ 2 | bool }} {{ '0' | bool }} {{ 1.0 | bool }}",
                        "True True True True False False True  False False False False True"),
                Arguments.of("{{ 'yes' | bool }}", true),
                // ansible: 3 0 13 3 31 42 1
                Arguments.of("{{ '3.7' | int }} {{ 'abc' | int }} {{ '12' | int + 1 }} {{ 3.9 | int }}"
                        + " {{ '0x1F' | int(base=16) }} {{ ' 42 ' | int }} {{ true | int }}", "3 0 13 3 31 42 1"),
                // ansible: 2|3|-3|-3|1000|0|7
                Arguments.of("{{ 42 | string | length }}|{{ 3.0 | int }}|{{ -3.7 | int }}|{{ '-3.7' | int }}|{{ '1e3' | int }}"
                        + "|{{ '12abc' | int }}|{{ '12abc' | int(7) }}", "2|3|-3|-3|1000|0|7"),
                Arguments.of("{{ '42' | int }}", 42),
                // ansible: 3.0 3 True 0.0 and 2.5|0.0|1.0|0.0
                Arguments.of("{{ '3' | float }} {{ 3 | string }} {{ true | string }} {{ 'x' | float }}", "3.0 3 True 0.0"),
                Arguments.of("{{ '1.5' | float + 1 }}|{{ 'abc' | float }}|{{ true | float }}|{{ none | float }}", "2.5|0.0|1.0|0.0"),
                Arguments.of("{{ 3 | string }}", "3"),
                // ansible: 1,2|True,None|123 and 1-2-3|1, 2
                Arguments.of("{{ [1, 2] | join(',') }}|{{ [true, none] | join(',') }}|{{ l | join }}", "1,2|True,None|123"),
                Arguments.of("{{ [1,2,3] | map('string') | join('-') }}|{{ [1,2] | join(', ') }}", "1-2-3|1, 2"),
                Arguments.of("{{ users | join(',', attribute='name') }}", "a,b"),
                Arguments.of("{{ 'abc' | join('-') }}", "a-b-c"),
                // ansible: a b n b b
                Arguments.of("{{ true | ternary('a', 'b') }} {{ 0 | ternary('a', 'b') }} {{ none | ternary('a', 'b', 'n') }}"
                        + " {{ none | ternary('a', 'b') }} {{ '' | ternary('a', 'b') }}", "a b n b b"),
                Arguments.of("{{ [] | ternary('y', 'n') }}|{{ 'false' | ternary('y', 'n') }}", "n|y"),
                // ansible: 3 3 3 and a c 3
                Arguments.of("{{ r | length }} {{ 'abc' | length }} {{ l | count }}", "3 3 3"),
                Arguments.of("{{ 'abc' | first }} {{ 'abc' | last }} {{ [3, 1] | first }}", "a c 3"),
                Arguments.of("{{ [3, 1, 3, 2] | unique }}", List.of(3, 1, 2)),
                Arguments.of("{{ ['a', 'A', 'b'] | unique }}", List.of("a", "b")), // ansible: ["a", "b"]
                Arguments.of("{{ ['a', 'A'] | unique(case_sensitive=true) }}", List.of("a", "A")),
                // ansible: A|c|1|b
                Arguments.of("{{ ['b', 'A', 'c'] | min }}|{{ ['b', 'A', 'c'] | max }}|{{ [3, 1, 2] | min }}"
                        + "|{{ ['b', 'A'] | max(case_sensitive=true) }}", "A|c|1|b"),
                Arguments.of("{{ users | max(attribute='name') }}", Map.of("name", "b", "on", false)),
                // ansible: [1, 2, 3, [4]]|[1, 2] and ['a', 'b', 'c']|['a', 'b', '', 'c']
                Arguments.of("{{ [1, [2, [3, [4]]]] | flatten(levels=2) }}|{{ [1, none, 'None', 2] | flatten }}", "[1, 2, 3, [4]]|[1, 2]"),
                Arguments.of("{{ [1, [2, [3]]] | flatten }}", List.of(1, 2, 3)),
                // Jinja2's sort: strings without case by default, stable, by attribute, reversed
                Arguments.of("{{ ['b', 'A', 'c'] | sort }}", List.of("A", "b", "c")),
                Arguments.of("{{ ['b', 'a', 'B'] | sort(case_sensitive=true) }}", List.of("B", "a", "b")),
                Arguments.of("{{ [3, 1, 2] | sort(reverse=true) }}", List.of(3, 2, 1)),
                Arguments.of("{{ users | sort(attribute='name', reverse=true) | map(attribute='name') | list }}", List.of("b", "a")),
                Arguments.of("{{ [{'v': 2, 'n': 'x'}, {'v': 1, 'n': 'y'}, {'v': 2, 'n': 'a'}] | sort(attribute='v,n')"
                        + " | map(attribute='n') | join }}", "yax"),
                Arguments.of("{{ users | groupby('on') }}", List.of(List.of(true, List.of(Map.of("name", "a", "on", true))),
                        List.of(false, List.of(Map.of("name", "b", "on", false))))),
                Arguments.of("{{ 'a  b c' | split }}|{{ 'a,b,,c' | split(',') }}", "['a', 'b', 'c']|['a', 'b', '', 'c']"),
                Arguments.of("{{ {'a': 1} | type_debug }} {{ 'x' | type_debug }} {{ none | type_debug }} {{ 1.5 | type_debug }}",
                        "dict str NoneType float"),
                // Jinjava built-ins that behave as Jinja2's; ansible: abc|a_b|x|ABC|Hello World|Hello
                Arguments.of("{{ 'AbC' | lower }}|{{ 'a-b' | replace('-', '_') }}|{{ '  x ' | trim }}|{{ 'abc' | upper }}"
                        + "|{{ 'hello world' | title }}|{{ 'hello' | capitalize }}", "abc|a_b|x|ABC|Hello World|Hello"),
                // ansible: ['1', '2', '3']|6|[1, 2, 3]|[3, 2, 1]
                Arguments.of("{{ l | map('string') | list }}|{{ l | sum }}|{{ [3,1,2] | sort }}|{{ l | reverse | list }}",
                        "['1', '2', '3']|6|[1, 2, 3]|[3, 2, 1]"),
                // ansible: ['a']|b|[{'name': 'b', 'on': False}]|False
                Arguments.of("{{ users | selectattr('on') | map(attribute='name') | list }}|{{ users | rejectattr('on')"
                        + " | map(attribute='name') | join(',') }}|{{ users | selectattr('name', 'equalto', 'b') | map(attribute='on')"
                        + " | first }}", "['a']|b|False"));
    }

    static Stream<Arguments> data() {
        return Stream.of(
                // ansible: {"a": 1, "b": [true, null], "c": "\u00e9", "d": 1.5}
                Arguments.of("{{ {'a': 1, 'b': [true, none], 'c': 'é', 'd': 1.5} | to_json }}",
                        "{\"a\": 1, \"b\": [true, null], \"c\": \"\\u00e9\", \"d\": 1.5}"),
                Arguments.of("{{ {'b': 1, 'a': [true, none, {'z': 'é'}], 'e': {}, 'f': []} | to_nice_json }}",
                        "{\n    \"a\": [\n        true,\n        null,\n        {\n            \"z\": \"\\u00e9\"\n        }\n    ],\n"
                        + "    \"b\": 1,\n    \"e\": {},\n    \"f\": []\n}"),
                // ansible: {"a": 1, "b": 2}|[\n  1,\n  "x"\n]|"é"|1.0
                Arguments.of("{{ {'b': 2, 'a': 1} | to_json(sort_keys=true) }}|{{ [1, 'x'] | to_json(indent=2) }}"
                        + "|{{ 'é' | to_json(ensure_ascii=false) }}|{{ 1.0 | to_json }}", "{\"a\": 1, \"b\": 2}|[\n  1,\n  \"x\"\n]|\"é\"|1.0"),
                // ansible-playbook 2.14, the same data through to_nice_yaml and to_yaml (PyYAML)
                Arguments.of("{{ {'b': [1, {'x': 'x y'}], 'a': 'multi\nline', 'd': none, 'e': true, 'f': 'yes', 'g': '1.0',"
                        + " 'h': 3.5, 'i': '', 'j': [], 'k': {}, 'l': 'a: b', 'm': '@x'} | to_nice_yaml }}",
                        "a: 'multi\n\n    line'\nb:\n- 1\n-   x: x y\nd: null\ne: true\nf: 'yes'\ng: '1.0'\nh: 3.5\ni: ''\n"
                        + "j: []\nk: {}\nl: 'a: b'\nm: '@x'\n"),
                Arguments.of("{{ {'b': [1, {'x': 'x y'}], 'a': 'multi\nline', 'f': 'yes'} | to_yaml }}",
                        "a: 'multi\n\n  line'\nb:\n- 1\n- {x: x y}\nf: 'yes'\n"),
                Arguments.of("{{ '{\"a\": [1, 2.5, null, true]}' | from_json }}", Map.of("a", Arrays.asList(1, 2.5, null, true))),
                Arguments.of("{{ ('{\"a\": 1}' | from_json).a }}", 1),
                // ansible: {"a": {"y": 2}, "k": 1}
                Arguments.of("{{ {'a': {'x': 1}, 'k': 1} | combine({'a': {'y': 2}}) }}", Map.of("a", Map.of("y", 2), "k", 1)),
                Arguments.of("{{ {'a': {'x': 1, 'l': [1]}} | combine({'a': {'y': 2, 'l': [2]}}, recursive=true) }}",
                        Map.of("a", Map.of("x", 1, "y", 2, "l", List.of(2)))),
                Arguments.of("{{ {'a': {'l': [1]}} | combine({'a': {'l': [2]}}, recursive=true, list_merge='append') }}",
                        Map.of("a", Map.of("l", List.of(1, 2)))),
                Arguments.of("{{ {'l': [1, 2]} | combine({'l': [2, 3]}, list_merge='append_rp') }}", Map.of("l", List.of(1, 2, 3))),
                Arguments.of("{{ {'l': [1, 2]} | combine({'l': [3]}, list_merge='prepend') }}", Map.of("l", List.of(3, 1, 2))),
                Arguments.of("{{ {'l': [1]} | combine({'l': [3]}, list_merge='keep') }}", Map.of("l", List.of(1))),
                Arguments.of("{{ {'a': 1} | combine({'b': 2}, {'a': 3}) }}", Map.of("a", 3, "b", 2)),
                Arguments.of("{{ [{'a': 1}, {'b': 2}] | combine }}", Map.of("a", 1, "b", 2)),
                Arguments.of("{{ {'a': 1, 'b': 2} | dict2items }}", List.of(Map.of("key", "a", "value", 1), Map.of("key", "b", "value", 2))),
                Arguments.of("{{ {'a': 1} | dict2items(key_name='k', value_name='v') }}", List.of(Map.of("k", "a", "v", 1))),
                Arguments.of("{{ [{'key': 'a', 'value': 1}] | items2dict }}", Map.of("a", 1)),
                Arguments.of("{{ [{'k': 'a', 'v': 1}] | items2dict(key_name='k', value_name='v') }}", Map.of("a", 1)),
                Arguments.of("{{ 'a: 1\nb: [x, 2]' | from_yaml }}", Map.of("a", 1, "b", List.of("x", 2))));
    }

    static Stream<Arguments> text() {
        return Stream.of(
                // ansible: |b.war|/opt/a||/|/opt/a and |//|a|
                Arguments.of("{{ '/opt/alfresco/tomcat/' | basename }}|{{ '/opt/a/b.war' | basename }}|{{ '/opt/a/b.war' | dirname }}"
                        + "|{{ 'b.war' | dirname }}|{{ '/' | dirname }}|{{ '/opt/a/' | dirname }}", "|b.war|/opt/a||/|/opt/a"),
                Arguments.of("{{ '/a/b/' | basename }}|{{ '//' | dirname }}|{{ 'a//b' | dirname }}|{{ '' | dirname }}", "|//|a|"),
                // ansible: 'it'"'"'s'|abc|''|'a b'|a=b,c:d/e.f-g@h%i+j|5
                Arguments.of("{{ \"it's\" | quote }}|{{ 'abc' | quote }}|{{ '' | quote }}|{{ 'a b' | quote }}"
                        + "|{{ 'a=b,c:d/e.f-g@h%i+j' | quote }}|{{ 5 | quote }}", "'it'\"'\"'s'|abc|''|'a b'|a=b,c:d/e.f-g@h%i+j|5"),
                // ansible: aMOpbGxv héllo
                Arguments.of("{{ 'héllo' | b64encode }} {{ 'aMOpbGxv' | b64decode }}", "aMOpbGxv héllo"),
                Arguments.of("{{ 'abc' | hash('sha256') }}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Arguments.of("{{ 'abc' | checksum }} {{ 'abc' | hash('md5') }} {{ 'abc' | hash('sha1') }} {{ 'abc' | hash }}",
                        "a9993e364706816aba3e25717850c26c9cd0d89d 900150983cd24fb0d6963f7d28e17f72"
                        + " a9993e364706816aba3e25717850c26c9cd0d89d a9993e364706816aba3e25717850c26c9cd0d89d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("core")
    void coreFilters(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("data")
    void dataFilters(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("text")
    void textFilters(String template, Object expected) {
        assertEquals(expected, render(template));
    }
}
