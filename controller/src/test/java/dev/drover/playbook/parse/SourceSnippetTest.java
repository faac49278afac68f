package dev.drover.playbook.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The source line under an error, with a caret at the column; a long line is shown around the column only. */
class SourceSnippetTest {
    @Test
    void aShortLineIsShownWholeWithTheCaretUnderTheColumn() {
        assertEquals("    2 |   copyy: x\n      |   ^", SourceSnippet.render(List.of("- hosts: all", "  copyy: x"), 2, 3));
    }

    @Test
    void aMegabyteLineIsShownAroundTheColumnOnly() {
        String line = "    - debug: msg=" + "x".repeat(1_000_000) + " :: [";
        int column = line.indexOf(" :: [") + 2;
        String snippet = SourceSnippet.render(List.of("- hosts: all", line), 2, column);
        assertTrue(snippet.length() < 400, "an error must not echo the whole line: " + snippet.length() + " characters");
        String[] rows = snippet.split("\n");
        assertTrue(rows[0].startsWith("    2 | ...xxx") && rows[0].endsWith(":: ["), rows[0]);
        assertEquals(':', rows[0].charAt(rows[1].indexOf('^')), "the caret stays under the column");
    }
}
