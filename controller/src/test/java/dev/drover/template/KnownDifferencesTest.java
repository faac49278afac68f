package dev.drover.template;

import static dev.drover.template.Fixtures.condition;
import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where Jinjava's expression language still differs from Ansible's Jinja2, pinned so that a change is
 * noticed and the documentation of the differences stays true. Each case quotes what Ansible prints.
 */
class KnownDifferencesTest {

    @Test
    void moduloFollowsJavaForNegativeNumbers() {
        assertEquals(-2, render("{{ -5 % 3 }}")); // ansible: 1
    }

    @Test
    void concatenationWithTildeUsesJavaTextForBooleansAndNone() {
        assertEquals("xtrue", render("{{ 'x' ~ true ~ none }}")); // ansible: xTrueNone
    }

    @Test
    void andOrReturnBooleansAndTheIfTagTreatsTheStringFalseAsFalse() {
        assertEquals(false, render("{{ not 'false' }}")); // ansible: False (fixed: not/and/or use Python's truth)
        assertEquals(true, render("{{ 'x' and 'y' }}")); // ansible: y (Python returns an operand)
        assertEquals("F", render("{% if 'false' %}T{% else %}F{% endif %}")); // ansible: T
        assertEquals(true, condition("'false'")); // the condition itself follows Python, as Ansible
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ 1 < 2 < 3 }}", "{{ '%s-%d' % ('a', 3) }}", "{{ 2 * 'ab' }}"})
    void unsupportedPythonOperators(String template) {
        // ansible: True, a-3, abab
        assertThrows(TemplateException.class, () -> render(template));
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge", "instanceof"})
    void expressionLanguageKeywordsCannotBeVariableNames(String name) {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ " + name + " }}"));
        assertEquals(TemplateException.Kind.SYNTAX, e.kind());
    }
}
