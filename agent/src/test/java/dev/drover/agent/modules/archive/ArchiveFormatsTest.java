package dev.drover.agent.modules.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tar and zip written by drover read back identically, and other tools read them too. */
class ArchiveFormatsTest {
    private static final String LONG = "a/" + String.join("/", java.util.Collections.nCopies(40, "segment")) + "/file.txt";
    private static final String NON_ASCII = "grüße/ünïcödé-€.txt";

    @TempDir
    Path tmp;

    private static Map<ArchiveEntry, byte[]> members() {
        Map<ArchiveEntry, byte[]> m = new LinkedHashMap<>();
        m.put(dir("a", 0750), null);
        m.put(file("a/short.txt", 0640, "short\n".getBytes(StandardCharsets.UTF_8)), "short\n".getBytes(StandardCharsets.UTF_8));
        byte[] big = big();
        m.put(file("a/big.bin", 0644, big), big);
        m.put(file(LONG, 0600, "long\n".getBytes(StandardCharsets.UTF_8)), "long\n".getBytes(StandardCharsets.UTF_8));
        m.put(file(NON_ASCII, 0644, "€\n".getBytes(StandardCharsets.UTF_8)), "€\n".getBytes(StandardCharsets.UTF_8));
        m.put(new ArchiveEntry("a/link", ArchiveEntry.Type.SYMLINK, 0777, 1_600_000_000L, 0, "short.txt", 0, 0, "root", "root"), null);
        m.put(new ArchiveEntry("a/longlink", ArchiveEntry.Type.SYMLINK, 0777, 1_600_000_000L, 0, "../" + LONG, 0, 0, "root", "root"), null);
        m.put(file("a/empty", 0644, new byte[0]), new byte[0]);
        return m;
    }

    private static byte[] big() {
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        return big;
    }

    private static ArchiveEntry file(String name, int mode, byte[] content) {
        return new ArchiveEntry(name, ArchiveEntry.Type.FILE, mode, 1_600_000_000L, content.length, null, 1000, 1000, "alfresco", "alfresco");
    }

    private static ArchiveEntry dir(String name, int mode) {
        return new ArchiveEntry(name, ArchiveEntry.Type.DIRECTORY, mode, 1_600_000_000L, 0, null, 1000, 1000, "alfresco", "alfresco");
    }

    private static byte[] write(ArchiveWriter writer, ByteArrayOutputStream sink) throws IOException {
        for (Map.Entry<ArchiveEntry, byte[]> e : members().entrySet()) {
            writer.add(e.getKey(), e.getValue() == null ? null : new ByteArrayInputStream(e.getValue()));
        }
        writer.close();
        return sink.toByteArray();
    }

    private static void assertReadsBack(ArchiveReader reader) throws IOException {
        List<ArchiveEntry> expected = new ArrayList<>(members().keySet());
        List<byte[]> contents = new ArrayList<>(members().values());
        for (int i = 0; i < expected.size(); i++) {
            ArchiveEntry want = expected.get(i);
            ArchiveEntry got = reader.next();
            assertEquals(want.name, got.name);
            assertEquals(want.type, got.type, want.name);
            assertEquals(want.mode, got.mode, want.name);
            assertEquals(want.mtime, got.mtime, want.name);
            assertEquals(want.linkTarget, got.linkTarget, want.name);
            if (want.type == ArchiveEntry.Type.FILE) {
                assertArrayEquals(contents.get(i), readAll(reader.content()), want.name);
            }
        }
        assertNull(reader.next());
        reader.close();
    }

    @Test
    void tarRoundTrip() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] tar = write(new TarWriter(sink), sink);
        assertEquals(0, tar.length % 10240, "padded to whole records like GNU tar");
        assertReadsBack(new TarReader(new ByteArrayInputStream(tar)));
    }

    @Test
    void tarOutputIsDeterministic() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertArrayEquals(write(new TarWriter(a), a), write(new TarWriter(b), b));
    }

    @Test
    void zipRoundTrip() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Path zip = tmp.resolve("t.zip");
        Files.write(zip, write(new ZipWriter(sink), sink));
        assertReadsBack(new ZipReader(zip));
    }

    @Test
    void javaUtilZipReadsOurZip() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Path zip = tmp.resolve("t.zip");
        Files.write(zip, write(new ZipWriter(sink), sink));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry big = z.getEntry("a/big.bin");
            assertArrayEquals(big(), readAll(z.getInputStream(big)));
            assertEquals("€\n", new String(readAll(z.getInputStream(z.getEntry(NON_ASCII))), StandardCharsets.UTF_8));
            assertTrue(z.getEntry("a/").isDirectory());
        }
    }

    @Test
    void gnuTarListsOurTar() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(java.nio.file.Paths.get("/bin/tar")), "GNU tar is not installed");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Path tar = tmp.resolve("t.tar");
        Files.write(tar, write(new TarWriter(sink), sink));
        String listing = run("tar", "-tvf", tar.toString());
        assertTrue(listing.contains(LONG), listing);
        assertTrue(listing.contains(NON_ASCII), listing);
        assertTrue(listing.contains("a/link -> short.txt"), listing);
        assertTrue(listing.contains("-rw-r----- alfresco/alfresco"), listing);
        run("tar", "-xf", tar.toString(), "-C", tmp.toString());
        assertEquals("long\n", new String(Files.readAllBytes(tmp.resolve(LONG)), StandardCharsets.UTF_8));
    }

    @Test
    void unzipReadsModesAndLinksOfOurZip() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(java.nio.file.Paths.get("/usr/bin/unzip")), "unzip is not installed");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Path zip = tmp.resolve("t.zip");
        Files.write(zip, write(new ZipWriter(sink), sink));
        Path out = Files.createDirectory(tmp.resolve("out"));
        run("unzip", "-q", zip.toString(), "-d", out.toString());
        assertEquals("short.txt", Files.readSymbolicLink(out.resolve("a/link")).toString());
        assertEquals(0640, (Integer) Files.getAttribute(out.resolve("a/short.txt"), "unix:mode") & 0777);
        assertEquals("long\n", new String(Files.readAllBytes(out.resolve(LONG)), StandardCharsets.UTF_8));
    }

    @Test
    void truncatedTarFailsClearly() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] tar = write(new TarWriter(sink), sink);
        TarReader reader = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 3000)));
        IOException e = assertThrows(IOException.class, () -> {
            for (ArchiveEntry entry = reader.next(); entry != null; entry = reader.next()) {
                readAll(reader.content());
            }
        });
        assertTrue(e.getMessage().contains("truncated tar archive"), e.getMessage());
    }

    @Test
    void corruptZipMemberFailsOnCrc() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        byte[] zip = write(new ZipWriter(sink), sink);
        // Flip a byte inside the first file's stored content ("short\n" is deflated; find it by its header).
        int at = indexOf(zip, "a/short.txt".getBytes(StandardCharsets.US_ASCII)) + "a/short.txt".length() + 9 + 2;
        zip[at] ^= 0x55;
        Path file = tmp.resolve("bad.zip");
        Files.write(file, zip);
        try (ZipReader reader = new ZipReader(file)) {
            reader.next();
            reader.next();
            assertThrows(IOException.class, () -> readAll(reader.content()));
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int r;
        while ((r = in.read(buf)) > 0) {
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    private String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = readAll(p.getInputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ":\n" + text);
        return text;
    }

}
