package dev.drover.acssim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.persona.Persona;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JavaCheckTest {
    @AfterEach
    void clear() {
        System.clearProperty("acssim.java.version");
    }

    @Test
    void readsOldAndNewVersionStrings() {
        assertEquals(8, JavaCheck.feature("1.8"));
        assertEquals(11, JavaCheck.feature("11"));
        assertEquals(17, JavaCheck.feature("17.0.2"));
    }

    @Test
    void a6xPersonaOnJava8FailsLikeAnOldJvmAndSaysWhatToDo() throws Exception {
        System.setProperty("acssim.java.version", "1.8");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertFalse(JavaCheck.check(Persona.V6_2_2, new PrintStream(err, true, "UTF-8")));
        String text = err.toString("UTF-8");
        assertTrue(text.contains("java.lang.UnsupportedClassVersionError"), text);
        assertTrue(text.contains("(class file version 55.0)"), text);
        assertTrue(text.contains("needs Java 11 or later"), text);
        assertTrue(JavaCheck.check(Persona.V5_2_7, new PrintStream(err, true, "UTF-8")));
    }
}
