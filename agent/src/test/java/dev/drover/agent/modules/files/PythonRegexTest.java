package dev.drover.agent.modules.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.ModuleException;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** Python regular expression syntax and replacement templates on java.util.regex. */
class PythonRegexTest {

    private static String sub(String pattern, String template, String text) throws ModuleException {
        PythonRegex re = PythonRegex.compile(pattern, 0, "regexp");
        Matcher m = re.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(re.expand(m, template, "replace"));
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    @Test
    void namedGroupsWithUnderscores() throws ModuleException {
        assertEquals("v=k", sub("(?P<the_key>\\w)=(?P<the_value>\\w)", "\\g<the_value>=\\g<the_key>", "k=v"));
        assertEquals("aa", sub("(?P<x>a)(?P=x)", "\\g<x>\\g<1>", "aa"));
    }

    @Test
    void templateEscapesAndGroups() throws ModuleException {
        assertEquals("b\ta\n", sub("(a)(b)", "\\2\\t\\1\\n", "ab"));
        assertEquals("[a]", sub("(a)", "[\\g<0>]", "a"));
        assertEquals("x\\&y", sub("a", "x\\&y", "a"));
        assertEquals("", sub("(a)|(b)", "\\2", "a"));
    }

    @Test
    void pythonLiteralsThatJavaRejects() throws ModuleException {
        assertEquals("X", sub("\\${home}", "X", "${home}"));
        assertEquals("X", sub("[[]", "X", "["));
        assertEquals("X", sub("[]a]+", "X", "]a"));
        assertEquals("X", sub("a{,2}b", "X", "aab"));
        assertEquals("X!", sub("a\\Z", "X", "a") + "!");
        assertEquals("a\nX", sub("a\\Z", "X", "a\na"));
    }

    @Test
    void dollarMatchesBeforeFinalNewlineOnly() throws ModuleException {
        assertTrue(PythonRegex.compile("a$", 0, "r").matcher("a\n").find());
        assertEquals(false, PythonRegex.compile("a.b", 0, "r").matcher("a\nb").find());
        assertEquals(true, PythonRegex.compile("a.b", 0, "r").matcher("a\rb").find());
    }

    @Test
    void errorsNameTheArgument() {
        ModuleException e = assertThrows(ModuleException.class, () -> sub("(a)", "\\q", "a"));
        assertTrue(e.getMessage().contains("bad escape \\q"), e.getMessage());
        e = assertThrows(ModuleException.class, () -> sub("(a)", "\\g<nope>", "a"));
        assertTrue(e.getMessage().contains("unknown group name 'nope'"), e.getMessage());
    }
}
