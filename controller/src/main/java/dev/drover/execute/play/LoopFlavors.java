package dev.drover.execute.play;

import dev.drover.playbook.Coerce;
import dev.drover.playbook.Loop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The items of Ansible's {@code with_sequence}, {@code with_together}, {@code with_nested},
 * {@code with_indexed_items} and {@code with_flattened} loops, from their rendered value, as
 * Ansible's lookup plugins of the same names compute them.
 */
final class LoopFlavors {
    private static final Pattern SHORTCUT = Pattern.compile("^(?:(0[xX][0-9a-fA-F]+|0[0-7]*|-?\\d+)-)?"
            + "(0[xX][0-9a-fA-F]+|0[0-7]*|-?\\d+)(?:/(0[xX][0-9a-fA-F]+|0[0-7]*|-?\\d+))?(?::(.+))?$");

    private LoopFlavors() {
    }

    static List<Object> items(Loop.Flavor flavor, Object rendered) {
        return switch (flavor) {
            case SEQUENCE -> sequence(rendered);
            case TOGETHER -> together(lists(rendered, "with_together"));
            case NESTED -> nested(lists(rendered, "with_nested"));
            case INDEXED_ITEMS -> {
                List<Object> out = new ArrayList<>();
                List<Object> flat = new ArrayList<>();
                for (Object o : rendered instanceof List<?> l ? l : List.of(rendered)) {
                    if (o instanceof List<?> inner) {
                        flat.addAll(inner);
                    } else {
                        flat.add(o);
                    }
                }
                for (int i = 0; i < flat.size(); i++) {
                    out.add(List.of(i, flat.get(i)));
                }
                yield out;
            }
            case FLATTENED -> {
                List<Object> out = new ArrayList<>();
                flatten(rendered, out);
                yield out;
            }
            default -> throw new IllegalStateException(flavor + " is not computed here");
        };
    }

    private static void flatten(Object v, List<Object> out) {
        if (v instanceof List<?> l) {
            l.forEach(x -> flatten(x, out));
        } else if (v != null && !"None".equals(v) && !"".equals(v)) {
            out.add(v);
        }
    }

    private static List<List<?>> lists(Object rendered, String keyword) {
        if (!(rendered instanceof List<?> l)) {
            throw new IllegalArgumentException(keyword + " requires a list of lists, got " + Coerce.describe(rendered));
        }
        List<List<?>> out = new ArrayList<>();
        for (Object o : l) {
            out.add(o instanceof List<?> inner ? inner : List.of(o));
        }
        return out;
    }

    private static List<Object> together(List<List<?>> lists) {
        int n = lists.stream().mapToInt(List::size).max().orElse(0);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>();
            for (List<?> l : lists) {
                row.add(i < l.size() ? l.get(i) : null);
            }
            out.add(row);
        }
        return out;
    }

    private static List<Object> nested(List<List<?>> lists) {
        List<List<Object>> acc = new ArrayList<>();
        acc.add(new ArrayList<>());
        for (List<?> l : lists) {
            List<List<Object>> next = new ArrayList<>();
            for (List<Object> prefix : acc) {
                for (Object o : l) {
                    List<Object> row = new ArrayList<>(prefix);
                    row.add(o);
                    next.add(row);
                }
            }
            acc = next;
        }
        return lists.isEmpty() ? List.of() : new ArrayList<>(acc);
    }

    /** Ansible's sequence lookup: key=value terms or the {@code [start-]end[/stride][:format]} shortcut. */
    private static List<Object> sequence(Object rendered) {
        Map<String, String> args = new LinkedHashMap<>();
        if (rendered instanceof Map<?, ?> m) {
            m.forEach((k, v) -> args.put(String.valueOf(k), String.valueOf(v)));
        } else {
            String text = String.valueOf(rendered).strip();
            Matcher sc = SHORTCUT.matcher(text);
            if (!text.contains("=") && sc.matches()) {
                if (sc.group(1) != null) {
                    args.put("start", sc.group(1));
                }
                args.put("end", sc.group(2));
                if (sc.group(3) != null) {
                    args.put("stride", sc.group(3));
                }
                if (sc.group(4) != null) {
                    args.put("format", sc.group(4));
                }
            } else {
                for (String word : text.split("\\s+")) {
                    int eq = word.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("with_sequence: can't parse arg '" + word + "' (write key=value, e.g. start=1 end=5)");
                    }
                    args.put(word.substring(0, eq).toLowerCase(Locale.ROOT), word.substring(eq + 1));
                }
            }
        }
        for (String k : args.keySet()) {
            if (!List.of("start", "end", "count", "stride", "format").contains(k)) {
                throw new IllegalArgumentException("with_sequence: unrecognized arguments to with_sequence: " + k);
            }
        }
        long start = number(args.getOrDefault("start", "1"));
        long stride = number(args.getOrDefault("stride", "1"));
        String format = args.getOrDefault("format", "%d");
        long end;
        if (args.containsKey("count")) {
            if (args.containsKey("end")) {
                throw new IllegalArgumentException("with_sequence: can't specify both count and end in with_sequence");
            }
            long count = number(args.get("count"));
            if (count == 0) {
                return List.of();
            }
            end = start + count * stride - 1;
            if (stride < 0) {
                end = start + count * stride + 1;
            }
        } else if (args.containsKey("end")) {
            end = number(args.get("end"));
        } else {
            throw new IllegalArgumentException("with_sequence: must specify count or end in with_sequence");
        }
        if (stride == 0) {
            return List.of();
        }
        if (stride > 0 && end < start || stride < 0 && end > start) {
            throw new IllegalArgumentException("with_sequence: to count backwards make stride negative");
        }
        List<Object> out = new ArrayList<>();
        for (long i = start; stride > 0 ? i <= end : i >= end; i += stride) {
            out.add(pyFormat(format, i));
        }
        return out;
    }

    private static long number(String s) {
        String t = s.strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseLong(t.substring(1), 8);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("with_sequence: can't parse '" + s + "' as an integer");
        }
    }

    /** Python's {@code format % i} for the integer conversions a sequence format uses. */
    private static String pyFormat(String format, long i) {
        try {
            return String.format(format.replace("%i", "%d").replace("%u", "%d"), i);
        } catch (java.util.IllegalFormatException e) {
            throw new IllegalArgumentException("with_sequence: bad formatting string: " + format);
        }
    }
}
