package dev.drover.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's filters for structured data: JSON in and out, {@code combine}, {@code dict2items} and
 * {@code items2dict}.
 */
final class DataFilters {
    private static final Set<String> LIST_MERGE =
            Set.of("replace", "keep", "append", "prepend", "append_rp", "prepend_rp");

    private DataFilters() {
    }

    static List<FilterDef> all() {
        return List.of(
                FilterDef.of("to_json", (v, a, e) -> PyJson.dumps(v, jsonStyle(a, PyJson.Style.COMPACT), e)),
                FilterDef.of("to_nice_json", (v, a, e) -> PyJson.dumps(v, jsonStyle(a, PyJson.Style.NICE), e)),
                FilterDef.of("to_yaml", (v, a, e) -> PyYaml.dump(v, false, a.integer(-1, "indent", 2), e)),
                FilterDef.of("to_nice_yaml", (v, a, e) -> PyYaml.dump(v, true, a.integer(-1, "indent", 4), e)),
                FilterDef.of("from_json", (v, a, e) -> {
                    if (!(v instanceof CharSequence)) {
                        throw new TemplateFailure("from_json needs a string, got " + PyValues.typeName(v));
                    }
                    return PyJson.loads(v.toString());
                }),
                FilterDef.of("from_yaml", (v, a, e) -> PyYaml.load(v, false)),
                FilterDef.of("from_yaml_all", (v, a, e) -> PyYaml.load(v, true)),
                FilterDef.of("combine", DataFilters::combine),
                FilterDef.of("extract", DataFilters::extract),
                FilterDef.of("dict2items", DataFilters::dictToItems),
                FilterDef.of("items2dict", DataFilters::itemsToDict));
    }

    private static PyJson.Style jsonStyle(Args args, PyJson.Style base) {
        boolean indented = args.get(-1, "indent", null) != null;
        int indent = indented ? args.integer(-1, "indent", 0) : base.indent();
        boolean sortKeys = args.flag(-1, "sort_keys", base.sortKeys());
        boolean ensureAscii = args.flag(-1, "ensure_ascii", base.ensureAscii());
        String itemSep = indent >= 0 ? "," : base.itemSeparator();
        return new PyJson.Style(indent, sortKeys, ensureAscii, itemSep, base.keySeparator());
    }

    /** {@code combine(*dicts, recursive=False, list_merge='replace')}: later dicts win. */
    private static Object combine(Object value, Args args, Evaluation eval) {
        if (!java.util.Set.of("recursive", "list_merge").containsAll(args.names())) {
            throw new TemplateFailure("'recursive' and 'list_merge' are the only valid keyword arguments");
        }
        boolean recursive = args.flag(-1, "recursive", false);
        String listMerge = args.string(-1, "list_merge", "replace");
        if (!LIST_MERGE.contains(listMerge)) {
            throw new TemplateFailure("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep',"
                    + " 'append', 'prepend', 'append_rp' or 'prepend_rp'");
        }
        List<Object> terms = new ArrayList<>();
        terms.add(value);
        terms.addAll(args.rest(0));
        List<Object> dicts = CoreFilters.flatten(terms, 1, true); // Ansible's flatten drops None by default
        Map<Object, Object> result = new LinkedHashMap<>();
        for (Object d : dicts) {
            if (d instanceof Undefined) {
                return d;
            }
            if (!(d instanceof Map<?, ?> map)) {
                throw new TemplateFailure("failed to combine variables, expected dicts but got a '"
                        + PyValues.typeName(d) + "'");
            }
            result = merge(result, map, recursive, listMerge);
        }
        return result;
    }

    /** Ansible's {@code merge_hash}: a copy of {@code low} updated with {@code high}. */
    private static Map<Object, Object> merge(Map<?, ?> low, Map<?, ?> high, boolean recursive, String listMerge) {
        Map<Object, Object> out = new LinkedHashMap<>(low);
        high.forEach((key, highValue) -> {
            if (!out.containsKey(key)) {
                out.put(key, highValue);
                return;
            }
            Object lowValue = out.get(key);
            if (lowValue instanceof Map<?, ?> lowMap && highValue instanceof Map<?, ?> highMap) {
                out.put(key, recursive ? merge(lowMap, highMap, true, listMerge) : highValue);
            } else if (lowValue instanceof List<?> lowList && highValue instanceof List<?> highList) {
                out.put(key, mergeLists(lowList, highList, listMerge));
            } else {
                out.put(key, highValue);
            }
        });
        return out;
    }

    private static List<?> mergeLists(List<?> low, List<?> high, String how) {
        List<Object> out = new ArrayList<>();
        switch (how) {
            case "keep" -> out.addAll(low);
            case "append" -> {
                out.addAll(low);
                out.addAll(high);
            }
            case "prepend" -> {
                out.addAll(high);
                out.addAll(low);
            }
            case "append_rp" -> {
                low.stream().filter(x -> !PyCompare.containsEqual(high, x)).forEach(out::add);
                out.addAll(high);
            }
            case "prepend_rp" -> {
                out.addAll(high);
                low.stream().filter(x -> !PyCompare.containsEqual(high, x)).forEach(out::add);
            }
            default -> out.addAll(high);
        }
        return out;
    }

    private static Object dictToItems(Object value, Args args, Evaluation eval) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateFailure("dict2items requires a dictionary, got " + PyValues.typeName(value)
                    + " instead.");
        }
        String keyName = args.string(0, "key_name", "key");
        String valueName = args.string(1, "value_name", "value");
        List<Object> out = new ArrayList<>(map.size());
        map.forEach((k, v) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(keyName, k);
            item.put(valueName, v);
            out.add(item);
        });
        return out;
    }

    private static Object itemsToDict(Object value, Args args, Evaluation eval) {
        if (!(value instanceof List<?> list)) {
            throw new TemplateFailure("items2dict requires a list, got " + PyValues.typeName(value) + " instead.");
        }
        String keyName = args.string(0, "key_name", "key");
        String valueName = args.string(1, "value_name", "value");
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new TemplateFailure("items2dict requires a list of dictionaries, got "
                        + PyValues.repr(list, eval) + " instead.");
            }
            if (!map.containsKey(keyName) || !map.containsKey(valueName)) {
                throw new TemplateFailure("items2dict requires each dictionary in the list to contain the keys '"
                        + keyName + "' and '" + valueName + "', got " + PyValues.repr(list, eval) + " instead.");
            }
            out.put(map.get(keyName), map.get(valueName));
        }
        return out;
    }

    /** Ansible's {@code extract(container, morekeys=None)}: {@code container[item]}, then each further key. */
    private static Object extract(Object item, Args a, Evaluation e) {
        Object value = subscript(a.get(0, "container", null), item, e);
        Object more = a.get(1, "morekeys", null);
        if (more != null) {
            for (Object k : more instanceof List<?> l ? l : List.of(more)) {
                value = subscript(value, k, e);
            }
        }
        return value;
    }

    private static Object subscript(Object container, Object key, Evaluation e) {
        if (container instanceof Undefined u) {
            // Jinja2's getitem on an undefined container is that undefined: default() may still catch it.
            e.excuse(u);
            return e.undefined(u.variable(), u.reason());
        }
        if (container instanceof Map<?, ?> m && m.containsKey(key)) {
            return m.get(key);
        }
        if (container instanceof List<?> l && key instanceof Number n && n.intValue() >= -l.size() && n.intValue() < l.size()) {
            return l.get(n.intValue() < 0 ? n.intValue() + l.size() : n.intValue());
        }
        return e.undefined(String.valueOf(key), "'" + PyValues.typeName(container) + " object' has no element " + key);
    }
}
