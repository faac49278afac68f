package dev.drover.acssim.mmt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A zip (WAR or AMP) held in memory: entry name (no leading slash; directories end in '/') to
 * bytes, in the archive's order. WARs of the simulator are small, so reading them whole keeps
 * install and uninstall all-or-nothing: nothing touches the disk until {@link #saveAtomically}.
 * Not thread-safe.
 */
public final class WarArchive {
    private final Path file;
    private final Map<String, byte[]> entries;

    private WarArchive(Path file, Map<String, byte[]> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Reads a zip; {@code kind} ("war", "AMP") names it in errors. */
    public static WarArchive read(Path file, String kind) {
        if (!Files.exists(file)) {
            throw new MmtException("The " + kind + " file '" + file + "' does not exist.");
        }
        if (!Files.isRegularFile(file)) {
            throw new MmtException("The " + kind + " file '" + file + "' is not a file (exploded "
                    + kind + " directories are not supported by the simulator)");
        }
        Map<String, byte[]> entries = new LinkedHashMap<String, byte[]>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String name = normalize(entry.getName());
                if (!name.isEmpty()) {
                    entries.put(entry.isDirectory() && !name.endsWith("/") ? name + "/" : name, readAll(zip));
                }
            }
        } catch (ZipException e) {
            throw new MmtException("The " + kind + " file '" + file + "' is not a valid zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MmtException("Unable to read the " + kind + " file '" + file + "': " + e.getMessage(), e);
        }
        if (entries.isEmpty() && sizeOf(file) > 0) {
            throw new MmtException("The " + kind + " file '" + file + "' is not a valid zip archive");
        }
        return new WarArchive(file, entries);
    }

    public Path file() {
        return file;
    }

    public boolean contains(String name) {
        return entries.containsKey(normalize(name));
    }

    /** The bytes of a file entry; throws {@link MmtException} naming the entry when it is missing. */
    public byte[] bytes(String name) {
        byte[] bytes = entries.get(normalize(name));
        if (bytes == null) {
            throw new MmtException("'" + name + "' is missing from '" + file + "'");
        }
        return bytes;
    }

    /** Entry names (files and directories) in archive order. */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<String>(entries.keySet()));
    }

    /**
     * Adds or replaces a file entry and returns the parent directories that had to be created
     * (outermost first), so an installer can record them for uninstall.
     */
    public List<String> put(String name, byte[] bytes) {
        String normalized = normalize(name);
        List<String> created = new ArrayList<String>();
        int slash = normalized.indexOf('/');
        while (slash >= 0) {
            String directory = normalized.substring(0, slash + 1);
            if (!entries.containsKey(directory)) {
                entries.put(directory, new byte[0]);
                created.add(directory);
            }
            slash = normalized.indexOf('/', slash + 1);
        }
        entries.put(normalized, bytes);
        return created;
    }

    /** Removes an entry (a directory only when nothing is left under it); false when absent or not empty. */
    public boolean remove(String name) {
        String normalized = normalize(name);
        if (normalized.endsWith("/")) {
            for (String other : entries.keySet()) {
                if (!other.equals(normalized) && other.startsWith(normalized)) {
                    return false;
                }
            }
        }
        return entries.remove(normalized) != null;
    }

    /**
     * Writes the archive to a temporary file next to the original and renames it over the
     * original, so a reader (or a crash) sees either the old or the new WAR, never half of one.
     */
    public void saveAtomically() {
        Path directory = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MmtException("Unable to write the war file '" + file + "': " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the WAR
                }
            }
        }
    }

    /** Entry names use '/', never start with '/' and never contain '..' (a zip-slip guard). */
    static String normalize(String name) {
        String normalized = name.replace('\\', '/');
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        for (String part : normalized.split("/")) {
            if (part.equals("..")) {
                throw new MmtException("Refusing zip entry '" + name + "': it points outside the archive");
            }
        }
        return normalized;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
