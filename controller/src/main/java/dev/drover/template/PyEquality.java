package dev.drover.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import java.util.List;
import java.util.Map;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.misc.BooleanOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Parser.ParseException;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ExpressionFactory;

/**
 * Python's {@code ==} and {@code !=} inside expressions. Jinjava's expression language coerces the
 * operands to a common type first, so {@code '1' == 1} is true and {@code 84 == 'nope'} fails with
 * "Cannot coerce"; Python (and so Ansible) compares without coercion: both are {@code False}, while
 * {@code 1 == 1.0 == True} holds. Built as a Jinjava whose expression parser swaps the two operators
 * for ones backed by {@link PyCompare#equal}, and {@code not} takes a whole comparison as in Jinja2;
 * every other operator stays Jinjava's.
 *
 * <p>Operands that are not plain values (numbers, booleans, text, lists, maps, none), such as an
 * undefined marker, keep Jinjava's comparison and its errors.
 *
 * <p>Threading: the expression factory is built once and its tree cache is thread-safe.
 */
final class PyEquality {
    private static final int TREE_CACHE_SIZE = 1000;

    static final AstBinary.Operator EQ = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            return equal(converter, a, b);
        }

        @Override
        public String toString() {
            return "==";
        }
    };

    static final AstBinary.Operator NE = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object a, Object b) {
            return !equal(converter, a, b);
        }

        @Override
        public String toString() {
            return "!=";
        }
    };

    private PyEquality() {
    }

    /** A Jinjava whose (non-eager) expressions compare with Python's equality. */
    static Jinjava jinjava(JinjavaConfig config) {
        ExpressionFactory factory = new ExpressionFactoryImpl(
                new TreeStore(new PySyntaxBuilder(), new Cache(TREE_CACHE_SIZE)), new PyTruth());
        return new Jinjava(config) {
            @Override
            public ExpressionFactory getExpressionFactory() {
                return factory;
            }
        };
    }

    static boolean equal(TypeConverter converter, Object a, Object b) {
        if (plain(a) && plain(b)) {
            return PyCompare.equal(a, b);
        }
        return BooleanOperations.eq(converter, a, b);
    }

    private static boolean plain(Object v) {
        return v == null || v instanceof Number || v instanceof Boolean || v instanceof String
                || v instanceof List<?> || v instanceof Map<?, ?>;
    }

    /**
     * Python's truth for {@code not}, {@code and}, {@code or} and {@code if}: Jinjava's own counts the
     * text "false" as false, so {@code not 'false'} was true where Python says False.
     */
    private static final class PyTruth extends TruthyTypeConverter {
        private static final long serialVersionUID = 1L;

        @Override
        protected Boolean coerceToBoolean(Object value) {
            return PyValues.truthy(value);
        }
    }

    /** Jinjava's syntax with the two operators replaced; the features of Jinjava's own factory (JUEL's JEE6 profile). */
    private static final class PySyntaxBuilder extends ExtendedSyntaxBuilder {
        private static final long serialVersionUID = 1L;

        PySyntaxBuilder() {
            super(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
        }

        @Override
        protected Parser createParser(String expression) {
            return new ExtendedParser(this, expression) {
                /**
                 * Jinja2's {@code not} binds looser than comparisons and tests: {@code not r is changed}
                 * is {@code not (r is changed)}, {@code not a == b} is {@code not (a == b)}. JUEL's
                 * {@code not} took only the next value.
                 */
                @Override
                protected AstNode unary(boolean required) throws Scanner.ScanException, ParseException {
                    if (getToken().getSymbol() == Scanner.Symbol.NOT) {
                        consumeToken();
                        return createAstUnary(eq(true), AstUnary.NOT);
                    }
                    return super.unary(required);
                }

                @Override
                protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
                    if (operator == AstBinary.EQ) {
                        return super.createAstBinary(left, right, EQ);
                    }
                    if (operator == AstBinary.NE) {
                        return super.createAstBinary(left, right, NE);
                    }
                    return super.createAstBinary(left, right, operator);
                }
            };
        }
    }
}
