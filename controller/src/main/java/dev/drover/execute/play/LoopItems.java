package dev.drover.execute.play;

import dev.drover.playbook.Loop;
import dev.drover.playbook.LoopControl;
import dev.drover.template.Templater;
import dev.drover.template.Unsafe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loop's items and the variables each item run sees: the rendered {@code loop:} or {@code with_*}
 * value as a list (unsafe where Ansible's would be), the rendered {@code loop_var}, and {@code item},
 * {@code index_var}, {@code ansible_loop_var} and {@code ansible_loop} per item. Used by a task's
 * loop ({@link TaskRunner}), a looped include ({@link Includes}) and the checks before a run
 * ({@link TemplateChecks}).
 */
final class LoopItems {
    private LoopItems() {
    }

    /** The loop's rendered value as a list of items, per its keyword. */
    static List<Object> items(Loop loop, Templater t, Map<String, Object> vars) {
        // As Ansible: with_* items come from lookups, whose results are unsafe; loop: items are unsafe
        // when its template read unsafe values. Unsafe items are never rendered again as the item.
        boolean fromLookup = loop.flavor() != Loop.Flavor.LIST;
        Object rendered = fromLookup ? t.render(loop.items(), vars) : t.renderKeepingUnsafe(loop.items(), vars, false);
        boolean unsafe = fromLookup || rendered instanceof Unsafe;
        if (rendered instanceof Unsafe u) {
            rendered = u.value();
        }
        List<Object> items = new ArrayList<>(plainItems(loop, rendered));
        if (unsafe) {
            items.replaceAll(i -> i instanceof Unsafe ? i : Unsafe.of(i));
        }
        return items;
    }

    /** An item as results and labels show it. */
    static Object shown(Object item) {
        return item instanceof Unsafe u ? u.value() : item;
    }

    private static List<Object> plainItems(Loop loop, Object rendered) {
        return switch (loop.flavor()) {
            case WITH_LIST -> {
                if (!(rendered instanceof List<?> l)) {
                    throw new IllegalArgumentException("with_list expects a list"); // Ansible's list lookup
                }
                yield new ArrayList<>(l);
            }
            case LIST -> {
                if (!(rendered instanceof List<?> l)) {
                    throw new NotAList(rendered);
                }
                yield new ArrayList<>(l);
            }
            case ITEMS -> {
                List<Object> out = new ArrayList<>();
                for (Object o : rendered instanceof List<?> l ? l : List.of(rendered)) {
                    if (o instanceof List<?> inner) {
                        out.addAll(inner);
                    } else {
                        out.add(o);
                    }
                }
                yield out;
            }
            case SEQUENCE, TOGETHER, NESTED, INDEXED_ITEMS, FLATTENED -> LoopFlavors.items(loop.flavor(), rendered);
            case DICT -> {
                if (!(rendered instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("with_dict expects a dict");
                }
                List<Object> out = new ArrayList<>();
                m.forEach((k, v) -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("key", k);
                    item.put("value", v);
                    out.add(item);
                });
                yield out;
            }
        };
    }

    /** A {@code loop:} that rendered to no list; its message is Ansible's (TaskExecutor._get_loop_items). */
    static final class NotAList extends IllegalArgumentException {
        private final transient Object value;

        NotAList(Object value) {
            super(KeywordFailure.notAListMessage(value));
            this.value = value;
        }

        Object value() {
            return value;
        }
    }

    /**
     * The loop control with its {@code loop_var} rendered: Ansible templates it with the task's
     * variables ({@code loop_var: "{{ name }}"}); the result must be a variable name.
     */
    static LoopControl withLoopVar(LoopControl lc, Templater t, Map<String, Object> vars) {
        if (!dev.drover.playbook.Coerce.isTemplate(lc.loopVar())) {
            return lc;
        }
        String name = String.valueOf(t.render(lc.loopVar(), vars)).strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("loop_var '" + lc.loopVar() + "' rendered to '" + name
                    + "', which is not a valid variable name");
        }
        return new LoopControl(name, lc.indexVar(), lc.label(), lc.pause());
    }

    /** The loop variable, {@code index_var}, {@code ansible_loop_var} and {@code ansible_loop} for item {@code i}. */
    static void loopVars(Map<String, Object> v, LoopControl lc, List<Object> items, int i) {
        v.put(lc.loopVar(), items.get(i));
        v.put("ansible_loop_var", lc.loopVar());
        lc.indexVar().ifPresent(iv -> {
            v.put(iv, i);
            v.put("ansible_index_var", iv);
        });
        int n = items.size();
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("index", i + 1);
        loop.put("index0", i);
        loop.put("revindex", n - i);
        loop.put("revindex0", n - i - 1);
        loop.put("first", i == 0);
        loop.put("last", i == n - 1);
        loop.put("length", n);
        loop.put("allitems", items);
        // As Ansible: the first item has no previtem and the last no nextitem (undefined, not none).
        if (i > 0) {
            loop.put("previtem", items.get(i - 1));
        }
        if (i < n - 1) {
            loop.put("nextitem", items.get(i + 1));
        }
        v.put("ansible_loop", loop);
    }
}
