package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template action's Jinja2 options (Ansible 2.14's template target, "VERIFY trim_blocks",
 * "lstrip_blocks" and "comment_start_string"): the outputs are the target's expected files.
 */
class TemplateSyntaxTest {
    private static final String IF_BLOCK = "  {% if true %}\nx\n  {% endif %}\n";

    private static TemplateSyntax syntax(boolean trim, boolean lstrip) {
        return new TemplateSyntax(trim, lstrip, TemplateSyntax.ANSIBLE.delimiters());
    }

    @Test
    void trimBlocksIsOnByDefaultAndCanBeTurnedOff() {
        // the line break trim_blocks ate after the last tag comes back: the template ended with one
        assertEquals("  x\n  \n", TEMPLATER.renderFile(IF_BLOCK, Map.of(), TemplateSyntax.ANSIBLE));
        assertEquals("  \nx\n  \n", TEMPLATER.renderFile(IF_BLOCK, Map.of(), syntax(false, false)));
    }

    @Test
    void lstripBlocksRemovesTheIndentBeforeATag() {
        assertEquals("x\n", TEMPLATER.renderFile(IF_BLOCK, Map.of(), syntax(true, true)));
    }

    @Test
    void aTemplatesOwnJinja2Header() {
        // the target's override_colon_value.j2 and override_separator.j2
        assertEquals("foo\n", TEMPLATER.renderFile("#jinja2: line_statement_prefix:\":\"\n: if true\nfoo\n: endif\n",
                Map.of(), TemplateSyntax.ANSIBLE));
        assertEquals("x\n", TEMPLATER.renderFile("#jinja2: lstrip_blocks: True\n" + IF_BLOCK, Map.of(), TemplateSyntax.ANSIBLE));
        TemplateException e = assertThrows(TemplateException.class,
                () -> TEMPLATER.renderFile("#jinja2: lstrip_blocks=True\n", Map.of(), TemplateSyntax.ANSIBLE));
        assertTrue(e.getMessage().contains("failed to parse jinja2 override 'lstrip_blocks=True'"), e.getMessage());
    }

    @Test
    void otherCommentDelimiters() {
        TemplateSyntax brackets = new TemplateSyntax(true, false, List.of("[#", "#]", "{%", "%}", "{{", "}}"));
        assertEquals("Before\nAfter 1\n",
                TEMPLATER.renderFile("Before\n[# Test comment_start_string #]\nAfter {{ a }}\n", Map.of("a", 1), brackets));
        TemplateException e = assertThrows(TemplateException.class,
                () -> TEMPLATER.renderFile("[# one #] {# two #}", Map.of(), brackets));
        assertTrue(e.getMessage().contains("comment_start_string"), e.getMessage());
    }
}
