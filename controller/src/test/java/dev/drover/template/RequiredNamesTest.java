package dev.drover.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Templater#requiredNames}: the names every rendering needs, and nothing a value could make
 * unnecessary (defaults, tests, the right side of and/or, branches, bodies, arguments, local names).
 */
class RequiredNamesTest {
    private final Templater t = Templater.jinja();

    private void required(String text, String... names) {
        assertEquals(Set.of(names), t.requiredNames(text, false), text);
    }

    private void requiredInCondition(String expression, String... names) {
        assertEquals(Set.of(names), t.requiredNames(expression, true), expression);
    }

    @Test
    void plainUsesOperatorsFiltersAndAttributesAreRequired() {
        required("{{ a }}", "a");
        required("x {{ a.b }} {{ c['d'] }} {{ e | upper | trim }}", "a", "c", "e");
        required("{{ a + b * c }}-{{ d ~ 'x' }}", "a", "b", "c", "d");
        required("{{ a.split(',') }}", "a");
        required("{% if a %}{{ b }}{% endif %}{% for i in c %}{{ i }}{{ d }}{% endfor %}", "a", "c");
        requiredInCondition("a == 1", "a");
        requiredInCondition("not a", "a");
        requiredInCondition("a in b", "a", "b");
    }

    @Test
    void whatAValueCouldMakeUnnecessaryIsNot() {
        required("{{ a | default(b) }} {{ c | d('x') }} {{ e | mandatory }}");
        required("{{ a is defined }} {{ b is not none }}");
        required("{{ a and b }} {{ c or d }}", "a", "c");
        required("{{ a if b else c }}", "b");
        required("{{ [a, b] }} {{ {'k': c} }} {{ lookup('vars', d) }} {{ range(e) }}");
        required("{% set a = 1 %}{{ a }}{% for x, y in z %}{% endfor %}{{ x }}{{ loop }}", "z");
        required("{% macro m(p) %}{{ p }}{% endmacro %}{{ m(1) }}");
        required("{% raw %}{{ a }}{% endraw %}{# {{ b }} #}");
        required("plain text");
        required("{{ a ");
        requiredInCondition("a is defined and a > 1");
        requiredInCondition("a | default(false)");
        requiredInCondition("none is none");
    }
}
