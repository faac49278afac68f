package dev.drover.template;

import java.util.List;
import java.util.Map;

/**
 * Tests ({@code value is name}) with Ansible's meaning: {@code defined}, {@code undefined} and
 * {@code none}, which may look at undefined values; the task-result tests {@code succeeded},
 * {@code failed}, {@code changed}, {@code skipped}, {@code unreachable} (and their aliases), which need a
 * registered result; and {@code truthy}, {@code falsy}, {@code contains}, {@code subset},
 * {@code superset}, {@code any}, {@code all}; {@code vault_encrypted} for a {@code !vault} value read as it is.
 */
final class AnsibleTests {
    private AnsibleTests() {
    }

    static List<TestDef> all() {
        return List.of(
                TestDef.seeingUndefined("defined", (v, a, e) -> {
                    e.excuse(v);
                    return !(v instanceof Undefined);
                }),
                TestDef.seeingUndefined("undefined", (v, a, e) -> {
                    e.excuse(v);
                    return v instanceof Undefined;
                }),
                TestDef.seeingUndefined("none", (v, a, e) -> {
                    e.excuse(v);
                    return v == null;
                }),
                result("failed", r -> flag(r, "failed")),
                result("failure", r -> flag(r, "failed")),
                result("succeeded", r -> !flag(r, "failed")),
                result("success", r -> !flag(r, "failed")),
                result("successful", r -> !flag(r, "failed")),
                result("changed", AnsibleTests::changed),
                result("change", AnsibleTests::changed),
                result("skipped", r -> flag(r, "skipped")),
                result("skip", r -> flag(r, "skipped")),
                result("unreachable", r -> flag(r, "unreachable")),
                result("reachable", r -> !flag(r, "unreachable")),
                // Ansible's: a result without the field (not async) counts as started and finished.
                result("finished", r -> one(r, "finished")),
                result("started", r -> one(r, "started")),
                TestDef.of("vault_encrypted", (v, a, e) -> e.vaulted(v)),
                TestDef.of("truthy", (v, a, e) -> truthy(v, a)),
                TestDef.of("falsy", (v, a, e) -> !truthy(v, a)),
                TestDef.of("contains", (v, a, e) -> contains(v, a.required(0, "value"))),
                TestDef.of("subset", (v, a, e) -> containsAll(a.required(0, "superset"), v)),
                TestDef.of("superset", (v, a, e) -> containsAll(v, a.required(0, "subset"))),
                TestDef.of("any", (v, a, e) -> PyValues.items(v).stream().anyMatch(PyValues::truthy)),
                TestDef.of("all", (v, a, e) -> PyValues.items(v).stream().allMatch(PyValues::truthy)));
    }

    private interface ResultTest {
        boolean test(Map<?, ?> result);
    }

    private static TestDef result(String name, ResultTest test) {
        return TestDef.of(name, (v, a, e) -> {
            if (!(v instanceof Map<?, ?> map)) {
                throw new TemplateFailure("The '" + name + "' test expects a dictionary");
            }
            return test.test(map);
        });
    }

    /** Ansible's {@code truthy(convert_bool=False)}: with convert_bool, yes/on/1/true count as true. */
    private static boolean truthy(Object value, Args args) {
        // Ansible's boolean(strict) raises on words it does not know; truthy then keeps the value as is.
        if (args.flag(0, "convert_bool", false) && (value instanceof Boolean || value == null
                || value instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)
                || value instanceof CharSequence s && CoreFilters.isBoolWord(s.toString()))) {
            return PyValues.truthy(CoreFilters.toBool(value));
        }
        return PyValues.truthy(value);
    }

    private static boolean one(Map<?, ?> result, String key) {
        Object v = result.containsKey(key) ? result.get(key) : 1;
        return v instanceof Number n ? n.doubleValue() == 1 : Boolean.TRUE.equals(v) || "1".equals(v);
    }

    private static boolean flag(Map<?, ?> result, String key) {
        return PyValues.truthy(result.get(key));
    }

    /** Ansible's {@code changed}: the result's flag, or any changed item of a looped result without one. */
    private static boolean changed(Map<?, ?> result) {
        if (result.containsKey("changed")) {
            return flag(result, "changed");
        }
        if (result.get("results") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && flag(m, "changed")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Python's {@code value in seq}: a substring of a string, a key of a mapping, an item of a list. */
    private static boolean contains(Object seq, Object value) {
        if (seq instanceof String text) {
            if (!(value instanceof String part)) {
                throw new TemplateFailure("'in <string>' requires string as left operand, not " + PyValues.typeName(value));
            }
            return text.contains(part);
        }
        return PyCompare.containsEqual(PyValues.items(seq), value);
    }

    private static boolean containsAll(Object container, Object items) {
        List<Object> all = PyValues.items(container);
        for (Object item : PyValues.items(items)) {
            if (!PyCompare.containsEqual(all, item)) {
                return false;
            }
        }
        return true;
    }
}
