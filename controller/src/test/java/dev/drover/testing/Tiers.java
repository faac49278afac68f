package dev.drover.testing;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * Test tiers: groups of tests that need something the machine may lack (real OpenSSH, root,
 * PostgreSQL). A developer without it sees the tier skipped with a one-line reason; CI sets
 * {@code DROVER_REQUIRE_ALL_TIERS=1} (or {@code -Ddrover.requireAllTiers=true}) so that a tier that
 * cannot run fails the build instead of silently passing.
 *
 * <pre>{@code
 * Tiers.require("openssh", Files.isExecutable(SSHD), "openssh-server is not installed (apt-get install openssh-server)");
 * }</pre>
 */
public final class Tiers {

    /** Environment variable that makes every tier mandatory: {@code 1} or {@code true}. */
    public static final String REQUIRE_ALL_ENV = "DROVER_REQUIRE_ALL_TIERS";
    /** System property that makes every tier mandatory: {@code true}. Surefire passes it from the POM. */
    public static final String REQUIRE_ALL_PROPERTY = "drover.requireAllTiers";

    private Tiers() {
    }

    /**
     * Continues when {@code available}; otherwise aborts the calling test (reported as skipped) or,
     * when all tiers are required, fails it with
     * {@code AssertionError("tier <tier> must run but cannot: <reason>")}.
     */
    public static void require(String tier, boolean available, String reason) {
        require(tier, available, reason, allRequired());
    }

    static void require(String tier, boolean available, String reason, boolean allRequired) {
        if (available) {
            return;
        }
        String oneLine = reason.strip().replaceAll("\\s*\\R\\s*", " ");
        if (allRequired) {
            throw new AssertionError("tier " + tier + " must run but cannot: " + oneLine);
        }
        Assumptions.abort("tier " + tier + " skipped: " + oneLine);
    }

    /** Whether this JVM must run every tier, from {@value #REQUIRE_ALL_ENV} or {@value #REQUIRE_ALL_PROPERTY}. */
    public static boolean allRequired() {
        return allRequired(System.getenv(), System.getProperties());
    }

    static boolean allRequired(Map<String, String> environment, Properties properties) {
        String env = environment.getOrDefault(REQUIRE_ALL_ENV, "").strip().toLowerCase(Locale.ROOT);
        return env.equals("1") || env.equals("true")
                || Boolean.parseBoolean(properties.getProperty(REQUIRE_ALL_PROPERTY, "false").strip());
    }
}
