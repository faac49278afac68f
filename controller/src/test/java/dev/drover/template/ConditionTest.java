package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static dev.drover.template.Fixtures.condition;
import static dev.drover.template.Fixtures.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code when:}-style conditions: Python truthiness, lists ANDed, templated conditions as Ansible. */
class ConditionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "t => true",
        "not t => false",
        "r.rc == 0 => true",
        "r.rc != 0 => false",
        "r.stdout => true",
        "blank => false",
        "zero => false",
        "n => false",
        "l => true",
        "[] => false",
        "{} => false",
        "0.0 => false",
        "'false' => true", // a non-empty string is true, as in Ansible (use | bool)
        "'false' | bool => false",
        "'no' | bool => false",
        "strnum | int > 5 => true",
        "2 in l => true",
        "5 not in l => true",
        "'b' in s => true",
        "'rc' in r => true",
        "r is changed and r is success => true",
        "failed_r is failed => true",
        "skipped_r is skipped => true",
        "r.rc == 0 and (r.stdout | trim) == 'hi' => true",
        "users | selectattr('on') | list | length == 1 => true",
        "x is not defined or x | int > 3 => true",
    })
    void conditionsUsePythonTruthiness(String expression, boolean expected) {
        assertEquals(expected, condition(expression));
    }

    @Test
    void aListOfConditionsIsAndedAndStopsAtTheFirstFalse() {
        assertTrue(TEMPLATER.condition(List.of("t", "r.rc == 0"), vars()));
        assertFalse(TEMPLATER.condition(List.of("t", "r.rc == 1"), vars()));
        // The undefined variable is never evaluated because an earlier condition is false, as in Ansible.
        assertFalse(TEMPLATER.condition(List.of("r.rc == 1", "missing == 2"), vars()));
        assertThrows(UndefinedVariableException.class, () -> TEMPLATER.condition(List.of("t", "missing"), vars()));
        assertTrue(TEMPLATER.condition(List.of(), vars()));
    }

    @Test
    void templatedConditionsAreRenderedFirst() {
        assertTrue(condition("{{ t }}"));
        assertFalse(condition("{{ r.rc != 0 }}"));
        assertTrue(condition("{{ r.rc }} == 0")); // renders to "0 == 0"
        assertFalse(condition("{{ blank }}"));
        // A rendered string is evaluated again, so text "true"/"false" works and other words are names.
        assertTrue(TEMPLATER.condition("{{ flag }}", Map.of("flag", "true")));
        assertFalse(TEMPLATER.condition("{{ flag }}", Map.of("flag", "false")));
        UndefinedVariableException e = assertThrows(UndefinedVariableException.class,
                () -> TEMPLATER.condition("{{ flag }}", Map.of("flag", "yes")));
        assertEquals("yes", e.variable());
    }

    @Test
    void templatedConditionsGetAnsiblesWarning() {
        // ansible: [WARNING]: conditional statements should not include jinja2 templating delimiters
        // such as {{ }} or {% %}. Found: {{ t }}
        assertEquals(Optional.of("conditional statements should not include jinja2 templating delimiters such as"
                + " {{ }} or {% %}. Found: {{ t }}"), Templater.conditionalWarning("{{ t }}"));
        assertEquals(Optional.empty(), Templater.conditionalWarning("t and r.rc == 0"));
    }

    @Test
    void evaluateReturnsNativeValues() {
        assertEquals(List.of(2, 3), TEMPLATER.evaluate("l | select('>', 1) | list", vars()));
        assertEquals("A,B", TEMPLATER.evaluate("s | upper", vars()));
        assertEquals(Map.of("a", 1), TEMPLATER.evaluate("{'a': 1}", vars()));
        assertEquals(Map.of("kk", 1), TEMPLATER.evaluate("{k: 1}", Map.of("k", "kk"))); // keys are expressions
    }
}
