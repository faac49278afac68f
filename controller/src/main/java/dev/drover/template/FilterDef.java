package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/**
 * A filter written as a small function, registered with Jinjava under its name. Unless the filter
 * declares that it handles undefined input ({@code default}, {@code mandatory}), an undefined input is
 * passed through untouched, so the call fails naming the variable rather than the filter.
 */
record FilterDef(String name, boolean seesUndefined, Body body) implements Filter {

    /** The filter's behaviour: input value, bound arguments, the current evaluation. */
    @FunctionalInterface
    interface Body {
        Object apply(Object value, Args args, Evaluation eval);
    }

    static FilterDef of(String name, Body body) {
        return new FilterDef(name, false, body);
    }

    static FilterDef seeingUndefined(String name, Body body) {
        return new FilterDef(name, true, body);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        return filter(value, interpreter, (Object[]) args, Map.of());
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        if (value instanceof Undefined && !seesUndefined) {
            return value;
        }
        Evaluation eval = Evaluation.of(interpreter);
        try {
            Object result = body.apply(value, Args.of(name, args, kwargs), eval);
            if (EvalConcat.STRING_TYPE_FILTERS.contains(name)) {
                if (result instanceof String text && result == value && eval.pyClass(value) != null) {
                    result = new String(text); // the input keeps its own class (vault_encrypted)
                }
                eval.nativeText(result);
            } else if (PyClass.keepsUnsafe(name)) {
                result = eval.strMethodResult(value, result);
            }
            return result;
        } catch (TemplateFailure f) {
            throw eval.fail(f);
        } catch (RuntimeException e) {
            throw eval.fail(new TemplateFailure("filter '" + name + "' failed on " + PyValues.typeName(value)
                    + " input: " + e.getMessage()));
        }
    }
}
