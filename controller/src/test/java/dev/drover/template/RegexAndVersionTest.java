package dev.drover.template;

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
 * Regular expressions with Python's syntax and the {@code version} test, against ansible-core 2.14.18.
 * Backslashes are written once, as they appear in the YAML value.
 */
class RegexAndVersionTest {

    static Stream<Arguments> regex() {
        return Stream.of(
                // ansible: ab<1><2>|Xb12|a\b|ab[1][2]|bba
                Arguments.of("{{ 'ab12' | regex_replace('(\\d)', '<\\1>') }}|{{ 'ab12' | regex_replace('^A', 'X', ignorecase=true) }}"
                        + "|{{ 'a.b' | regex_replace('\\.', '\\\\') }}|{{ 'ab12' | regex_replace('(?P<d>\\d)', '[\\g<d>]') }}"
                        + "|{{ 'aaa' | regex_replace('a', 'b', count=2) }}", "ab<1><2>|Xb12|a\\b|ab[1][2]|bba"),
                Arguments.of("{{ 'a\nb' | regex_replace('^b', 'X', multiline=true) }}", "a\nX"),
                // ansible: --|-a-b--d-
                Arguments.of("{{ 'aaa' | regex_replace('a*', '-') }}|{{ 'abxd' | regex_replace('x*', '-') }}", "--|-a-b--d-"),
                Arguments.of("{{ 'a1 b2' | regex_replace('(?P<l>[a-z])(?P<d>\\d)', '\\g<d>\\g<l>') }}", "1a 2b"),
                Arguments.of("{{ 'major_7' | regex_replace('(?P<major_version>\\d)', '<\\g<major_version>>') }}", "major_<7>"),
                Arguments.of("{{ 'x' | regex_replace('x', '\\\\') }}", "\\"),
                Arguments.of("{{ 'a{b}' | regex_replace('{b}', 'c') }}", "ac"), // a literal brace in Python
                Arguments.of("{{ 'a[b' | regex_replace('[[]', '(') }}", "a(b"),
                Arguments.of("{{ 'foo123bar' | regex_search('\\d+') }}", "123"),
                Arguments.of("{{ 'foo123' | regex_search('(o)(\\d)', '\\2') }}", List.of("1")),
                Arguments.of("{{ 'foo123' | regex_search('(o)(\\d)', '\\2', '\\1') }}", List.of("1", "o")),
                Arguments.of("{{ 'v=5.2' | regex_search('v=(?P<ver>[\\d.]+)', '\\g<ver>') }}", List.of("5.2")),
                Arguments.of("{{ 'ABC' | regex_search('b', ignorecase=true) }}", "B"),
                Arguments.of("{{ 'Alfresco 7.4.1.2 (r123)' | regex_search('(\\d+)\\.(\\d+)\\.(\\d+)', '\\1', '\\3') }}", List.of("7", "1")),
                Arguments.of("{{ 'a1b22' | regex_findall('\\d+') }}", List.of("1", "22")),
                Arguments.of("{{ 'k1=v1 k2=v2' | regex_findall('(\\w+)=(\\w+)') }}", List.of(List.of("k1", "v1"), List.of("k2", "v2"))),
                Arguments.of("{{ 'k1=v1 k2=v2' | regex_findall('(\\w+)=') }}", List.of("k1", "k2")),
                Arguments.of("{{ 'x' | regex_findall('\\d') }}", List.of()),
                // ansible: a\ b|a\.b\*c
                Arguments.of("{{ 'a b' | regex_escape }}|{{ 'a.b*c' | regex_escape }}", "a\\ b|a\\.b\\*c"),
                // ansible: True False True True True
                Arguments.of("{{ 'foo' is match('f') }} {{ 'foo' is match('o') }} {{ 'foo' is search('o') }}"
                        + " {{ 'foo' is regex('o$') }} {{ 'foo' is match('F', ignorecase=true) }}", "True False True True True"),
                Arguments.of("{{ ['a1', 'b', 'c2'] | select('match', '[a-z]\\d') | list }}", List.of("a1", "c2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regex")
    void regexFilters(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void regexSearchWithoutMatchIsNone() {
        // None, which a lone expression renders as '' (Ansible 2.14's finalize; filter_core's match_case == '').
        assertEquals(null, Fixtures.TEMPLATER.evaluate("'foobar' | regex_search('\\d+')", java.util.Map.of()));
        assertEquals("", render("{{ 'foobar' | regex_search('\\d+') }}"));
        assertEquals("", render("{{ 'foo' | regex_search('(x)', '\\1') }}"));
        assertEquals("x=", render("x={{ 'foobar' | regex_search('\\d+') }}")); // ansible: None prints as nothing
    }

    @Test
    void badPatternsFailNamingThePattern() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ 'a' | regex_replace('(', 'x') }}"));
        assertEquals(TemplateException.Kind.FAILED, e.kind());
        assertEquals(true, e.reason().startsWith("invalid regular expression '('"), e.reason());
        TemplateException arg = assertThrows(TemplateException.class, () -> render("{{ 'a' | regex_search('a', 'b') }}"));
        assertEquals(true, arg.reason().startsWith("Unknown argument 'b'"), arg.reason());
    }

    static Stream<Arguments> versions() {
        return Stream.of(
                // ansible: True True True True True False True True
                Arguments.of("{{ '5.2.7' is version('5.2.10', '<') }} {{ '7.4.1' is version('7.4.1.1', 'lt') }}"
                        + " {{ '23.2.0' is version('7.4.2', '>=') }} {{ '5.2.7-A3' is version('5.2.7', '>') }}"
                        + " {{ '1.0a' is version('1.0', '>') }} {{ '1.0' is version('1.0.0', '==') }}"
                        + " {{ '1.0' is version('1.0', 'eq') }} {{ '7.4.0' is version('7.4', 'ge') }}",
                        "True True True True True False True True"),
                // ansible: True True True
                Arguments.of("{{ '1.0.0' is version('1.0', '==', strict=true) }} {{ '1.0.0-rc1' is version('1.0.0', '<', version_type='semver') }}"
                        + " {{ '1.2.3' is version('1.2.10', '<', version_type='strict') }}", "True True True"),
                Arguments.of("{{ '5.2.7' is version('5.2.7') }}", true), // the default operator is ==
                Arguments.of("{{ '1.2a1' is version('1.2', '<', strict=true) }} {{ '1.2a2' is version('1.2b1', '<', strict=true) }}", "True True"),
                Arguments.of("{{ '1.0.0-alpha' is version('1.0.0-alpha.1', '<', version_type='semver') }}"
                        + " {{ '1.0.0-alpha.beta' is version('1.0.0-beta', '<', version_type='semantic') }}"
                        + " {{ '1.0.0-2' is version('1.0.0-11', '<', version_type='semver') }}"
                        + " {{ '1.0.0+b1' is version('1.0.0+b2', '==', version_type='semver') }}", "True True True True"),
                // ansible (packaging's Version): True True True True True True
                Arguments.of("{{ '2.14.0rc1' is version('2.14.0', 'lt', version_type='pep440') }}"
                        + " {{ '1.0.dev1' is version('1.0a1', '<', version_type='pep440') }}"
                        + " {{ '1.0.post1' is version('1.0', '>', version_type='pep440') }}"
                        + " {{ '1.0' is version('1.0.0', '==', version_type='pep440') }}"
                        + " {{ '1!0.1' is version('2.0', '>', version_type='pep440') }}"
                        + " {{ '1.0rc1' is version('1.0.post1.dev2', '<', version_type='pep440') }}", "True True True True True True"),
                Arguments.of("{{ 7 is version('6', '>') }} {{ '7.4.2' is version('7.4.2', '!=') }} {{ '7.4.2' is version('7.4.1', '<>') }}",
                        "True False True"),
                // The filter of older playbooks.
                Arguments.of("{{ '5.2.7' | version_compare('5.2.10', '<') }}", true),
                Arguments.of("{{ ['7.3.1', '7.4.2', '23.1.0'] | select('version', '7.4', '>=') | list }}", List.of("7.4.2", "23.1.0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void versionComparisons(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    static Stream<Arguments> versionErrors() {
        return Stream.of(
                Arguments.of("{{ 'abc' is version('1.0', '<') }}",
                        "Version comparison failed: '<' not supported between instances of 'str' and 'int'"),
                Arguments.of("{{ '1.0.b' is version('1.0.1', '<') }}",
                        "Version comparison failed: '<' not supported between instances of 'str' and 'int'"),
                Arguments.of("{{ '7.4.1' is version('7.4.1', 'foo') }}", "Invalid operator type (foo). Must be one of"
                        + " '==', '=', 'eq', '<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'"),
                Arguments.of("{{ '1.0' is version('1.0.0-rc1', '<', strict=true) }}",
                        "Version comparison failed: invalid version number '1.0.0-rc1'"),
                Arguments.of("{{ '1.0' is version('1.0.0', '<', version_type='semver') }}",
                        "Version comparison failed: invalid semantic version '1.0'"),
                Arguments.of("{{ '1.0' is version('1.0', '<', version_type='boom') }}",
                        "Invalid version type (boom). Must be one of 'loose', 'strict', 'semver', 'semantic', 'pep440'"),
                Arguments.of("{{ 'nope' is version('1.0', '<', version_type='pep440') }}",
                        "Version comparison failed: Invalid version: 'nope'"),
                Arguments.of("{{ '' is version('1.0', '<') }}", "Input version value cannot be empty"),
                Arguments.of("{{ '1' is version('1.0', '<', strict=true, version_type='loose') }}",
                        "Cannot specify both 'strict' and 'version_type'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionErrors")
    void versionErrorsUseAnsiblesWords(String template, String reason) {
        TemplateException e = assertThrows(TemplateException.class, () -> render(template));
        assertEquals(reason, e.reason());
        assertEquals(TemplateException.Kind.FAILED, e.kind());
    }
}
