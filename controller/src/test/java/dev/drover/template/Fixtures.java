package dev.drover.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One templater for all tests (building one takes a while) and the variables the expected values were
 * recorded with: the same variables were given to ansible-core 2.14.18 in a playbook whose tasks printed
 * each template with {@code debug: msg=...}; comments in the tests quote what Ansible printed.
 */
final class Fixtures {
    static final Templater TEMPLATER = Templater.jinja();

    private Fixtures() {
    }

    static Map<String, Object> vars() {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rc", 0);
        r.put("stdout", " hi ");
        r.put("changed", true);
        vars.put("r", r);
        vars.put("n", null);
        vars.put("l", List.of(1, 2, 3));
        vars.put("t", true);
        vars.put("s", "a,b");
        vars.put("users", List.of(Map.of("name", "a", "on", true), Map.of("name", "b", "on", false)));
        vars.put("failed_r", Map.of("failed", true, "rc", 1));
        vars.put("skipped_r", Map.of("skipped", true, "changed", false));
        vars.put("loop_r", Map.of("results", List.of(Map.of("changed", false), Map.of("changed", true))));
        vars.put("strnum", "7");
        vars.put("blank", "");
        vars.put("zero", 0);
        return vars;
    }

    /** Renders with the standard variables. */
    static Object render(String template) {
        return TEMPLATER.render(template, vars());
    }

    static Object evaluate(String expression) {
        return TEMPLATER.evaluate(expression, vars());
    }

    static boolean condition(String expression) {
        return TEMPLATER.condition(expression, vars());
    }
}
