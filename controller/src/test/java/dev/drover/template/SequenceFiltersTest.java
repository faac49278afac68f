package dev.drover.template;

import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code list} and the sequence filters Ansible's filter_core target uses; each expected value is what
 * ansible-playbook 2.14 printed for the same expression.
 */
class SequenceFiltersTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // Jinjava's list filter wrapped a dict in a list: [{'a': 1, 'b': 2}]
                Arguments.of("{{ {'a': 1, 'b': 2} | list }}", List.of("a", "b")),
                Arguments.of("{{ 'ab' | list }}", List.of("a", "b")),
                Arguments.of("{{ [1, 2, 3] | zip(['a', 'b']) | list }}", List.of(List.of(1, "a"), List.of(2, "b"))),
                Arguments.of("{{ [1, 2] | zip_longest(['a'], fillvalue='z') | list }}",
                        List.of(List.of(1, "a"), List.of(2, "z"))),
                Arguments.of("{{ 'monkeys' | to_uuid }}", "0d03a178-da0f-5b51-934e-cda9c76578c3"),
                Arguments.of("{{ ['/etc', 'sub', '/test', 'x'] | path_join }}", "/test/x"),
                Arguments.of("{{ '%Y-%m-%d %H:%M' | strftime(1585247522, utc=True) }}", "2020-03-26 18:32"),
                Arguments.of("{{ 'secret' | password_hash('sha512', 'mysalt') }}",
                        "$6$mysalt$UX6P1VKOf6dr0s2pg4pLNvIUB6hLXvP6M5f/Yj9hJgMPdAJ4oArvk5YUD9/XWtk1JOpVwt/JTsczMJr8sFVML1"),
                Arguments.of("{{ 'secret' | password_hash('sha256', 'mysalt', rounds=5000) }}",
                        "$5$rounds=5000$mysalt$I2SNajjJ3Gc5gIR/tkrLOGngF8wqv59buJCqxh.o9s8"),
                Arguments.of("{{ [{'n': 'a', 'g': [1, 2]}] | subelements('g') | map('last') | list }}", List.of(1, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asAnsible(String template, Object expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void ansibleMessagesOnBadInput() {
        assertTrue(failure("{{ True | subelements('foo') }}").contains("obj must be a list of dicts or a nested dict"));
        assertTrue(failure("{{ {} | subelements(17) }}").contains("subelements must be a list or a string"));
        assertTrue(failure("{{ 'hey' | to_uuid(namespace=22) }}").contains("Invalid value"));
        assertTrue(failure("{{ '%Y' | strftime('foo') }}").contains("Invalid value for epoch value"));
        assertTrue(failure("{{ 'hey' | password_hash(hashtype='nope') }}").contains("not support"));
        assertTrue(failure("{{ True | path_join }}").contains("expects string or sequence"));
    }

    private static String failure(String template) {
        try {
            return "rendered: " + render(template);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
