package dev.drover.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected values were recorded from Python 3.11's {@code ast.literal_eval} (what Ansible's INI
 * plugin calls); "kept" means literal_eval failed and Ansible keeps the text.
 */
class PythonLiteralTest {

    @Test
    void numbers() {
        assertEquals(5, PythonLiteral.valueOf("5"));
        assertEquals(-3, PythonLiteral.valueOf("-3"));
        assertEquals(3, PythonLiteral.valueOf("+3"));
        assertEquals(5, PythonLiteral.valueOf(" 5"));
        assertEquals(1000, PythonLiteral.valueOf("1_000"));
        assertEquals(31, PythonLiteral.valueOf("0x1F"));
        assertEquals(15, PythonLiteral.valueOf("0o17"));
        assertEquals(5, PythonLiteral.valueOf("0b101"));
        assertEquals(-16, PythonLiteral.valueOf("-0x10"));
        assertEquals(0, PythonLiteral.valueOf("00"));
        assertEquals(1000.0, PythonLiteral.valueOf("1e3"));
        assertEquals(1.5, PythonLiteral.valueOf("1.5"));
        assertEquals(0.5, PythonLiteral.valueOf(".5"));
        assertEquals(5.0, PythonLiteral.valueOf("5."));
        assertEquals(0.0015, PythonLiteral.valueOf("1.5e-3"));
        assertEquals(new BigInteger("12345678901234567890"), PythonLiteral.valueOf("12345678901234567890"));
        assertEquals(4_000_000_000L, PythonLiteral.valueOf("4000000000"));
    }

    @Test
    void onlyPythonSpellingsAreBooleansAndNone() {
        assertEquals(Boolean.TRUE, PythonLiteral.valueOf("True"));
        assertEquals(Boolean.FALSE, PythonLiteral.valueOf("False"));
        assertNull(PythonLiteral.valueOf("None"));
        assertEquals("true", PythonLiteral.valueOf("true"));
        assertEquals("yes", PythonLiteral.valueOf("yes"));
        assertEquals("FALSE", PythonLiteral.valueOf("FALSE"));
    }

    @Test
    void strings() {
        assertEquals("5", PythonLiteral.valueOf("\"5\""));
        assertEquals("a b", PythonLiteral.valueOf("'a b'"));
        assertEquals("ab", PythonLiteral.valueOf("\"a\" \"b\""));
        assertEquals("a\tb", PythonLiteral.valueOf("\"a\\tb\""));
        assertEquals("a\\tb", PythonLiteral.valueOf("r\"a\\tb\""));
        assertEquals("Aé", PythonLiteral.valueOf("\"\\x41\\u00e9\""));
        assertEquals("x", PythonLiteral.valueOf("b'x'"));
        assertEquals("it's", PythonLiteral.valueOf("\"it's\""));
    }

    @Test
    void containers() {
        assertEquals(Arrays.asList(1, "two", null), PythonLiteral.valueOf("[1, 'two', None]"));
        assertEquals(List.of(1, 2), PythonLiteral.valueOf("(1,2)"));
        assertEquals(1, PythonLiteral.valueOf("(1)"));
        assertEquals(List.of(), PythonLiteral.valueOf("()"));
        assertEquals(List.of(1), PythonLiteral.valueOf("[1,]"));
        assertEquals(Map.of("a", 1, "b", List.of(true)), PythonLiteral.valueOf("{'a': 1, 'b': [True]}"));
        assertEquals(Map.of("a", 1), PythonLiteral.valueOf("{'a': 1,}"));
        assertEquals(Map.of(), PythonLiteral.valueOf("{}"));
        assertEquals(List.of(1, 2), PythonLiteral.valueOf("{1, 2}"));
    }

    @Test
    void aCommentAfterALiteralIsIgnoredButNotAfterText() {
        assertEquals(1, PythonLiteral.valueOf("1 # c"));
        assertEquals("hello # c", PythonLiteral.valueOf("hello # c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "5.2.7", "abc", "", "[1, 2", "'unclosed", "1j", "127.0.0.11", "a=b", "f'x'",
        "True False", "-True", ".drover/lab/id_ed25519", "--1"})
    void textThatIsNoLiteralIsKeptAsWritten(String text) {
        assertEquals(text, PythonLiteral.valueOf(text));
    }
}
