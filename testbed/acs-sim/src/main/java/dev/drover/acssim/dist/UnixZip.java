package dev.drover.acssim.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a zip in memory whose central directory records each entry's Unix mode ("version made by" Unix,
 * mode in the high 16 bits of the external attributes). {@link ZipOutputStream} always writes zero
 * attributes, so the bytes are patched after it finishes. Parent directories are added on demand.
 * Not thread-safe; one builder per zip.
 */
public final class UnixZip {
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(bytes);
    private final List<Integer> modes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** Adds a regular file; {@code mode} is e.g. {@code 0644} or {@code 0755}. */
    public UnixZip file(String name, byte[] content, int mode) throws IOException {
        parents(name);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
        names.add(name);
        modes.add(S_IFREG | mode);
        return this;
    }

    public UnixZip file(String name, String content, int mode) throws IOException {
        return file(name, content.getBytes("UTF-8"), mode);
    }

    /** Adds a directory entry ({@code name} without the trailing slash), mode 0755. */
    public UnixZip dir(String name) throws IOException {
        String entry = name + "/";
        if (names.add(entry)) {
            parents(name);
            zip.putNextEntry(new ZipEntry(entry));
            zip.closeEntry();
            modes.add(S_IFDIR | 0755);
        }
        return this;
    }

    private void parents(String name) throws IOException {
        int slash = name.lastIndexOf('/');
        if (slash > 0 && !names.contains(name.substring(0, slash) + "/")) {
            dir(name.substring(0, slash));
        }
    }

    /** The finished zip. The builder cannot be used afterwards. */
    public byte[] toBytes() throws IOException {
        zip.close();
        byte[] out = bytes.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = out.length - 22; // no archive comment
        if (b.getInt(eocd) != 0x06054b50) {
            throw new IllegalStateException("zip end record not where expected");
        }
        int pos = b.getInt(eocd + 16);
        for (int mode : modes) {
            if (b.getInt(pos) != 0x02014b50) {
                throw new IllegalStateException("central directory header expected at " + pos);
            }
            b.putShort(pos + 4, (short) ((3 << 8) | 20));
            b.putInt(pos + 38, (mode << 16) | ((mode & S_IFDIR) != 0 ? 0x10 : 0));
            pos += 46 + (b.getShort(pos + 28) & 0xffff) + (b.getShort(pos + 30) & 0xffff)
                    + (b.getShort(pos + 32) & 0xffff);
        }
        return out;
    }

    /** Writes the zip to {@code file} atomically (temp file then rename). */
    public void writeTo(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, toBytes());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
