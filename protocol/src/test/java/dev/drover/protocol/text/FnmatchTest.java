package dev.drover.protocol.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Python's fnmatch semantics, checked against {@code fnmatch.fnmatchcase(name, pattern)} on
 * Python 3.11 for every row. The last rows are where the copies this class replaced disagreed.
 */
class FnmatchTest {
    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "node1|node?|true",
        "node10|node?|false",
        "web.example.com|web*|true",
        "a/b/c|a*c|true",
        "webX|web.|false",
        "db2|db[!1]|true",
        "db1|db[!1]|false",
        "a[b|a[b|true",
        "x]|x[]]|true",
        "a|[!]a]|false",
        "b|[!]a]|true",
        "^|[^a]|true",
        "b|[^a]|false",
        "&|[a&&b]|true",
        "c|[a&&b]|false",
        "a\\b|a[\\]b|true",
    })
    void matchesLikePython(String name, String pattern, boolean expected) {
        assertEquals(expected, Fnmatch.matches(name, pattern));
    }
}
