package dev.drover.acssim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.mmt.AmpPackage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmpCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ToolCommands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void ampWritesAModulePackageMmtCanRead() {
        Path file = dir.resolve("amps/acme.amp");

        assertEquals(0, run("amp", "--id", "acme", "--version", "1.4.0", "--title", "Acme Tools", "--out", file.toString()));

        AmpPackage amp = AmpPackage.read(file);
        assertEquals("acme", amp.details().id());
        assertEquals("1.4.0", amp.details().version().toString());
        assertEquals("Acme Tools", amp.details().title());
        assertTrue(amp.files().stream().anyMatch(f -> f.warPath.equals("WEB-INF/lib/acme-1.4.0.jar")));
    }

    @Test
    void aMissingRequiredFlagIsAUsageErrorNamingIt() {
        assertEquals(4, run("amp", "--id", "acme", "--out", dir.resolve("a.amp").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--version is required"), err::toString);
    }

    @Test
    void aMistypedFlagListsTheValidOnes() {
        assertEquals(4, run("amp", "--idd", "acme"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown argument '--idd'; valid: --id --version"), err::toString);
    }

    @Test
    void anInvalidVersionIsAFailureNamingIt() {
        assertEquals(1, run("amp", "--id", "acme", "--version", "new", "--out", dir.resolve("a.amp").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'new'"), err::toString);
    }
}
