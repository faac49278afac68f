package dev.drover.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading template text: which strings are one lone expression, and the rewrites for Jinjava. */
class TemplateTextTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', emptyValue = "", nullValues = "NONE", value = {
        "{{ x }} => x",
        "{{x}} => x",
        "{{- x -}} => x",
        "{{ {'a': {'b': 1}} }} => {'a': {'b': 1}}",
        "{{ '}}' }} => '}}'",
        "{{ \"a }} b\" | length }} => \"a }} b\" | length",
        "{{ a }}{{ b }} => NONE",
        "{{ a }} b => NONE",
        "` {{ a }}` => NONE",
        "{{ }} => NONE",
        "{% if x %}{% endif %} => NONE",
        "{{ a => NONE",
    })
    void singleExpression(String text, String expression) {
        assertEquals(Optional.ofNullable(expression), TemplateText.singleExpression(text));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // Backslashes inside literals are doubled so Jinjava's unescaping gives them back as typed.
        "'(\\d+)' | length => '(\\\\d+)' | length",
        "x ~ \"a\\b\" => x ~ \"a\\\\b\"",
        "a \\ b => a \\ b",
        "{'a': {'b': 1}} => {'a': {'b': 1} }",
        "'}}' => '}}'",
    })
    void expressionForEngine(String expression, String rewritten) {
        assertEquals(rewritten, TemplateText.forEngine(expression));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        "a\\b {{ 'c\\d' }} => a\\b {{ 'c\\\\d' }}",
        "{% set x = '\\d' %}{{ x }} => {% set x = '\\\\d' %}{{ x }}",
        "{# '\\d' #} => {# '\\d' #}",
        "{% raw %}{{ '\\d' }}{% endraw %}{{ '\\d' }} => {% raw %}{{ '\\d' }}{% endraw %}{{ '\\\\d' }}",
        "{{ {'a': {'b': 1}} }} x => {{ {'a': {'b': 1} } }} x",
    })
    void templateForEngine(String template, String rewritten) {
        assertEquals(rewritten, TemplateText.templateForEngine(template));
    }

    @Test
    void unclosedBlocksAreSyntaxErrors() {
        TemplateException expression = assertThrows(TemplateException.class, () -> TemplateText.templateForEngine("a {{ b"));
        assertEquals(TemplateException.Kind.SYNTAX, expression.kind());
        assertEquals("'{{' is not closed by '}}'", expression.reason());
        assertEquals("'{%' is not closed by '%}'",
                assertThrows(TemplateException.class, () -> TemplateText.templateForEngine("{% if x")).reason());
        assertEquals("a string literal after '{{' is not closed (a backslash does not escape a quote here, as in Ansible)",
                assertThrows(TemplateException.class, () -> TemplateText.templateForEngine("{{ 'it\\'s' }}")).reason());
    }
}
