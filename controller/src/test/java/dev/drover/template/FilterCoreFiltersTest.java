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

    @Test
    void aLoneExpressionThatIsNoneRendersAsEmptyTextButANullVariableStaysNone() {
        // Ansible 2.14's finalize and its SINGLE_VAR shortcut (ansible-playbook: '' and None).
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("x", null);
        assertEquals("", TEMPLATER.render("{{ 'hello' | regex_search('HELLO') }}", vars));
        assertEquals("", TEMPLATER.render("{{ None }}", vars));
        assertEquals("", TEMPLATER.render("{{ x if true else 1 }}", vars));
        assertEquals(null, TEMPLATER.render("{{ x }}", vars));
        assertEquals(true, evaluate("'hello' | regex_search('world') == none"));
    }

    @Test
    void toDatetimeParsesWithPythonsDirectivesAndOrders() {
        assertEquals(true, evaluate("'1993-03-26 01:23:45' | to_datetime < '1994-03-26 01:23:45' | to_datetime"));
        assertEquals("1993-03-26 00:00:00", TEMPLATER.render("{{ '03/26/93' | to_datetime('%m/%d/%y') }}", Map.of()));
        assertEquals("datetime", evaluate("'1993-03-26 01:23:45' | to_datetime | type_debug"));
        TemplateException e = assertThrows(TemplateException.class, () -> evaluate("'x' | to_datetime"));
        assertEquals("time data 'x' does not match format '%Y-%m-%d %H:%M:%S'", e.reason());
    }

    @Test
    void fromYamlReadsTextAndPassesOtherValues() {
        assertEquals(java.util.List.of(Map.of("bananas", "yellow"), Map.of("apples", "red")),
                evaluate("'---\nbananas: yellow\n---\napples: red' | from_yaml_all | list"));
        assertEquals(2, ((Number) evaluate("2 | from_yaml_all")).intValue());
        assertEquals(2, ((Number) evaluate("2 | from_yaml")).intValue());
        assertEquals(Map.of("a", true), evaluate("'a: yes' | from_yaml"));
    }

    @Test
    void randomAndShuffleDrawAsPythonWithASeed() {
        // python3: Random(1337).randrange(0, 20), randrange(10, 20, 2), shuffle([1,3,5,7,9]), choice(list('abcd')).
        assertEquals(19L, ((Number) evaluate("20 | random(seed=1337)")).longValue());
        assertEquals(18L, ((Number) evaluate("20 | random(start=10, step=2, seed=1337)")).longValue());
        assertEquals(java.util.List.of(3, 1, 7, 5, 9), evaluate("[1,3,5,7,9] | shuffle(seed=1337)"));
        assertEquals("c", evaluate("['a','b','c','d'] | random(seed=1337)"));
        assertEquals(22, ((Number) evaluate("22 | shuffle")).intValue());
        assertEquals("random can only be used on sequences and integers",
                assertThrows(TemplateException.class, () -> evaluate("None | random")).reason());
        assertEquals("start and step can only be used with integer values",
                assertThrows(TemplateException.class, () -> evaluate("[1,2,3] | random(step=2)")).reason());
    }

    @Test
    void commentComposesAnsiblesStyles() {
        assertEquals("#\n# boo!\n#", evaluate("'boo!' | comment"));
        assertEquals("--\n-- boo!\n--", evaluate("'boo!' | comment(decoration='-- ')"));
        assertEquals("/*\n *\n * boo!\n *\n */", evaluate("'boo!' | comment(style='cblock')"));
        assertEquals("boo!\n", evaluate("'boo!' | comment(decoration='')"));
        assertEquals("\n".repeat(20) + "# boo!\n#", evaluate("'boo!' | comment(prefix='\n', prefix_count=20)"));
    }

    @Test
    void mandatoryRegexEscapeQuoteAndUndefInAnsiblesWords() {
        assertEquals("Mandatory variable 'hey'  not defined.",
                assertThrows(TemplateException.class, () -> evaluate("hey | mandatory")).reason());
        assertEquals("\\]\\]\\^", evaluate("']]^' | regex_escape(re_type='posix_basic')"));
        assertEquals("Regex type (posix_extended) not yet implemented",
                assertThrows(TemplateException.class, () -> evaluate("']]^' | regex_escape(re_type='posix_extended')")).reason());
        assertEquals("Invalid regex type (haha)",
                assertThrows(TemplateException.class, () -> evaluate("']]^' | regex_escape(re_type='haha')")).reason());
        assertEquals("''", evaluate("None | quote"));
        assertEquals("Expected failure",
                assertThrows(UndefinedVariableException.class, () -> evaluate("undef('Expected failure')")).reason());
        assertEquals("a", evaluate("undef() | default('a')"));
    }
}
