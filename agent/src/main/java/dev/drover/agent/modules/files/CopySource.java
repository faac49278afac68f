package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code copy} writes: bytes sent by the controller, or a file on the host (streamed, never
 * loaded whole, and keeping its modification time like Ansible's {@code copystat}).
 */
final class CopySource {
    private final byte[] bytes;
    private final Path file;
    private String sha1;

    private CopySource(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    static CopySource ofBytes(byte[] bytes) {
        return new CopySource(bytes, null);
    }

    static CopySource ofFile(Path file) {
        return new CopySource(null, file);
    }

    String sha1() throws ModuleException {
        if (sha1 == null) {
            sha1 = file != null ? Checksums.sha1(file) : Checksums.sha1(bytes);
        }
        return sha1;
    }

    String md5() throws ModuleException {
        return file != null ? Checksums.of(file, "md5") : Checksums.hex(Checksums.digest("md5").digest(bytes));
    }

    /** The content for a diff, or null when it is larger than {@code limit}. */
    byte[] bytesForDiff(int limit) throws ModuleException {
        if (bytes != null) {
            return bytes.length > limit ? null : bytes;
        }
        try {
            return Files.size(file) > limit ? null : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    void writeTo(Path dest) throws ModuleException {
        writeTo(dest, null);
    }

    /** @param check run on the complete temporary file before it replaces dest, or null */
    void writeTo(Path dest, AtomicWrite.Check check) throws ModuleException {
        if (bytes != null) {
            AtomicWrite.write(dest, bytes, check);
            return;
        }
        AtomicWrite.write(dest, new AtomicWrite.Content() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                Files.copy(file, out);
            }
        }, check);
        try {
            Files.setLastModifiedTime(dest, Files.getLastModifiedTime(file));
        } catch (IOException e) {
            throw new ModuleException("cannot set the modification time of " + dest + ": " + e.getMessage(), e);
        }
    }
}
