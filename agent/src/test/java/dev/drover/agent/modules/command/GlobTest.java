package dev.drover.agent.modules.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobTest {
    @TempDir
    Path dir;

    @Test
    void plainPathsMatchWhenTheyExistEvenAsDanglingLinks() throws IOException {
        Files.createFile(dir.resolve("marker"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertTrue(Glob.matchesAny(dir.resolve("marker").toString(), Path.of("/")));
        assertTrue(Glob.matchesAny("marker", dir), "relative to the base directory");
        assertTrue(Glob.matchesAny("dangling", dir));
        assertFalse(Glob.matchesAny("absent", dir));
    }

    @Test
    void wildcardsMatchWithinOneComponent() throws IOException {
        Files.createDirectories(dir.resolve("releases/acs-7.4"));
        Files.createFile(dir.resolve("releases/acs-7.4/alfresco.war"));
        assertTrue(Glob.matchesAny("releases/acs-*/alfresco.war", dir));
        assertTrue(Glob.matchesAny("releases/acs-?.?/*.war", dir));
        assertTrue(Glob.matchesAny("releases/acs-[67].[0-9]/*.war", dir));
        assertFalse(Glob.matchesAny("releases/acs-[!7].*/*.war", dir));
        assertFalse(Glob.matchesAny("releases/*.war", dir), "* does not cross a slash");
        assertFalse(Glob.matchesAny("releases/acs-*/share.war", dir));
    }

    @Test
    void wildcardsSkipHiddenNamesUnlessThePatternStartsWithADot() throws IOException {
        Files.createFile(dir.resolve(".installed"));
        assertFalse(Glob.matchesAny("*installed", dir));
        assertTrue(Glob.matchesAny(".install*", dir));
    }

    @Test
    void unclosedBracketIsLiteral() throws IOException {
        Files.createFile(dir.resolve("a[b"));
        assertTrue(Glob.matchesAny("a[b*", dir));
    }
}
