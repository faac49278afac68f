package dev.drover.template;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Python's {@code str}, {@code dict} and {@code list} methods that playbooks call on values, such as
 * {@code ansible_distribution_version.split('.')[0]}, {@code result.stdout.strip()} or
 * {@code facts.get('x', 'none')}. Without these, Jinjava would call Java's methods of the same name,
 * which differ ({@code String.split} takes a regular expression).
 */
final class PyMethods {
    private static final Set<String> STR = Set.of("split", "rsplit", "splitlines", "startswith", "endswith",
            "strip", "lstrip", "rstrip", "upper", "lower", "title", "capitalize", "replace", "find", "rfind",
            "count", "join", "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "zfill", "format");
    private static final Set<String> DICT = Set.of("keys", "values", "items", "get");
    private static final Set<String> LIST = Set.of("index", "count");
    private static final Set<String> MUTATORS = Set.of("append", "extend", "insert", "pop", "remove", "clear",
            "update", "setdefault", "popitem", "sort", "reverse", "put", "putAll", "add", "set");

    private PyMethods() {
    }

    static boolean isStrMethod(String name) {
        return STR.contains(name);
    }

    static boolean isDictMethod(String name) {
        return DICT.contains(name);
    }

    static boolean isListMethod(String name) {
        return LIST.contains(name);
    }

    /** Python's and Java's names for methods that change a container. */
    static boolean isMutator(String name) {
        return MUTATORS.contains(name);
    }

    static Object callList(List<?> list, String name, Object[] params) {
        Object wanted = Args.of(name, params, null).required(0, "value");
        if (name.equals("count")) {
            return (int) list.stream().filter(item -> PyCompare.equal(item, wanted)).count();
        }
        for (int i = 0; i < list.size(); i++) {
            if (PyCompare.equal(list.get(i), wanted)) {
                return i;
            }
        }
        throw new TemplateFailure(PyValues.repr(wanted, null) + " is not in list");
    }

    static Object callDict(Map<?, ?> map, String name, Object[] params, Evaluation eval) {
        Args args = Args.of(name, params, null);
        return switch (name) {
            case "keys" -> new ArrayList<>(map.keySet());
            case "values" -> new ArrayList<>(map.values());
            case "items" -> {
                List<Object> items = new ArrayList<>(map.size());
                map.forEach((k, v) -> items.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
                yield items;
            }
            case "get" -> {
                Object key = args.required(0, "key");
                yield map.containsKey(key) ? eval.reveal(map.get(key)) : args.get(1, "default", null);
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Object callStr(String s, String name, Object[] params, Evaluation eval) {
        Args args = Args.of(name, params, null);
        return switch (name) {
            case "split" -> PyStrings.split(s, args.string(0, "sep", null), args.integer(1, "maxsplit", -1), false);
            case "rsplit" -> PyStrings.split(s, args.string(0, "sep", null), args.integer(1, "maxsplit", -1), true);
            case "splitlines" -> PyStrings.splitlines(s);
            case "startswith" -> anyOf(args.required(0, "prefix"), s::startsWith);
            case "endswith" -> anyOf(args.required(0, "suffix"), s::endsWith);
            case "strip" -> PyStrings.strip(s, args.string(0, "chars", null), true, true);
            case "lstrip" -> PyStrings.strip(s, args.string(0, "chars", null), true, false);
            case "rstrip" -> PyStrings.strip(s, args.string(0, "chars", null), false, true);
            case "upper" -> s.toUpperCase();
            case "lower" -> s.toLowerCase();
            case "title" -> PyStrings.title(s);
            case "capitalize" -> PyStrings.capitalize(s);
            case "replace" -> PyStrings.replace(s, args.required(0, "old").toString(),
                    args.required(1, "new").toString(), args.integer(2, "count", -1));
            case "find" -> s.indexOf(args.required(0, "sub").toString());
            case "rfind" -> s.lastIndexOf(args.required(0, "sub").toString());
            case "count" -> PyStrings.count(s, args.required(0, "sub").toString());
            case "join" -> joinWith(s, PyValues.items(args.required(0, "iterable")), eval);
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isalpha" -> !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            case "isalnum" -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            case "islower" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase());
            case "isupper" -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase());
            case "zfill" -> PyStrings.zfill(s, args.integer(0, "width", 0));
            case "format" -> PyStrings.format(s, params, eval);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static String joinWith(String separator, List<Object> items, Evaluation eval) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(PyValues.str(items.get(i), eval));
        }
        return out.toString();
    }

    private static boolean anyOf(Object candidates, Predicate<String> test) {
        if (candidates instanceof CharSequence c) {
            return test.test(c.toString());
        }
        for (Object c : PyValues.items(candidates)) {
            if (test.test(String.valueOf(c))) {
                return true;
            }
        }
        return false;
    }
}
