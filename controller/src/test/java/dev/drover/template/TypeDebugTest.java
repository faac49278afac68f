package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code type_debug} names the Python class Ansible 2.14 gives a value, which depends on where the value
 * came from. Each row is checked against ansible-playbook 2.14.18: a play printing
 * {@code "{{ (EXPR) | type_debug }}"} for each origin (local connection), with the variables below set
 * as drover's executor stores them (host data and {@code !unsafe} wrapped in {@link Unsafe}). It printed:
 * <pre>
 * literal 'foo' str                   r.stdout                  AnsibleUnsafeText
 * play var pv (hello)  AnsibleUnicode  r.stdout_lines[0]         AnsibleUnsafeText
 * play var pi (3)      int             r.rc / r.changed          int / bool
 * pd / pl              dict / list     ansible_facts.system      AnsibleUnsafeText
 * pt2: "{{ pv }}!"     str             ansible_system            AnsibleUnsafeText
 * pt3: "{{ pv | upper }}" str          pu: !unsafe 'hello {{ x }}' AnsibleUnsafeText
 * pt5: "{{ [1, 2] }}"  list            pu2: "{{ pu }}"           AnsibleUnsafeText
 * ekv (-e ekv=hello)   str             pul: !unsafe ['{{ a }}'], pul[0]  AnsibleUnsafeText
 * pvault: !vault       AnsibleVaultEncryptedUnicode
 * lookup('file', 'f.txt')                                     AnsibleUnsafeText
 * lookup('file', 'f.txt') | upper / | trim / | replace('h', 'j') AnsibleUnsafeText
 * lookup('file', 'f.txt') ~ 'x' / | regex_replace('h', 'j')    str
 * lookup('file', 'f.txt') | string                            NativeJinjaText
 * (lookup('file', 'f.txt')).split('l')[0]                     AnsibleUnsafeText
 * lookup('file', 'f.txt', allow_unsafe=True)                  list
 * lv: "{{ lookup('file', 'f.txt') }}", lv                      AnsibleUnsafeText
 * lvu: "{{ lookup('file', 'f.txt') | upper }}", lvu            AnsibleUnsafeText
 * lookup('env', 'HOME') / lookup('vars', 'pv')                AnsibleUnsafeText
 * query('list', 'a', 'b') / query('list', 'a', 'b')[0]        list / AnsibleUnsafeText
 * lookup('template', 't.j2') / lookup('template', 'num.j2')   AnsibleUnsafeText
 * lookup('template', 't.j2', convert_data=False)              NativeJinjaUnsafeText
 * lookup('template', 'json_macro.j2')                         dict
 * lookup('template', 'json_macro.j2', convert_data=False)     NativeJinjaUnsafeText
 * ltj / ltjn (the two above through a variable)               dict / NativeJinjaUnsafeText
 * lookup('template', 't.j2', convert_data=False) | upper      NativeJinjaUnsafeText
 * set_fact sf4: "{{ lookup('file', 'f.txt') }}", sf4           AnsibleUnsafeText
 * pv | upper, pl | join(','), pv ~ '', undefined_x | default('d')  str
 * pd | to_json / pv | string                                  NativeJinjaText
 * '{"a": 1}' | from_json / '5' | int                          dict / int
 * </pre>
 * Not modelled (docs/compatibility.md): {@code AnsibleUnicode}, text read from YAML and not rendered
 * (play and task vars, vars files, role defaults, set_fact of a YAML string), which drover calls
 * {@code str}; {@code lookup(...) + 'x'} (AnsibleUnsafeText; drover: str); and {@code "{{ 1 + 2 }}"},
 * text in 2.14, an int in drover as from 2.19.
 */
class TypeDebugTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("files/f.txt"), "hello\n");
        Files.writeString(dir.resolve("templates/t.j2"), "plain text {{ pv }}\n");
        Files.writeString(dir.resolve("templates/num.j2"), "42");
        // Ansible's template target's json_macro.j2.
        Files.writeString(dir.resolve("templates/json_macro.j2"),
                "{% macro m() %}{{ {\"foo\":\"bar\"} }}{% endmacro %}\n{{ m() }}\n");
    }

    private static Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("playbook_dir", dir.toString());
        vars.put("pv", "hello");
        vars.put("pi", 3);
        vars.put("pl", List.of("a", "b"));
        vars.put("pd", Map.of("k", "v"));
        vars.put("pt2", "{{ pv }}!");
        vars.put("pt3", "{{ pv | upper }}");
        vars.put("pt5", "{{ [1, 2] }}");
        vars.put("ekv", "hello");
        // What hosts return: the executor stores registered results and facts unsafe.
        vars.put("r", Unsafe.of(Map.of("stdout", "hi", "stdout_lines", List.of("hi"), "rc", 0, "changed", false)));
        vars.put("ansible_facts", Unsafe.of(Map.of("system", "Linux")));
        vars.put("ansible_system", Unsafe.of("Linux"));
        vars.put("pu", Unsafe.of("hello {{ x }}"));
        vars.put("pu2", "{{ pu }}");
        vars.put("pul", Unsafe.of(List.of("{{ a }}")));
        vars.put("pvault", Unsafe.vaulted("hello"));
        vars.put("lv", "{{ lookup('file', 'f.txt') }}");
        vars.put("lvu", "{{ lookup('file', 'f.txt') | upper }}");
        vars.put("ltj", "{{ lookup('template', 'json_macro.j2') }}");
        vars.put("ltjn", "{{ lookup('template', 'json_macro.j2', convert_data=False) }}");
        return vars;
    }

    static Stream<Arguments> origins() {
        return Stream.of(
                Arguments.of("'foo'", "str"),
                Arguments.of("pi", "int"),
                Arguments.of("pd", "dict"),
                Arguments.of("pl", "list"),
                Arguments.of("pt2", "str"),
                Arguments.of("pt3", "str"),
                Arguments.of("pt5", "list"),
                Arguments.of("ekv", "str"),
                Arguments.of("r.stdout", "AnsibleUnsafeText"),
                Arguments.of("r['stdout']", "AnsibleUnsafeText"),
                Arguments.of("r.stdout_lines[0]", "AnsibleUnsafeText"),
                Arguments.of("r.rc", "int"),
                Arguments.of("r.changed", "bool"),
                Arguments.of("r.stdout_lines", "list"),
                Arguments.of("ansible_facts.system", "AnsibleUnsafeText"),
                Arguments.of("ansible_system", "AnsibleUnsafeText"),
                Arguments.of("pu", "AnsibleUnsafeText"),
                Arguments.of("pu2", "AnsibleUnsafeText"),
                Arguments.of("pul[0]", "AnsibleUnsafeText"),
                Arguments.of("pvault", "AnsibleVaultEncryptedUnicode"),
                Arguments.of("lookup('file', 'f.txt')", "AnsibleUnsafeText"),
                Arguments.of("lookup('file', 'f.txt') | upper", "AnsibleUnsafeText"),
                Arguments.of("lookup('file', 'f.txt') | trim", "AnsibleUnsafeText"),
                Arguments.of("lookup('file', 'f.txt') | replace('h', 'j')", "AnsibleUnsafeText"),
                Arguments.of("lookup('file', 'f.txt') ~ 'x'", "str"),
                Arguments.of("lookup('file', 'f.txt') | regex_replace('h', 'j')", "str"),
                Arguments.of("lookup('file', 'f.txt') | string", "NativeJinjaText"),
                Arguments.of("(lookup('file', 'f.txt')).split('l')[0]", "AnsibleUnsafeText"),
                Arguments.of("lookup('file', 'f.txt', allow_unsafe=True)", "list"),
                Arguments.of("lv", "AnsibleUnsafeText"),
                Arguments.of("lvu", "AnsibleUnsafeText"),
                Arguments.of("lookup('env', 'HOME')", "AnsibleUnsafeText"),
                Arguments.of("lookup('vars', 'pv')", "AnsibleUnsafeText"),
                Arguments.of("query('list', 'a', 'b')", "list"),
                Arguments.of("query('list', 'a', 'b')[0]", "AnsibleUnsafeText"),
                Arguments.of("lookup('template', 't.j2')", "AnsibleUnsafeText"),
                Arguments.of("lookup('template', 'num.j2')", "AnsibleUnsafeText"),
                Arguments.of("lookup('template', 't.j2', convert_data=False)", "NativeJinjaUnsafeText"),
                Arguments.of("lookup('template', 'json_macro.j2')", "dict"),
                Arguments.of("lookup('template', 'json_macro.j2', convert_data=False)", "NativeJinjaUnsafeText"),
                Arguments.of("ltj", "dict"),
                Arguments.of("ltjn", "NativeJinjaUnsafeText"),
                Arguments.of("lookup('template', 't.j2', convert_data=False) | upper", "NativeJinjaUnsafeText"),
                Arguments.of("pv | upper", "str"),
                Arguments.of("pl | join(',')", "str"),
                Arguments.of("pv ~ ''", "str"),
                Arguments.of("undefined_x | default('d')", "str"),
                Arguments.of("pd | to_json", "NativeJinjaText"),
                Arguments.of("pv | string", "NativeJinjaText"),
                Arguments.of("'{\"a\": 1}' | from_json", "dict"),
                Arguments.of("'5' | int", "int"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("origins")
    void typeDebugNamesAnsiblesClassForWhereTheValueCameFrom(String expression, String ansible) {
        assertEquals(ansible, TEMPLATER.render("{{ (" + expression + ") | type_debug }}", vars()));
    }

    @Test
    void aStoredValueKeepsItsClassForLaterTasks() {
        // ansible: set_fact sf4: "{{ lookup('file', 'f.txt') }}", then sf4 | type_debug: AnsibleUnsafeText;
        // the template target's data_not_converted (a NativeJinjaUnsafeText) the same through set_fact.
        Map<String, Object> stored = vars();
        stored.put("sf4", TEMPLATER.renderKeepingUnsafe("{{ lookup('file', 'f.txt') }}", vars(), false));
        stored.put("sfn", TEMPLATER.renderKeepingUnsafe(
                "{{ lookup('template', 'json_macro.j2', convert_data=False) }}", vars(), false));
        assertEquals("AnsibleUnsafeText", TEMPLATER.render("{{ sf4 | type_debug }}", stored));
        assertEquals("NativeJinjaUnsafeText", TEMPLATER.render("{{ sfn | type_debug }}", stored));
        assertEquals("str", TEMPLATER.render("{{ sfn | type_debug }}", Map.of("sfn", "{'foo': 'bar'}")));
    }

    @Test
    void templateLookupWithoutConvertDataIsTextWhereverItIsTheWholeResult() {
        // Ansible's template target: data_not_converted | type_debug == 'NativeJinjaUnsafeText' and
        // data_converted | type_debug == 'dict'; convert_data=False text is never read as a literal.
        Map<String, Object> vars = vars();
        vars.put("data_not_converted", "{{ lookup('template', 'json_macro.j2', convert_data=False) }}");
        vars.put("data_converted", "{{ lookup('template', 'json_macro.j2') }}");
        assertTrue(TEMPLATER.condition("data_not_converted | type_debug == 'NativeJinjaUnsafeText'", vars));
        assertTrue(TEMPLATER.condition("data_converted | type_debug == 'dict'", vars));
        assertEquals("{'foo': 'bar'}\n", TEMPLATER.render("{{ data_not_converted }}", vars));
        assertEquals(Map.of("foo", "bar"), TEMPLATER.render("{{ data_converted }}", vars));
    }

    @Test
    void aVaultValueIsVaultEncryptedOnlyAsItIsRead() {
        Map<String, Object> vars = vars();
        vars.put("via", "{{ pvault }}");
        assertTrue(TEMPLATER.condition("pvault is vault_encrypted", vars));
        assertTrue(TEMPLATER.condition("pvault is vault_encrypted and (pvault | string) is not vault_encrypted", vars));
        assertTrue(TEMPLATER.condition("via is not vault_encrypted", vars));
    }
}
