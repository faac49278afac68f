package dev.drover.template;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code random} ({@code rand(end, start=None, step=None, seed=None)}) and {@code shuffle}
 * ({@code randomize_list(mylist, seed=None)}), replacing Jinjava's, which take no keywords. With a seed
 * they draw from Python's Mersenne Twister seeded as Python seeds it ({@link PyRandom}), so a seeded
 * draw is the one Ansible makes; messages are Ansible 2.14's.
 */
final class RandomFilters {
    private static final SecureRandom SYSTEM = new SecureRandom();

    private RandomFilters() {
    }

    static List<FilterDef> all() {
        return List.of(FilterDef.of("random", RandomFilters::random), FilterDef.of("shuffle", RandomFilters::shuffle));
    }

    private static Object random(Object end, Args args, Evaluation eval) {
        Object start = args.get(0, "start", null);
        Object step = args.get(1, "step", null);
        Object seed = args.get(2, "seed", null);
        Object v = end instanceof Unsafe u ? u.value() : end;
        if (isInt(v)) {
            long from = truthy(start) ? integer(start) : 0;
            long by = truthy(step) ? integer(step) : 1;
            long to = ((Number) v).longValue();
            if (by <= 0) {
                throw new TemplateFailure("zero step for randrange()");
            }
            if (seed != null) {
                return seeded(seed, eval).randrange(from, to, by);
            }
            long n = (to - from + by - 1) / by;
            if (n <= 0) {
                throw new TemplateFailure("empty range for randrange() (" + from + ", " + to + ", " + n + ")");
            }
            return from + by * (long) (SYSTEM.nextDouble() * n);
        }
        if (v instanceof List<?> || v instanceof Map<?, ?> || v instanceof CharSequence) {
            if (truthy(start) || truthy(step)) {
                throw new TemplateFailure("start and step can only be used with integer values");
            }
            List<Object> items = PyValues.items(v);
            if (items.isEmpty()) {
                throw new TemplateFailure("Cannot choose from an empty sequence");
            }
            int i = seed != null ? seeded(seed, eval).randBelow(items.size()) : SYSTEM.nextInt(items.size());
            return items.get(i);
        }
        throw new TemplateFailure("random can only be used on sequences and integers");
    }

    /** Ansible's randomize_list: a new shuffled list; what is not iterable is returned as it is. */
    private static Object shuffle(Object value, Args args, Evaluation eval) {
        Object v = value instanceof Unsafe u ? u.value() : value;
        if (!(v instanceof List<?> || v instanceof Map<?, ?> || v instanceof CharSequence)) {
            return value;
        }
        List<Object> items = new ArrayList<>(PyValues.items(v));
        Object seed = args.get(0, "seed", null);
        if (truthy(seed)) {
            seeded(seed, eval).shuffle(items);
        } else {
            java.util.Collections.shuffle(items, SYSTEM);
        }
        return items;
    }

    private static PyRandom seeded(Object seed, Evaluation eval) {
        Object s = seed instanceof Unsafe u ? u.value() : seed;
        return isInt(s) ? new PyRandom(new BigInteger(s.toString())) : new PyRandom(PyValues.str(s, eval));
    }

    private static boolean isInt(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger
                || v instanceof java.math.BigDecimal bd && bd.scale() <= 0;
    }

    private static boolean truthy(Object v) {
        return v != null && PyValues.truthy(v);
    }

    private static long integer(Object v) {
        if (!isInt(v)) {
            throw new TemplateFailure("'" + PyValues.typeName(v) + "' object cannot be interpreted as an integer");
        }
        return ((Number) v).longValue();
    }
}
