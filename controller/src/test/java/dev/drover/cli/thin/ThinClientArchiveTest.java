package dev.drover.cli.thin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher makes a class-data archive for the thin client by a training run ({@code ThinClient
 * --train}) that needs no worker, no persist directory and no host; a later client JVM reads its own
 * classes and the UNIX socket channel's from that archive. The client's jar is built here as the
 * build's thin jar is (CDS archives classes from jars only).
 */
class ThinClientArchiveTest {
    @TempDir
    Path dir;

    @Test
    void theTrainingRunMakesAnArchiveTheNextClientLoadsItsClassesFrom() throws Exception {
        Path jar = thinJar();
        Path archive = dir.resolve("thin.jsa");
        Path home = Files.createDirectories(dir.resolve("home"));
        Run trained = java(home, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", jar.toString(), ThinClient.class.getName(), "--train");
        assertEquals(0, trained.code, trained.out);
        assertTrue(trained.out.contains("trained"), trained.out);
        assertTrue(Files.size(archive) > 0, "no archive");
        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(), left.toList(), "training leaves nothing in HOME (no persist directory)");
        }

        Run using = java(home, "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load", "-cp", jar.toString(),
                ThinClient.class.getName(), "--train");
        assertEquals(0, using.code, using.out);
        for (String cls : List.of(ThinClient.class.getName(), Identity.class.getName(), "sun.nio.ch.SocketChannelImpl")) {
            assertTrue(using.out.contains(cls + " source: shared objects file"), cls + " not from the archive:\n" + using.out);
        }
    }

    private record Run(int code, String out) {
    }

    private Run java(Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xint", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Ddrover.jar=" + dir.resolve("drover.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("DROVER_PERSIST_DIR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the client did not exit");
        return new Run(p.exitValue(), out);
    }

    /** The thin client's classes in a jar: dev/drover/cli/thin and dev/drover/socket, as the build's thin jar. */
    private Path thinJar() throws IOException {
        Path classes = Path.of(ThinClient.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = dir.resolve("thin.jar");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o)) {
            for (String pkg : List.of("dev/drover/cli/thin", "dev/drover/socket")) {
                try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        j.putNextEntry(new JarEntry(pkg + "/" + f.getFileName()));
                        j.write(Files.readAllBytes(f));
                        j.closeEntry();
                    }
                }
            }
        }
        return jar;
    }
}
