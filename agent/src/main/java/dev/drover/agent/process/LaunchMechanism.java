package dev.drover.agent.process;

import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How the host's JVM starts child processes ({@code jdk.lang.Process.launchMechanism}), chosen once,
 * before the first process starts.
 *
 * <p>Why: since Java 12 the JDK starts every child on Linux through {@code posix_spawn} of its
 * helper program {@code jspawnhelper}, which then executes the real program: two program loads
 * per child. For a {@code command: /bin/true} step that helper was about a third of the agent's CPU
 * (15.4 -> 10.3 ms per step, bench/agent-steps.py). {@code VFORK} execs the program directly from a
 * vfork'ed child; it was the JDK's own default on Linux up to Java 11.
 *
 * <p>When: only on Linux, only on Java 12 to 24 (8 to 11 use VFORK already; Java 25 deprecates it
 * with a warning on stderr, later releases remove it), only when the JDK's launch-mechanism enum
 * has the constant (read without initialising the process class, so a JDK that lacks it is left
 * untouched rather than broken: a wrong value would make every process start fail), and never
 * over a value the operator set. Otherwise the JDK's default stays.
 */
public final class LaunchMechanism {
    static final String PROPERTY = "jdk.lang.Process.launchMechanism";
    static final String VFORK = "VFORK";

    private LaunchMechanism() {
    }

    /**
     * Sets the property for this JVM when {@link #choose} says so. Call before any child process
     * starts (the JDK reads it once). Returns the value set, or null when the default stays.
     */
    public static String prefer() {
        String chosen = choose(System.getProperty("os.name"), System.getProperty("java.specification.version"),
                System.getProperty(PROPERTY), supported());
        if (chosen != null) {
            System.setProperty(PROPERTY, chosen);
        }
        return chosen;
    }

    /**
     * The mechanism to set, or null to keep the JDK's default.
     *
     * @param osName      {@code os.name}
     * @param specVersion {@code java.specification.version}: "1.8", "17", "25"
     * @param current     the property as the operator set it, or null
     * @param supported   the constants of the JDK's launch-mechanism enum (empty when unknown)
     */
    static String choose(String osName, String specVersion, String current, Set<String> supported) {
        if (current != null || osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        int feature = feature(specVersion);
        if (feature < 12 || feature > 24 || !supported.contains(VFORK)) {
            return null;
        }
        return VFORK;
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8; -1 when unreadable. */
    static int feature(String specVersion) {
        if (specVersion == null) {
            return -1;
        }
        String v = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        try {
            return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The names of the running JDK's launch mechanisms, read from its private enum without
     * initialising the class that reads the property; empty when it cannot be read.
     */
    static Set<String> supported() {
        for (String name : new String[] {"java.lang.ProcessImpl$LaunchMechanism", "java.lang.UNIXProcess$LaunchMechanism"}) {
            try {
                Object[] constants = Class.forName(name, false, null).getEnumConstants();
                if (constants != null) {
                    Set<String> names = new HashSet<>();
                    for (Object c : constants) {
                        names.add(((Enum<?>) c).name());
                    }
                    return names;
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // Another JDK layout: try the next name, else keep the default.
            }
        }
        return Collections.emptySet();
    }
}
