package dev.drover.acssim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every command of the jar parses its flags with {@link Flags}: typos, repeats and missing values are errors. */
class FlagsTest {
    @Test
    void parsesSpaceAndEqualsFormsAfterTheCommandWords() {
        Flags f = Flags.parse("dist", Flags.tail(new String[] {"dist", "--version", "5.2.7", "--out=/tmp/d"}, 1),
                "--version", "--out");
        assertEquals("5.2.7", f.required("--version"));
        assertEquals("/tmp/d", f.required("--out"));
    }

    @Test
    void refusesUnknownRepeatedAndMissingFlagsNamingTheCommand() {
        UsageException unknown = assertThrows(UsageException.class,
                () -> Flags.parse("node start", Arrays.asList("--hme", "x"), "--home"));
        assertEquals("node start: unknown argument '--hme'; valid: --home", unknown.getMessage());
        UsageException twice = assertThrows(UsageException.class,
                () -> Flags.parse("node start", Arrays.asList("--home", "a", "--home", "b"), "--home"));
        assertEquals("node start: --home given twice", twice.getMessage());
        assertEquals(SimException.BAD_INPUT, twice.exitCode());
        assertThrows(UsageException.class, () -> Flags.parse("dist", Arrays.asList("--out"), "--out"));
        assertThrows(UsageException.class, () -> Flags.parse("dist", Arrays.asList(), "--out").required("--out"));
    }
}
