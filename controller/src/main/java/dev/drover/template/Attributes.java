package dev.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's attribute getter for filters taking {@code attribute=}: a dotted path through maps and list
 * indexes ({@code 'address.port'}, {@code 'hosts.0'}); a missing step is an {@link Undefined}.
 */
final class Attributes {
    private Attributes() {
    }

    /** The attribute of every item, or the items themselves when the attribute is null. */
    static List<Object> each(List<Object> items, String attribute, Evaluation eval) {
        if (attribute == null) {
            return items;
        }
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            out.add(get(item, attribute, eval));
        }
        return out;
    }

    static Object get(Object item, String attribute, Evaluation eval) {
        Object current = item;
        for (String part : attribute.split("\\.")) {
            if (current instanceof Undefined) {
                return current;
            }
            current = step(current, part, eval);
        }
        return eval.reveal(current);
    }

    private static Object step(Object current, String part, Evaluation eval) {
        if (current instanceof Map<?, ?> map) {
            if (map.containsKey(part)) {
                return map.get(part);
            }
            if (isInteger(part) && map.containsKey(Integer.parseInt(part))) {
                return map.get(Integer.parseInt(part));
            }
            return eval.undefined(part, "'dict object' has no attribute '" + part + "'");
        }
        if (current instanceof List<?> list && isInteger(part)) {
            int i = Integer.parseInt(part);
            if (i >= 0 && i < list.size()) {
                return list.get(i);
            }
            return eval.undefined(part, "list object has no element " + part);
        }
        return eval.undefined(part, "'" + PyValues.typeName(current) + " object' has no attribute '" + part + "'");
    }

    private static boolean isInteger(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }
}
