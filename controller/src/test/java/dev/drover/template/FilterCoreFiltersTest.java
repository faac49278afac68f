package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Filters as Ansible's filter_core target checks them (expected values from ansible-playbook 2.14). */
class FilterCoreFiltersTest {
    private static Object evaluate(String expression) {
        return TEMPLATER.evaluate(expression, Map.of("container", Map.of("key", Map.of("subkey", "value"))));
    }

    @Test
    void extractFromAnUndefinedContainerIsUndefinedForDefault() {
        assertEquals(true, evaluate("'key' | extract(badcontainer) | default('a') == 'a'"));
        assertEquals(true, evaluate("'key' | extract(badcontainer, 'subkey') | default('a') == 'a'"));
        assertEquals(true, evaluate("('key' | extract(badcontainer)).subkey | default('a') == 'a'"));
        // Still an error where nothing catches it.
        assertThrows(UndefinedVariableException.class, () -> evaluate("'key' | extract(badcontainer)"));
    }

    @Test
    void combineTakesOnlyItsTwoKeywordsAndSkipsNone() {
        TemplateException e = assertThrows(TemplateException.class, () -> evaluate("[1] | combine(foo='bar')"));
        assertEquals("'recursive' and 'list_merge' are the only valid keyword arguments", e.reason());
        assertEquals(Map.of(), evaluate("None | combine"));
        assertEquals(Map.of("a", 1), evaluate("[{'a': 1}, None] | combine"));
    }

    @Test
    void base64ReadsPythonsCodecNames() {
        assertEquals("QQBuAHMAaQBiAGwAZQAgAC0AIABPMIkwaDB/MAoA", evaluate("'Ansible - くらとみ\n' | b64encode(encoding='utf-16-le')"));
        assertEquals("Ansible - くらとみ\n", evaluate("'QQBuAHMAaQBiAGwAZQAgAC0AIABPMIkwaDB/MAoA' | b64decode(encoding='utf-16-le')"));
        TemplateException e = assertThrows(TemplateException.class, () -> evaluate("'x' | b64encode(encoding='nosuch')"));
        assertTrue(e.reason().contains("unknown encoding: nosuch"), e.reason());
    }
}
