package dev.drover.acssim.mmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModuleVersionTest {
    private static int compare(String a, String b) {
        return Integer.signum(ModuleVersion.parse(a).compareTo(ModuleVersion.parse(b)));
    }

    @Test
    void numericPartsCompareAsNumbers() {
        assertEquals(1, compare("1.10", "1.9"));
        assertEquals(-1, compare("5.2.7", "6.0"));
    }

    @Test
    void trailingZerosDoNotMatter() {
        assertEquals(0, compare("1.0", "1.0.0"));
    }

    @Test
    void aQualifiedVersionComesBeforeItsRelease() {
        assertEquals(-1, compare("2.0-SNAPSHOT", "2.0"));
        assertEquals(1, compare("2.0-SNAPSHOT", "1.9"));
    }

    @Test
    void garbageIsAnErrorNamingTheText() {
        MmtException e = assertThrows(MmtException.class, () -> ModuleVersion.parse("latest"));
        assertTrue(e.getMessage().contains("'latest'"), e.getMessage());
    }
}
