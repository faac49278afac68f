package dev.drover.acssim.node;

import dev.drover.acssim.persona.Persona;
import java.io.PrintStream;

/**
 * The persona's Java requirement (5.x: 8+, 6.x and later: 11+). Real ACS on a too-old Java dies with
 * {@code UnsupportedClassVersionError}; so does this check, plus a line saying what to do. The test-only
 * system property {@code acssim.java.version} pretends another Java version (only Java 17 exists here).
 */
final class JavaCheck {
    private JavaCheck() {
    }

    /** Java's feature number from {@code java.specification.version}: "1.8" is 8, "11" is 11. */
    static int feature(String spec) {
        String s = spec.startsWith("1.") ? spec.substring(2) : spec;
        int dot = s.indexOf('.');
        return Integer.parseInt(dot < 0 ? s : s.substring(0, dot));
    }

    /** @return true when this JVM is new enough; otherwise prints the failure to {@code err} */
    static boolean check(Persona p, PrintStream err) {
        String spec = System.getProperty("acssim.java.version", System.getProperty("java.specification.version"));
        int have = feature(spec);
        if (have >= p.minJava()) {
            return true;
        }
        int classVersion = 44 + p.minJava();
        err.println("Error: A JNI error has occurred, please check your installation and try again");
        err.println("Exception in thread \"main\" java.lang.UnsupportedClassVersionError:"
                + " org/alfresco/repo/descriptor/DescriptorServiceImpl has been compiled by a more recent version of"
                + " the Java Runtime (class file version " + classVersion + ".0), this version of the Java Runtime"
                + " only recognizes class file versions up to " + (44 + have) + ".0");
        err.println(p.productName() + " " + p.version() + " needs Java " + p.minJava() + " or later, but "
                + System.getProperty("java.home") + " is Java " + have + ". Set JAVA_HOME to a Java "
                + p.minJava() + "+ installation and start again.");
        err.flush();
        return false;
    }
}
