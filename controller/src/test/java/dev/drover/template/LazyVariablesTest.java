package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Variables whose values are templates are rendered when used, with the same variables, as Ansible
 * does; unsafe values never are. Recorded with ansible-core 2.14.18 and these play vars:
 * {@code base: /opt, home: "{{ base }}/alfresco", conf: {dir: "{{ home }}/conf", list: ["{{ base }}", 2]},
 * a: "{{ b }}", loop1: "{{ loop2 }}", loop2: "{{ loop1 }}"}.
 */
class LazyVariablesTest {
    private static Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("base", "/opt");
        vars.put("home", "{{ base }}/alfresco");
        vars.put("conf", Map.of("dir", "{{ home }}/conf", "list", List.of("{{ base }}", 2)));
        vars.put("a", "{{ b }}");
        vars.put("loop1", "{{ loop2 }}");
        vars.put("loop2", "{{ loop1 }}");
        vars.put("result", Unsafe.of(Map.of("stdout", "{{ not_a_variable }}", "rc", 0)));
        vars.put("raw", Unsafe.of("{% raw %}"));
        vars.put("mixed", Map.of("path", "{{ base }}", "output", Unsafe.of("{{ x }}")));
        vars.put("pw", Secret.of("hunter2"));
        vars.put("url", "postgres://alfresco:{{ pw }}@db/alfresco");
        return vars;
    }

    @Test
    void variablesReferringToVariablesAreRendered() {
        // ansible: /opt/alfresco /opt/alfresco/conf {'dir': '/opt/alfresco/conf', 'list': ['/opt', 2]}
        assertEquals("/opt/alfresco /opt/alfresco/conf", TEMPLATER.render("{{ home }} {{ conf.dir }}", vars()));
        assertEquals(Map.of("dir", "/opt/alfresco/conf", "list", List.of("/opt", 2)), TEMPLATER.render("{{ conf }}", vars()));
        assertTrue(TEMPLATER.condition("home == '/opt/alfresco'", vars()));
    }

    @Test
    void aVariableWhoseTemplateIsUndefinedIsUndefined() {
        // ansible: false, dflt, and "{{ b }}: 'b' is undefined"
        assertEquals(false, TEMPLATER.render("{{ a is defined }}", vars()));
        assertEquals("dflt", TEMPLATER.render("{{ a | default('dflt') }}", vars()));
        UndefinedVariableException e = assertThrows(UndefinedVariableException.class, () -> TEMPLATER.render("{{ a }}", vars()));
        assertEquals("b", e.variable());
        assertEquals("'b' is undefined (in variable 'a': {{ b }})", e.reason());
    }

    @Test
    void referenceLoopsAreReportedOnce() {
        // ansible repeats "An unhandled exception occurred while templating" 100 times, then
        // "recursive loop detected in template string: {{ loop2 }}"
        TemplateException e = assertThrows(TemplateException.class, () -> TEMPLATER.render("{{ loop1 }}", vars()));
        assertEquals(TemplateException.Kind.FAILED, e.kind());
        assertTrue(e.reason().startsWith("recursive loop detected in template string: variable 'loop1' refers to itself"
                + " (loop1 -> loop2 -> loop1)"), e.reason());
    }

    /** A chain of variables, v0 -> v1 -> ... -> v{links}: "end". */
    private static Map<String, Object> chain(int links) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < links; i++) {
            vars.put("v" + i, "{{ v" + (i + 1) + " }}");
        }
        vars.put("v" + links, "end");
        return vars;
    }

    @Test
    void aLongChainOfVariablesIsATemplateErrorNamingItNotAStackOverflow() throws Exception {
        // On a thread with the JVM's default stack, as host threads have: 600 links overflowed it.
        Object[] outcome = new Object[2];
        Thread host = new Thread(() -> {
            outcome[0] = TEMPLATER.render("{{ v0 }}", chain(LazyVars.MAX_CHAIN - 1));
            outcome[1] = assertThrows(TemplateException.class, () -> TEMPLATER.render("{{ v0 }}", chain(600)));
        });
        host.setUncaughtExceptionHandler((t, e) -> outcome[1] = e);
        host.start();
        host.join();
        assertEquals("end", outcome[0], "a chain within the bound renders: " + outcome[1]);
        TemplateException e = assertInstanceOf(TemplateException.class, outcome[1]);
        assertTrue(e.reason().startsWith("variables refer to one another more than 100 deep (v0 -> v1 -> v2 -> ... -> "),
                e.reason());
    }

    @Test
    void unsafeValuesAreNeverRendered() {
        assertEquals("{{ not_a_variable }}", TEMPLATER.render("{{ result.stdout }}", vars()));
        assertEquals("out: {{ not_a_variable }}", TEMPLATER.render("out: {{ result.stdout }}", vars()));
        assertEquals("{% raw %}", TEMPLATER.render("{{ raw }}", vars()));
        assertEquals(Map.of("path", "/opt", "output", "{{ x }}"), TEMPLATER.render("{{ mixed }}", vars()));
        assertEquals("{{ x }}", TEMPLATER.render(Unsafe.of("{{ x }}"), vars()), "an unsafe argument is not rendered");
        assertTrue(TEMPLATER.condition("result.rc == 0 and result is success", vars()));
    }

    @Test
    void secretsInsideRenderedVariablesStaySecret() {
        Object url = TEMPLATER.render("{{ url }}", vars());
        assertEquals("postgres://alfresco:hunter2@db/alfresco", assertInstanceOf(Secret.class, url).revealString());
        assertInstanceOf(Secret.class, TEMPLATER.render("jdbc:{{ url }}", vars()));
    }

    @Test
    void eachVariableIsRenderedOncePerCall() {
        Map<String, Object> counted = new LinkedHashMap<>(vars()) {
            int homeReads;

            @Override
            public Object get(Object key) {
                if ("home".equals(key) && ++homeReads > 1) {
                    throw new AssertionError("home was read " + homeReads + " times");
                }
                return super.get(key);
            }
        };
        assertEquals("/opt/alfresco/opt/alfresco", TEMPLATER.render("{{ home }}{{ home }}", counted));
    }
}
