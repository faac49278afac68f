package dev.drover.inventory.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are Python 3.11's str()/repr() of the same values. */
class PythonTextTest {

    @Test
    void scalars() {
        assertEquals("True", PythonText.str(true));
        assertEquals("None", PythonText.str(null));
        assertEquals("it's", PythonText.str("it's"));
        assertEquals("\"it's\"", PythonText.repr("it's"));
        assertEquals("'a\\nb'", PythonText.repr("a\nb"));
        assertEquals("'say \"hi\"'", PythonText.repr("say \"hi\""));
        assertEquals("'both \\' and \"'", PythonText.repr("both ' and \""));
    }

    @Test
    void floats() {
        assertEquals("1.5", PythonText.floatRepr(1.5));
        assertEquals("10000000.0", PythonText.floatRepr(1e7));
        assertEquals("1e+16", PythonText.floatRepr(1e16));
        assertEquals("1.5e-05", PythonText.floatRepr(1.5e-5));
        assertEquals("0.0001", PythonText.floatRepr(1e-4));
        assertEquals("-0.0", PythonText.floatRepr(-0.0));
        assertEquals("inf", PythonText.floatRepr(Double.POSITIVE_INFINITY));
    }

    @Test
    void containers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", Arrays.asList("x", null, false));
        assertEquals("{'b': 1, 'a': ['x', None, False]}", PythonText.str(m));
        assertEquals("[]", PythonText.str(List.of()));
    }
}
