package dev.drover.acssim.dbtool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void semicolonsAndDashesInsideStringsDoNotSplit() {
        List<SqlScript.Statement> statements = SqlScript.split("-- header; not a statement\n"
                + "INSERT INTO t VALUES ('a;b -- c', 'it''s');\n\nCREATE TABLE u (x INT);\n");

        assertEquals(2, statements.size());
        assertEquals("INSERT INTO t VALUES ('a;b -- c', 'it''s')", statements.get(0).sql);
        assertEquals(2, statements.get(0).line);
        assertEquals("CREATE TABLE u (x INT)", statements.get(1).sql);
        assertEquals(4, statements.get(1).line);
    }

    @Test
    void anUnclosedStringIsReportedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SqlScript.split("SELECT 1;\nINSERT INTO t VALUES ('oops);\n"));
        assertEquals("a string starting on line 2 is never closed", e.getMessage());
    }
}
