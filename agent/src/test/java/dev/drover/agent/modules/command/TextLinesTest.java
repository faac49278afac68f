package dev.drover.agent.modules.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values are what Python's str.splitlines() and rstrip("\r\n") return. */
class TextLinesTest {

    @Test
    void splitsAtEveryPythonLineBoundaryWithoutATrailingEmptyLine() {
        assertEquals(List.of(), TextLines.split(""));
        assertEquals(List.of("a"), TextLines.split("a\n"));
        assertEquals(List.of("a", "", "b"), TextLines.split("a\n\nb"));
        assertEquals(List.of("a", "b", "c", "d"), TextLines.split("a\r\nb\rc\nd"));
        assertEquals(List.of("a", "b", "c"), TextLines.split("a\u000bb\u2028c"));
        assertEquals(List.of("", ""), TextLines.split("\n\n"));
    }

    @Test
    void stripsOnlyTrailingLineEnds() {
        assertEquals("a \n b", TextLines.stripEnds("a \n b\r\n\n\r"));
        assertEquals("  a  ", TextLines.stripEnds("  a  "));
        assertEquals("", TextLines.stripEnds("\n\n"));
    }
}
