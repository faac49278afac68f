package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;

/**
 * A test ({@code value is name(args)}) written as a small function, registered with Jinjava under its
 * name. Tests that do not declare they handle undefined values leave them pending, so the call fails
 * naming the variable.
 */
record TestDef(String name, boolean seesUndefined, Body body) implements ExpTest {

    /** The test's behaviour: tested value, bound arguments, the current evaluation. */
    @FunctionalInterface
    interface Body {
        boolean test(Object value, Args args, Evaluation eval);
    }

    static TestDef of(String name, Body body) {
        return new TestDef(name, false, body);
    }

    static TestDef seeingUndefined(String name, Body body) {
        return new TestDef(name, true, body);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... args) {
        if (value instanceof Undefined && !seesUndefined) {
            return false;
        }
        Evaluation eval = Evaluation.of(interpreter);
        try {
            return body.test(value, Args.of(name, args, null), eval);
        } catch (TemplateFailure f) {
            throw eval.fail(f);
        } catch (RuntimeException e) {
            throw eval.fail(new TemplateFailure("test '" + name + "' failed on " + PyValues.typeName(value)
                    + " input: " + e.getMessage()));
        }
    }
}
