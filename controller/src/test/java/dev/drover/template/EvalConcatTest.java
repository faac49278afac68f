package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rendered text that reads as a Python or JSON literal becomes that value, as Ansible 2.14's
 * {@code ansible_eval_concat} does (each expected value printed by ansible-playbook 2.14 with
 * {@code type_debug}); Ansible's {@code templating} target checks it.
 */
class EvalConcatTest {
    private static Object render(String template) {
        return TEMPLATER.render(template, Map.of("d", Map.of("a", 1), "text", "[1, 2]"));
    }

    @Test
    void textThatReadsAsALiteralIsThatValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("null", null);
        json.put("true", true);
        json.put("false", false);
        // Ansible's templating target: a JSON text sent through Jinja2 by templating out nothing first.
        assertEquals(json, render("{{ \"\" }}{\"null\": null, \"true\": true, \"false\": false}"));
        assertEquals(List.of(1, 2), render("{{ text }}"));
        assertEquals(List.of(1, 2), render("{{ '[1, ' }}2]"));
        assertEquals(List.of(1, 2), render("[{{ 1 }}, 2]"));
        assertEquals(Map.of("a", List.of("x", 2.5)), render("{{ \"{'a': ('x', 2.5)}\" }}"));
        assertEquals(true, render("{{ 'True' }}"));
        assertEquals(false, render("False{{ '' }}"));
    }

    @Test
    void textThatReadsAsNoLiteralStaysText() {
        assertEquals("[1, 2", render("{{ '[1, 2' }}"));
        assertEquals("{\"a\": x}", render("{{ '{\"a\": x}' }}"));
        assertEquals(" [1]", render("{{ ' [1]' }}")); // only text that starts with [ or {
        assertEquals("x[1]", render("x{{ '[1]' }}"));
        assertEquals("true", render("{{ 'true' }}")); // only Python's True and False alone
        assertEquals("(1, 2)", render("{{ '(1, 2)' }}"));
    }

    @Test
    void aStringTypeFilterKeepsItsTextWhenItIsTheWholeResult() {
        assertEquals("{\"a\": 1}", render("{{ d | to_json }}"));
        assertEquals("[1, 2]", render("{{ text | string }}"));
        assertEquals("{a: 1}\n", render("{{ d | to_yaml }}"));
        // Only as the whole result: text made from it is read again.
        assertEquals(Map.of("a", 2), render("{{ d | to_json | replace('1', '2') }}"));
        assertEquals(Map.of("a", 1), render("{{ d | to_json }}{{ '' }}"));
    }

    @Test
    void templateFilesStayText() {
        assertEquals("[1, 2]", TEMPLATER.renderFile("{{ text }}", Map.of("text", "[1, 2]"), TemplateSyntax.ANSIBLE));
    }

    @Test
    void templateFilesReadTheEscapesOfStringLiterals() {
        // Ansible renders files without doubling backslashes first (escape_backslashes=False): filter_core's foo.j2.
        assertEquals("#bar\n#bart\n", TEMPLATER.renderFile(
                "{{ '#foo\\n#foot' | regex_replace('^#foo', '#bar', multiline=True) }}\n", Map.of(), TemplateSyntax.ANSIBLE));
        // In a task's value, Ansible doubles them inside {{ }}: the filter sees the backslash.
        assertEquals("a\\nb", TEMPLATER.render("{{ 'a\\nb' }}", Map.of()));
        // ... and there only: a statement reads them (ansible-playbook 2.14 printed "a\nb|c\\nd").
        assertEquals("a\nb|c\\nd", TEMPLATER.render("{% set x = 'a\\nb' %}{{ x }}|{{ 'c\\nd' }}", Map.of()));
    }

    @Test
    void aTestNamedByAStringThatIsNoPluginNameFailsInJinja2sWords() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> TEMPLATER.renderFile("{{ [{\"failed\": false}] | selectattr(\"failed\", \"asdf \", true) }}\n",
                        Map.of(), TemplateSyntax.ANSIBLE));
        assertTrue(e.getMessage().contains("TemplateSyntaxError: Could not load \"asdf \": 'invalid plugin name: ansible.builtin.asdf '"),
                e.getMessage());
    }
}
