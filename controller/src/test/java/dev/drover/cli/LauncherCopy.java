package dev.drover.cli;

import dev.drover.cli.thin.ThinClient;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A copy of the real {@code ./drover} launcher in a root of its own whose jars run this build's
 * classes: {@code controller/target/drover.jar} (and, when asked, the thin client's jar) hold only a
 * manifest whose class path is the test's. The launcher sees a built root (both jars present, no
 * sources to be newer), so it never builds.
 */
record LauncherCopy(Path script, Path thinJar) {
    static LauncherCopy in(Path root, boolean withThinClient) throws IOException {
        manifestJar(root.resolve("controller/target/drover.jar"), Main.class.getName());
        Path thin = null;
        if (withThinClient) {
            thin = root.resolve("controller/target/drover-controller-0.0.0-thin.jar");
            manifestJar(thin, ThinClient.class.getName());
        }
        Path sim = root.resolve("testbed/acs-sim/target/acs-sim.jar");
        Files.createDirectories(sim.getParent());
        Files.writeString(sim, "");
        Path script = root.resolve("drover");
        Files.copy(Path.of(System.getProperty("user.dir")).getParent().resolve("drover"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new LauncherCopy(script, thin);
    }

    /** A jar of only a manifest: its main class, and this test's class path as its Class-Path. */
    private static void manifestJar(Path jar, String mainClass) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toString());
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, m)) {
            // manifest only
        }
    }
}
