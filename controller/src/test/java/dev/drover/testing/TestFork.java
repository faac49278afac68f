package dev.drover.testing;

/**
 * Which of Surefire's parallel test JVMs this is: {@code 1}, {@code 2}, ... ({@code -Ddrover.fork}, set
 * from {@code ${surefire.forkNumber}} in controller/pom.xml; {@code 1} when a test runs any other way).
 *
 * <p>The controller's tests run in several JVMs at once (controller/pom.xml, {@code forkCount}). What one
 * JVM sets up on the machine must not be another's: the OpenSSH lab (its directory and its port,
 * {@link OpenSshLab}), the state directory ({@code DROVER_STATE_DIR}, per fork in the POM). Everything else
 * a test starts already takes a free port or a temp directory of its own. Machine-wide users are made under
 * a lock (testbed/lab/lab.sh) or by one class only (AnsibleTargetsTest); the two classes that delete the
 * lab user's agent cache run after the parallel JVMs, alone (tag {@value #ALONE}).
 */
public final class TestFork {

    /** The system property Surefire sets to the fork's number. */
    public static final String PROPERTY = "drover.fork";
    /**
     * The JUnit tag of classes that change what every fork's tests share (the lab user's agent cache), so
     * must not run beside other tests: controller/pom.xml runs them in a JVM of their own after the others.
     */
    public static final String ALONE = "alone";

    private TestFork() {
    }

    /** This JVM's fork number, 1 when not run by a forking Surefire. */
    public static int number() {
        String value = System.getProperty(PROPERTY, "").strip();
        if (value.isEmpty() || !value.matches("[1-9][0-9]{0,2}")) {
            return 1; // unset, or Surefire's placeholder not replaced (an IDE passing the POM's argLine)
        }
        return Integer.parseInt(value);
    }
}
