package dev.drover.template;

import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code range()}, replacing Jinjava's, which stops silently at 1,000 items
 * ({@code range(100000) | list | length} gave 1000). Every item up to {@link #MAX_ITEMS} is
 * produced; a larger range is an error naming the size, never a shorter list.
 */
public final class Ranges {
    /** Far beyond any loop a playbook means, small enough that a typo cannot exhaust the controller's memory. */
    static final long MAX_ITEMS = 10_000_000;

    private Ranges() {
    }

    static ELFunctionDefinition definition() {
        return new ELFunctionDefinition("", "range", Ranges.class, "range", Object.class, Object[].class);
    }

    /** {@code range(stop)}, {@code range(start, stop)}, {@code range(start, stop, step)}, integers only. */
    public static List<Number> range(Object first, Object... rest) {
        long start = 0;
        long stop;
        long step = 1;
        if (rest == null || rest.length == 0) {
            stop = integer(first, 1);
        } else {
            start = integer(first, 1);
            stop = integer(rest[0], 2);
            if (rest.length > 1) {
                step = integer(rest[1], 3);
            }
            if (rest.length > 2) {
                throw fail("range expected at most 3 arguments, got " + (rest.length + 1));
            }
        }
        if (step == 0) {
            throw fail("range() arg 3 must not be zero");
        }
        long count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                : (start > stop ? (start - stop - step - 1) / -step : 0);
        if (count > MAX_ITEMS) {
            throw fail("range() of " + count + " items is more than drover produces (" + MAX_ITEMS + "); a loop that"
                    + " long is almost certainly a mistake in the bounds");
        }
        // Python has one int type; drover's templates use Integer where it fits, as YAML gives them.
        boolean ints = fitsInt(start) && fitsInt(start + (count - 1) * step);
        List<Number> out = new ArrayList<>((int) count);
        for (long i = 0, v = start; i < count; i++, v += step) {
            out.add(ints ? (Number) (int) v : (Number) v);
        }
        return out;
    }

    private static boolean fitsInt(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    private static long integer(Object v, int position) {
        if (v instanceof Number n && (n instanceof Integer || n instanceof Long || n.doubleValue() == Math.rint(n.doubleValue()))) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                // reported below, as Python reports a str argument
            }
        }
        throw fail("range() argument " + position + " must be an integer, not " + PyValues.typeName(v));
    }

    private static RuntimeException fail(String message) {
        // Kept by the evaluation: Jinjava wraps what a function throws in its own "Error invoking" message.
        return Evaluation.current().fail(new TemplateFailure(message));
    }
}
