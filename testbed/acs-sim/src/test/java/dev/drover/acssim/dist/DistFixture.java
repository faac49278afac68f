package dev.drover.acssim.dist;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * For the process tests: the built {@code acs-sim.jar} (failsafe passes {@code acssim.jar}), running it,
 * reading zip Unix modes from the central directory and unzipping with them as drover's unarchive does.
 */
public final class DistFixture {
    private DistFixture() {
    }

    public static Path jar() {
        return Paths.get(System.getProperty("acssim.jar", "target/acs-sim.jar")).toAbsolutePath();
    }

    /** Runs {@code java [jvmArgs] -jar acs-sim.jar args...}; returns exit code and combined output. */
    public static Result sim(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(java.util.Arrays.asList(args));
        return exec(new ProcessBuilder(cmd));
    }

    public static Result exec(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + pb.command());
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Exit code and output of a finished process. */
    public record Result(int code, String output) {
    }

    /** Entry name to Unix mode (with file type bits), from the central directory. */
    public static Map<String, Integer> modes(Path zip) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = bytes.length - 22;
        int entries = b.getShort(eocd + 10) & 0xffff;
        int pos = b.getInt(eocd + 16);
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            int nameLen = b.getShort(pos + 28) & 0xffff;
            String name = new String(bytes, pos + 46, nameLen, StandardCharsets.UTF_8);
            int madeBy = (b.getShort(pos + 4) & 0xffff) >> 8;
            out.put(name, madeBy == 3 ? b.getInt(pos + 38) >>> 16 : -1);
            pos += 46 + nameLen + (b.getShort(pos + 30) & 0xffff) + (b.getShort(pos + 32) & 0xffff);
        }
        return out;
    }

    /** Extracts {@code zip} into {@code dest}, applying each entry's Unix permission bits. */
    public static void unzip(Path zip, Path dest) throws IOException {
        Map<String, Integer> modes = modes(zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                Path target = dest.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                Integer mode = modes.get(entry.getName());
                if (mode != null && mode >= 0) {
                    Files.setAttribute(target, "unix:mode", mode & 07777);
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
