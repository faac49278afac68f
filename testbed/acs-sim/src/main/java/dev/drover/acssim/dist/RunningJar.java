package dev.drover.acssim.dist;

import dev.drover.acssim.SimException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The simulator's own jar (what a distribution's {@code tomcat/lib/acs-sim.jar} is a copy of). */
public final class RunningJar {
    /** The Module Management Tool's main class; {@code bin/alfresco-mmt.jar} starts it. */
    public static final String MMT_MAIN = "dev.drover.acssim.mmt.Mmt";

    private RunningJar() {
    }

    /** The jar this class was loaded from. */
    public static Path locate() {
        Path p;
        try {
            p = Paths.get(RunningJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new SimException("cannot tell which jar the simulator runs from: " + e.getMessage());
        }
        if (!Files.isRegularFile(p)) {
            throw new SimException("the simulator runs from " + p + ", not from a jar; build acs-sim.jar"
                    + " (mvn -pl testbed/acs-sim package) and run java -jar testbed/acs-sim/target/acs-sim.jar");
        }
        return p;
    }

    /** A copy of {@code jar} whose manifest starts {@code mainClass} instead; all other entries unchanged. */
    public static byte[] withMainClass(Path jar, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(jar.toFile()); JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            byte[] buf = new byte[65536];
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")
                        || entry.getName().equalsIgnoreCase("META-INF/")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream is = in.getInputStream(entry)) {
                    for (int n; (n = is.read(buf)) > 0;) {
                        out.write(buf, 0, n);
                    }
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
