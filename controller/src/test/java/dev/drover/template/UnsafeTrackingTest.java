package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ansible's rule for unsafe values through templates (2.14's AnsibleContext and wrap_var): a string
 * whose template read an unsafe value gives an unsafe result, which whatever stores it (set_fact, loop
 * items) never renders again. Checked with ansible-core 2.14.18: {@code set_fact} of each template, then
 * {@code debug} of the fact, prints the raw text where the result is unsafe and renders it otherwise.
 */
class UnsafeTrackingTest {
    private static Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("base", "/opt");
        vars.put("result", Unsafe.of(Map.of("stdout", "{{ base }}", "rc", 0)));
        vars.put("from_result", "{{ result.stdout }}");
        vars.put("mixed", Map.of("path", "{{ base }}", "output", Unsafe.of("{{ base }}")));
        return vars;
    }

    private static Object render(Object value) {
        return TEMPLATER.renderKeepingUnsafe(value, vars(), false);
    }

    @Test
    void aResultMadeFromAnUnsafeValueIsUnsafe() {
        // ansible: set_fact b: "{{ reg.stdout }}" -> debug b prints '{{ zz }}', not zz's value
        assertEquals(Unsafe.of("{{ base }}"), render("{{ result.stdout }}"));
        // through a filter that passes it on: e={{ ZZ }}
        assertEquals(Unsafe.of("{{ BASE }}"), render("{{ result.stdout | upper }}"));
        assertEquals(Unsafe.of("x {{ base }}"), render("x {{ result['stdout'] }}"));
    }

    @Test
    void aResultMadeOnlyFromSafeValuesIsPlainAndSoRenderedAgainWhenRead() {
        // ansible: set_fact c: "{{ '{{' }} zz }}" -> debug c prints ZZ
        assertEquals("{{ base }}", render("{{ '{{' }} base }}"));
        assertEquals("/opt/x", render("{{ base }}/x"));
        assertEquals(5, render("{{ 2 + 3 }}"));
    }

    @Test
    void aVariableRenderedFromAnUnsafeValueStaysUnsafeOnEveryRead() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("first", "{{ from_result }}");
        args.put("again", "{{ from_result }}"); // the second read comes from the call's remembered value
        args.put("neighbour", "{{ base }}");
        Map<?, ?> out = (Map<?, ?>) render(args);
        assertEquals(Unsafe.of("{{ base }}"), out.get("first"));
        assertEquals(Unsafe.of("{{ base }}"), out.get("again"));
        assertEquals("/opt", out.get("neighbour"), "each string is its own template: one unsafe read taints no other");
    }

    @Test
    void aVariableWithAnUnsafePartIsUnsafeAsAWhole() {
        // ansible: mixed: {path: "{{ '{{' }} zz }}", out: !unsafe '{{ zz }}'}; set_fact d: "{{ mixed.path }}"
        // -> debug d prints '{{ zz }}' (Ansible's _is_unsafe looks into dicts and lists)
        assertEquals(Unsafe.of("/opt"), render("{{ mixed.path }}"));
        assertEquals(Unsafe.of(List.of("/opt")), render("{{ [mixed.path] }}"));
    }

    @Test
    void lookupResultsAreUnsafeUnlessAllowed() {
        // ansible: set_fact a: "{{ lookup('env', 'X') }}" with X='{{ zz }}' -> debug a prints '{{ zz }}'
        assertEquals(Unsafe.of("a"), render("{{ lookup('items', 'a') }}"));
        assertEquals(Unsafe.of("x-a"), render("x-{{ lookup('items', 'a') }}"));
        // allow_unsafe=True: the list as the plugin gave it, plain (ansible: debug f printed ["ZZ"])
        assertEquals(List.of("a"), render("{{ lookup('items', 'a', allow_unsafe=True) }}"));
    }

    @Test
    void unsafeValuesStayWrappedAndUndefinedCanBeLeftAsItIs() {
        assertEquals(Unsafe.of("{{ base }}"), render(Unsafe.of("{{ base }}")));
        assertEquals(List.of(Unsafe.of("{{ base }}"), "/opt"), render(List.of("{{ result.stdout }}", "{{ base }}")));
        // hostvars render a host's values so (Ansible's fail_on_undefined=False)
        assertEquals("{{ nope }}/x", TEMPLATER.renderKeepingUnsafe("{{ nope }}/x", vars(), true));
        assertThrows(UndefinedVariableException.class, () -> render("{{ nope }}/x"));
    }

    @Test
    void aVaultValueReadAsItIsIsVaultEncrypted() {
        // Ansible's test_core target: set_fact vaulted_value: !vault ...; vaulted_value is vault_encrypted,
        // inventory_hostname is not; a filter's result is text again (ansible 2.14.18: False).
        Map<String, Object> vars = new LinkedHashMap<>(vars());
        vars.put("vaulted_value", Unsafe.vaulted("foo {{ base }}"));
        assertEquals(true, TEMPLATER.condition("vaulted_value is vault_encrypted", vars));
        assertEquals(false, TEMPLATER.condition("base is vault_encrypted", vars));
        assertEquals(false, TEMPLATER.condition("'foo {{ base }}' is vault_encrypted", vars));
        assertEquals(false, TEMPLATER.condition("(vaulted_value | upper) is vault_encrypted", vars));
        // its text is never rendered as a template
        assertEquals("foo {{ base }}", TEMPLATER.render("{{ vaulted_value }}", vars));
        assertEquals(Unsafe.vaulted("foo {{ base }}"), TEMPLATER.renderKeepingUnsafe(Unsafe.vaulted("foo {{ base }}"), vars, false));
    }
}
