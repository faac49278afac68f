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

    /**
     * Runs {@code java -jar acs-sim.jar args...}; returns exit code and combined output. The client compiler and the
     * serial collector, as the controller's tests run the tools: a tool run is over before C2 would pay off.
     */
    public static Result sim(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
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

    /**
     * A port free on 127.0.0.1 now, chosen at random below the kernel's ephemeral range. Not bind(0): that port is
     * ephemeral, and once closed the kernel may give it to any process's next socket before the node binds it (a
     * NodeIT node found its cluster port taken so on a busy machine). Below the range only another chooser like
     * this one can take it, and the chance that two pick the same port is small.
     */
    public static int freePort() throws IOException {
        int low = ephemeralLow();
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 10000 + random.nextInt(low - 10000);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException busy) {
                // taken: try another
            }
        }
        throw new IOException("no free port on 127.0.0.1 between 10000 and " + low);
    }

    /** The first port of the kernel's ephemeral range (net.ipv4.ip_local_port_range), 32768 when unknown. */
    private static int ephemeralLow() {
        try {
            int low = Integer.parseInt(new String(Files.readAllBytes(Paths.get("/proc/sys/net/ipv4/ip_local_port_range")),
                    StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
            return low > 11000 ? low : 32768;
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
