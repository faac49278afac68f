package dev.drover.agent.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the agent asks its JVM to start children with vfork instead of through jspawnhelper. */
class LaunchMechanismTest {
    private static final Set<String> ALL = Set.of("FORK", "POSIX_SPAWN", "VFORK");

    @Test
    void linuxJava12To24ExecsDirectly() {
        assertEquals("VFORK", LaunchMechanism.choose("Linux", "17", null, ALL));
        assertEquals("VFORK", LaunchMechanism.choose("Linux", "12", null, ALL));
        assertEquals("VFORK", LaunchMechanism.choose("Linux", "21", null, ALL));
        assertEquals("VFORK", LaunchMechanism.choose("Linux", "24", null, ALL));
    }

    @Test
    void javaThatAlreadyDefaultsToVforkOrDeprecatesItKeepsItsDefault() {
        assertNull(LaunchMechanism.choose("Linux", "1.8", null, ALL), "Java 8 uses vfork already");
        assertNull(LaunchMechanism.choose("Linux", "11", null, ALL), "Java 11 uses vfork already");
        assertNull(LaunchMechanism.choose("Linux", "25", null, ALL), "Java 25 warns on stderr for VFORK");
        assertNull(LaunchMechanism.choose("Linux", "26", null, Set.of("FORK", "POSIX_SPAWN")), "removed");
        assertNull(LaunchMechanism.choose("Linux", "27-ea", null, ALL));
    }

    @Test
    void aJdkWithoutTheConstantIsLeftAloneRatherThanBroken() {
        // A value the JDK does not know makes every process start fail: never set one it lacks.
        assertNull(LaunchMechanism.choose("Linux", "17", null, Set.of("FORK", "POSIX_SPAWN")));
        assertNull(LaunchMechanism.choose("Linux", "17", null, Set.of()), "enum unreadable");
    }

    @Test
    void theOperatorsChoiceAndOtherSystemsAreKept() {
        assertNull(LaunchMechanism.choose("Linux", "17", "FORK", ALL));
        assertNull(LaunchMechanism.choose("Linux", "17", "POSIX_SPAWN", ALL));
        assertNull(LaunchMechanism.choose("Mac OS X", "17", null, ALL));
        assertNull(LaunchMechanism.choose("SunOS", "17", null, ALL));
        assertNull(LaunchMechanism.choose(null, "17", null, ALL));
    }

    @Test
    void featureReleaseOfEverySpecVersionSpelling() {
        assertEquals(8, LaunchMechanism.feature("1.8"));
        assertEquals(17, LaunchMechanism.feature("17"));
        assertEquals(26, LaunchMechanism.feature("26-ea"));
        assertEquals(-1, LaunchMechanism.feature(""));
        assertEquals(-1, LaunchMechanism.feature(null));
    }

    @Test
    void theRunningJdksMechanismsAreReadWithoutStartingAProcess() {
        // The build's JDK (17) has all three; an empty set here would silently keep jspawnhelper.
        Set<String> supported = LaunchMechanism.supported();
        assertTrue(supported.contains("POSIX_SPAWN") && supported.contains("FORK"), supported.toString());
        int feature = LaunchMechanism.feature(System.getProperty("java.specification.version"));
        if (feature >= 12 && feature <= 24) {
            assertEquals("VFORK", LaunchMechanism.choose(System.getProperty("os.name"),
                    System.getProperty("java.specification.version"), null, supported));
        }
    }
}
