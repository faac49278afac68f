package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher answers {@code --version} from the thin client's own answer, kept per thin jar and
 * java, instead of starting a JVM every time; a rebuilt thin jar gets a fresh answer. The real
 * {@code ./drover} script is copied into a root whose jars run this build's classes.
 */
class LauncherVersionTest {
    @TempDir
    Path dir;

    private Path thin;

    private Path launcher() throws IOException {
        LauncherCopy copy = LauncherCopy.in(dir.resolve("root"), true);
        thin = copy.thinJar();
        return copy.script();
    }

    private String version(Path script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--version").directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(dir.resolve("stderr").toFile());
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().put("DROVER_CDS", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("stderr")));
        return out;
    }

    private List<Path> answers() throws IOException {
        Path d = dir.resolve("cache/drover/version");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void theSecondVersionIsTheFirstsAnswerAndARebuiltThinJarAsksAgain() throws Exception {
        Path script = launcher();
        String real = "drover " + dev.drover.remote.Version.current() + "\njava " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vm.name") + ")\n";
        assertEquals(real, version(script));
        assertEquals(1, answers().size(), "the thin client's answer is kept");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(answers().get(0).getParent())));

        // The kept answer is what the launcher prints now: no JVM asked (marked to tell them apart).
        Files.writeString(answers().get(0), "drover kept\njava kept\n");
        assertEquals("drover kept\njava kept\n", version(script));

        // A rebuilt thin jar (new mtime) is asked again, and its answer replaces the old one.
        Files.setLastModifiedTime(thin, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertEquals(real, version(script));
        assertEquals(1, answers().size(), "this checkout's older answer goes");
    }
}
