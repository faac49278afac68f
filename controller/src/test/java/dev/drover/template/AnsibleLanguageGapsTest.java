package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static dev.drover.template.Fixtures.condition;
import static dev.drover.template.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jinja2 and Ansible template features found missing or different by Ansible's own integration
 * tests (playbooks/compat/ansible-repro); each case states what Ansible 2.14 gives.
 */
class AnsibleLanguageGapsTest {

    @Test
    void notBindsLooserThanTestsAndComparisons() {
        assertFalse(condition("not r is changed")); // ansible: False (r.changed is true)
        assertTrue(condition("not 1 == 2"));
        assertTrue(condition("not r is changed or t"));
        assertFalse(condition("not t and t"));
    }

    @Test
    void pythonTruthInOperators() {
        assertEquals(false, render("{{ not 'false' }}"));
        assertTrue(condition("'fred' is truthy(convert_bool=True)"));
        assertFalse(condition("'no' is truthy(convert_bool=True)"));
    }

    @Test
    void dotWithAnIndexOrAKeywordName() {
        assertEquals(1, render("{{ l.0 }}"));
        assertTrue(TEMPLATER.condition("foo.null is none", Map.of("foo", new java.util.HashMap<>(java.util.Collections.singletonMap("null", null)))));
        assertEquals(1.5, render("{{ 1.5 }}")); // a number keeps its dot
    }

    @Test
    void conditionsReadPythonStringEscapes() {
        assertTrue(TEMPLATER.condition("x == 'a\\nb'", Map.of("x", "a\nb")));
        assertTrue(TEMPLATER.condition("x == 'it\\'s'", Map.of("x", "it's")));
        assertTrue(TEMPLATER.condition("x == 'a\\\\d'", Map.of("x", "a\\d")));
    }

    @Test
    void lookupsAndNow() {
        assertEquals(System.getenv("HOME"), render("{{ lookup('env', 'HOME') }}"));
        assertEquals(List.of(1, 2, 3), render("{{ query('items', [1, [2, 3]]) }}"));
        assertEquals(List.of(1, 2, 3), render("{{ lookup('vars', 'l') }}"));
        assertEquals(String.valueOf(java.time.Year.now().getValue()), render("{{ now(fmt='%Y') }}"));
        assertThrows(TemplateException.class, () -> render("{{ lookup('dig', 'example.org') }}"));
    }

    @Test
    void lookupTermsAreTemplatedAgainUnlessUnsafe() {
        // Ansible's template target: lookup('pipe', '{{ ansible_python["executable"] }} -c ...')
        assertEquals(List.of(1, 2, 3), render("{{ lookup('vars', '{{ \"l\" }}') }}"));
        // ansible 2.14: a text item is joined (lookup('items', ['a', 'b']) is 'a,b'); one item is itself
        assertEquals("{{ l }}", TEMPLATER.render("{{ lookup('items', u) }}",
                Map.of("u", Unsafe.of("{{ l }}"), "l", List.of(1))));
    }

    @Test
    void linesLookupGivesAnItemPerLine() {
        // Ansible's template target: lookup('lines', 'echo lookedup_bar') in a macro
        Map<String, Object> vars = Map.of("playbook_dir", System.getProperty("java.io.tmpdir"));
        assertEquals(List.of("a", "b"), TEMPLATER.render("{{ query('lines', 'echo a; echo b') }}", vars));
        assertEquals("x", TEMPLATER.render("{{ lookup('lines', 'echo x') }}", vars));
    }

    @Test
    void fileglobListsTheRegularFilesAPatternMatches(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // filter_core's foo.j2: (playbook_dir + '/files/fileglob/*') | fileglob | map('basename') | sort
        java.nio.file.Files.createDirectories(dir.resolve("files/fileglob/sub"));
        java.nio.file.Files.writeString(dir.resolve("files/fileglob/two.txt"), "2");
        java.nio.file.Files.writeString(dir.resolve("files/fileglob/one.txt"), "1");
        java.nio.file.Files.writeString(dir.resolve("files/fileglob/.hidden"), "h");
        assertEquals(List.of(dir + "/files/fileglob/one.txt", dir + "/files/fileglob/two.txt"),
                TEMPLATER.render("{{ (d + '/files/*/*') | fileglob }}", Map.of("d", dir.toString())));
        assertEquals(List.of(), TEMPLATER.render("{{ (d + '/nothing/*') | fileglob }}", Map.of("d", dir.toString())));
    }

    @Test
    void expanduserAndExtract() {
        assertEquals(System.getenv("HOME") + "/x", render("{{ '~/x' | expanduser }}"));
        assertEquals(List.of("b", "a"), render("{{ [1, 0] | map('extract', ['a', 'b']) | list }}"));
    }
}
