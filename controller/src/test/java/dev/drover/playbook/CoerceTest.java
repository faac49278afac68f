package dev.drover.playbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoerceTest {

    @ParameterizedTest
    @ValueSource(strings = {"yes", "YES", "on", "true", "True", "y", "t", "1", " yes "})
    void ansibleTrueSpellings(String s) {
        assertTrue(Coerce.toBoolean(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "off", "false", "FALSE", "n", "f", "0"})
    void ansibleFalseSpellings(String s) {
        assertFalse(Coerce.toBoolean(s));
    }

    @Test
    void booleansFromNumbersAndRejects() {
        assertTrue(Coerce.toBoolean(1));
        assertFalse(Coerce.toBoolean(0));
        assertTrue(Coerce.toBoolean(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coerce.toBoolean("maybe"));
        assertEquals("expected a boolean (true/false, yes/no, on/off, 1/0), got the string 'maybe'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Coerce.toBoolean(2));
        assertThrows(IllegalArgumentException.class, () -> Coerce.toBoolean(List.of()));
    }

    @Test
    void integers() {
        assertEquals(3, Coerce.toInt("3"));
        assertEquals(3, Coerce.toInt(3L));
        assertEquals(3, Coerce.toInt(3.0));
        assertEquals("expected an integer, got the number 3.5",
                assertThrows(IllegalArgumentException.class, () -> Coerce.toInt(3.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Coerce.toInt("three"));
        assertThrows(IllegalArgumentException.class, () -> Coerce.toInt(1L << 40));
    }

    @Test
    void percentages() {
        assertEquals(30.0, Coerce.toPercent("30%"));
        assertEquals(12.5, Coerce.toPercent("12.5"));
        assertEquals(25.0, Coerce.toPercent(25));
        assertThrows(IllegalArgumentException.class, () -> Coerce.toPercent("half"));
    }

    @Test
    void templatesAreRecognisedByAnyJinjaDelimiter() {
        assertTrue(Coerce.isTemplate("{{ x }}"));
        assertTrue(Coerce.isTemplate("{% if a %}b{% endif %}"));
        assertTrue(Coerce.isTemplate("a {# note #}"));
        assertFalse(Coerce.isTemplate("plain { text }"));
    }
}
