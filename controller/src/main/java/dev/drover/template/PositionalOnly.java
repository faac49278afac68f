package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.objects.SafeString;
import java.util.Map;

/**
 * Guards a Jinjava built-in filter that does not understand keyword arguments. Jinjava would append
 * their values to the positional ones, so {@code truncate(length=3)} would silently bind differently;
 * here they are refused with a message saying how to call the filter instead.
 */
final class PositionalOnly implements Filter {
    private final Filter engine;

    PositionalOnly(Filter engine) {
        this.engine = engine;
    }

    @Override
    public String getName() {
        return engine.getName();
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        return engine.filter(value, interpreter, args);
    }

    @Override
    public Object filter(SafeString value, JinjavaInterpreter interpreter, String... args) {
        return engine.filter(value, interpreter, args);
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        if (value instanceof Undefined) {
            return value;
        }
        if (kwargs != null && !kwargs.isEmpty()) {
            throw Evaluation.of(interpreter).fail(new TemplateFailure("filter '" + getName()
                    + "' takes its arguments by position only here; got " + String.join(", ", kwargs.keySet())
                    + " by name"));
        }
        Object result = engine.filter(value, interpreter, args, kwargs);
        return PyClass.keepsUnsafe(getName()) ? Evaluation.of(interpreter).strMethodResult(value, result) : result;
    }

    @Override
    public boolean preserveSafeString() {
        return engine.preserveSafeString();
    }
}
