package dev.drover.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.secret.Secret;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's text for values, truthiness, and engine values turned back into plain Java. */
class PyValuesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2.5, 2.5", "1.0, 1.0", "1e20, 1e+20", "1e16, 1e+16", "1e15, 1000000000000000.0", "1e-5, 1e-05",
        "0.0001, 0.0001", "-1.5e-7, -1.5e-07", "123456789012345678.0, 1.2345678901234568e+17", "0.1, 0.1",
        "-0.0, -0.0", "NaN, nan", "Infinity, inf", "-Infinity, -inf",
    })
    void floatsPrintAsPythonPrintsThem(double value, String python) {
        assertEquals(python, PyValues.floatRepr(value));
    }

    @Test
    void reprQuotesLikePython() {
        assertEquals("'a'", PyValues.quote("a"));
        assertEquals("\"it's\"", PyValues.quote("it's"));
        assertEquals("'both \\' and \"'", PyValues.quote("both ' and \""));
        assertEquals("'a\\nb\\\\c\\x01'", PyValues.quote("a\nb\\c\u0001"));
        assertEquals("{'a': [1, None, True, 'x']}", PyValues.repr(Map.of("a", Arrays.asList(1, null, true, "x")), null));
        assertEquals("('k', 1)", PyValues.repr(new AbstractMap.SimpleEntry<>("k", 1), null));
        assertEquals("set()", PyValues.repr(Set.of(), null));
        assertEquals("['********']", PyValues.repr(List.of(Secret.of("pw")), null), "no evaluation, no reveal");
    }

    @Test
    void truthiness() {
        for (Object falsy : Arrays.asList(null, false, 0, 0L, 0.0, BigDecimal.ZERO, "", List.of(), Map.of(), new Object[0], Secret.of(""))) {
            assertFalse(PyValues.truthy(falsy), String.valueOf(falsy));
        }
        for (Object truthy : Arrays.asList(true, 1, -1L, 0.1, "false", "0", List.of(0), Map.of("a", 1), Secret.of("x"), Omit.VALUE)) {
            assertTrue(PyValues.truthy(truthy), String.valueOf(truthy));
        }
    }

    @Test
    void engineValuesBecomePlainJava() {
        assertEquals(1, PyValues.toJava(1L));
        assertEquals(5_000_000_000L, PyValues.toJava(5_000_000_000L));
        assertEquals(6, PyValues.toJava(new BigDecimal("6")));
        assertEquals(3.0, PyValues.toJava(new BigDecimal("3.0")));
        assertEquals(7, PyValues.toJava(BigInteger.valueOf(7)));
        assertEquals(List.of("a", 1), PyValues.toJava(new AbstractMap.SimpleEntry<>("a", 1L)));
        assertEquals(List.of(1, 2), PyValues.toJava(new Object[] {1L, 2L}));
        assertEquals(Map.of("a", List.of(1)), PyValues.toJava(Map.of("a", Set.of(1L))));
    }
}
