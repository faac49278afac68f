package dev.drover.agent.modules.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.ModuleException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values are what Python 3's shlex.split returns for the same input. */
class ShlexTest {

    @Test
    void splitsLikePythonShlexInPosixMode() throws ModuleException {
        assertEquals(List.of("echo", "hi"), Shlex.split("  echo \t hi \n"));
        assertEquals(List.of("a", "b\\$c", "de", "f\\g", "", "x"), Shlex.split("a \"b\\$c\" d\\e 'f\\g' \"\" x"));
        assertEquals(List.of("a\"b", "a\\b", "a\\nb"), Shlex.split("\"a\\\"b\" \"a\\\\b\" \"a\\nb\""));
        assertEquals(List.of("a#b", "#", "c"), Shlex.split("a#b # c"), "no comments");
        assertEquals(List.of("a\nb"), Shlex.split("a\\\nb"));
        assertEquals(List.of("x", ""), Shlex.split("x ''"));
        assertEquals(List.of("é", "ü x"), Shlex.split("é 'ü x'"));
        assertEquals(List.of("abc"), Shlex.split("a\"b\"c"));
        assertEquals(List.of("a", "b", "c"), Shlex.split("a\tb\rc"));
        assertEquals(List.of("it's"), Shlex.split("\"it's\""));
        assertEquals(List.of(), Shlex.split("   "));
    }

    @Test
    void unbalancedInputIsAClearError() {
        ModuleException quote = assertThrows(ModuleException.class, () -> Shlex.split("echo \"abc"));
        assertTrue(quote.getMessage().contains("No closing quotation"), quote.getMessage());
        assertThrows(ModuleException.class, () -> Shlex.split("echo 'abc"));
        ModuleException escape = assertThrows(ModuleException.class, () -> Shlex.split("a\\"));
        assertTrue(escape.getMessage().contains("No escaped character"), escape.getMessage());
    }
}
