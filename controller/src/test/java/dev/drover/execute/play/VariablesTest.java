package dev.drover.execute.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.drover.execute.TargetHost;
import dev.drover.template.Unsafe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variable layers, without hosts or templates. */
class VariablesTest {

    @Test
    void eachLayerBeatsTheOnesBelowIt() {
        HostState host = new HostState(new TargetHost("a", Map.of("v1", "inventory", "v2", "inventory", "v3", "inventory",
                "v4", "inventory", "v5", "inventory", "v6", "inventory", "v7", "inventory", "v8", "inventory")));
        host.addFacts(Map.of("ansible_os_family", "Debian"));
        host.addIncludeVars(Map.of("v6", "include_vars", "v7", "include_vars", "v8", "include_vars"));
        host.setHostFacts(Map.of("v7", "set_fact", "v8", "set_fact"));
        Variables.PlayScope play = new Variables.PlayScope(
                Map.of("v2", "play", "v3", "play", "v4", "play", "v5", "play", "v6", "play", "v7", "play", "v8", "play"),
                Map.of("v3", "vars_files", "v4", "vars_files", "v5", "vars_files", "v6", "vars_files", "v7", "vars_files", "v8", "vars_files"),
                Map.of("v8", "extra", "inventory_hostname", "not allowed"),
                List.of("a", "b"), List.of("a"), Map.of("a", host), Path.of("/pb"), false, true, TagFilter.ALL, 0, PlayRoles.NONE);
        Map<String, Object> v = Variables.forTask(play, host,
                List.of(Map.of("v4", "outer block", "v5", "outer block"), Map.of("v5", "inner block")),
                Map.of("v5", "task", "v6", "task", "v7", "task", "v8", "task"), true);

        assertEquals("inventory", v.get("v1"));
        assertEquals("play", v.get("v2"));
        assertEquals("vars_files", v.get("v3"));
        assertEquals("outer block", v.get("v4"));
        assertEquals("task", v.get("v5"));
        assertEquals("include_vars", v.get("v6"));
        assertEquals(Unsafe.of("set_fact"), v.get("v7"), "set_fact values are stored as unsafe");
        assertEquals("extra", v.get("v8"));
        assertEquals("a", v.get("inventory_hostname"), "magic variables win over everything");
        assertEquals(true, v.get("ansible_check_mode"));
        assertEquals(List.of("a"), v.get("ansible_play_batch"));
        assertEquals(List.of("a", "b"), v.get("ansible_play_hosts_all"));
        assertEquals(Unsafe.of("Debian"), v.get("ansible_os_family"));
        assertEquals(Map.of("os_family", "Debian"), ((Unsafe) v.get("ansible_facts")).value());
    }

    @Test
    void hostvarsShowOtherHostsWithoutPlayOrTaskVars() {
        HostState a = new HostState(new TargetHost("a", Map.of("role", "db", "url", "http://{{ inventory_hostname }}:{{ port }}",
                "late", "{{ not_on_a }}")));
        a.setHostFacts(Map.of("token", "t1"));
        a.setFacts(Map.of("port", 8080));
        HostState b = new HostState(new TargetHost("b", Map.of()));
        Variables.PlayScope play = new Variables.PlayScope(Map.of("p", 1), Map.of(), Map.of(), List.of("a", "b"),
                List.of("a", "b"), Map.of("a", a, "b", b), Path.of("/pb"), false, false, TagFilter.ALL, 0, PlayRoles.NONE);
        Map<String, Object> v = Variables.forTask(play, b, List.of(), Map.of("only_b_task", 1), false);
        Map<?, ?> hostvars = assertInstanceOf(Variables.Hostvars.class, v.get("hostvars"));
        Map<?, ?> ofA = (Map<?, ?>) hostvars.get("a");
        assertEquals("db", ofA.get("role"));
        assertEquals(Unsafe.of("t1"), ofA.get("token"));
        // As Ansible's hostvars (get_vars without the play): play vars are not there.
        assertEquals(null, ofA.get("p"));
        assertEquals(null, ofA.get("only_b_task"));
        // Rendered with a's own variables, not the reader's.
        assertEquals("http://a:8080", ofA.get("url"));
        // A variable a does not have leaves the text as it is (Ansible's fail_on_undefined=False).
        assertEquals("{{ not_on_a }}", ofA.get("late"));
    }
}
