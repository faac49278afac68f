package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected splits are those of Python's {@code shlex.split(line, comments=True)}. */
class ShellWordsTest {

    private static List<String> words(String line) throws ShellWords.SyntaxException {
        return ShellWords.split(line).stream().map(ShellWords.Word::text).toList();
    }

    @Test
    void quotesJoinTheWordAroundThem() throws Exception {
        assertEquals(List.of("web1", "motd=hello world", "x=it's"), words("web1 motd=\"hello world\" x='it'\"'\"'s'"));
        assertEquals(List.of("a=b c"), words("a=\"b c\""));
        assertEquals(List.of("e="), words("e="));
        assertEquals(List.of(""), words("''"));
    }

    @Test
    void backslashes() throws Exception {
        assertEquals(List.of("a\"b"), words("\"a\\\"b\""));
        assertEquals(List.of("a\\nb"), words("\"a\\nb\""), "inside double quotes only \\\" and \\\\ are escapes");
        assertEquals(List.of("a\\b"), words("'a\\b'"), "single quotes keep everything");
        assertEquals(List.of("a b"), words("a\\ b"));
    }

    @Test
    void hashStartsACommentEvenInsideAWord() throws Exception {
        assertEquals(List.of("h", "c=1"), words("h c=1#x y=2"));
        assertEquals(List.of("h", "x=#1"), words("h x='#1' # comment"));
    }

    @Test
    void columnsPointAtWordStarts() throws Exception {
        List<ShellWords.Word> w = ShellWords.split("web1  a=1\tb=\"x y\"");
        assertEquals(List.of(1, 7, 11), w.stream().map(ShellWords.Word::column).toList());
    }

    @Test
    void unbalancedQuoteNamesItsColumn() {
        ShellWords.SyntaxException e = assertThrows(ShellWords.SyntaxException.class, () -> ShellWords.split("h m=\"abc"));
        assertEquals("No closing quotation", e.getMessage());
        assertEquals(5, e.column());
    }
}
