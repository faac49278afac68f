package dev.drover.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TiersTest {

    @Test
    void anAvailableTierRunsWhetherOrNotTiersAreRequired() {
        assertDoesNotThrow(() -> Tiers.require("openssh", true, "unused", false));
        assertDoesNotThrow(() -> Tiers.require("openssh", true, "unused", true));
    }

    @Test
    void aMissingTierIsSkippedWithItsReasonOnOneLine() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Tiers.require("openssh", false, "sshd is missing\n  (apt-get install openssh-server)\n", false));
        assertEquals("tier openssh skipped: sshd is missing (apt-get install openssh-server)", skipped.getMessage());
    }

    @Test
    void aMissingTierFailsWhenAllTiersAreRequired() {
        AssertionError failed = assertThrows(AssertionError.class,
                () -> Tiers.require("postgres", false, "psql not found", true));
        assertEquals("tier postgres must run but cannot: psql not found", failed.getMessage());
    }

    @Test
    void theEnvironmentVariableOrTheSystemPropertyMakesAllTiersRequired() {
        Properties none = new Properties();
        assertFalse(Tiers.allRequired(Map.of(), none));
        assertFalse(Tiers.allRequired(Map.of(Tiers.REQUIRE_ALL_ENV, "0"), none));
        assertTrue(Tiers.allRequired(Map.of(Tiers.REQUIRE_ALL_ENV, "1"), none));
        assertTrue(Tiers.allRequired(Map.of(Tiers.REQUIRE_ALL_ENV, "true"), none));

        Properties set = new Properties();
        set.setProperty(Tiers.REQUIRE_ALL_PROPERTY, "true");
        assertTrue(Tiers.allRequired(Map.of(), set));
        set.setProperty(Tiers.REQUIRE_ALL_PROPERTY, "false");
        assertFalse(Tiers.allRequired(Map.of(), set));
    }
}
