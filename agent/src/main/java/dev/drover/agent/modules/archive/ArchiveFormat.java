package dev.drover.agent.modules.archive;

import dev.drover.agent.module.ModuleException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The archive formats {@code unarchive} reads, recognised by content, not by file name: zip,
 * gzip-compressed tar and plain tar. bzip2, xz and zstd need libraries the agent does not carry;
 * they are named in the error so the user can recompress or use the command module.
 */
enum ArchiveFormat {
    ZIP("ZipArchive"), TAR_GZ("TgzArchive"), TAR("TarArchive");

    /** Ansible's handler class name, reported as {@code handler}. */
    final String handler;

    ArchiveFormat(String handler) {
        this.handler = handler;
    }

    static ArchiveFormat detect(Path file) throws ModuleException {
        byte[] head = new byte[TarHeaders.BLOCK];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = readUpTo(in, head);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return ZIP;
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                byte[] inner = new byte[TarHeaders.BLOCK];
                if (readUpTo(in, inner) == inner.length && looksLikeTar(inner)) {
                    return TAR_GZ;
                }
            } catch (IOException e) {
                throw new ModuleException(file + " looks gzip-compressed but cannot be read: " + e.getMessage(), e);
            }
            throw new ModuleException(file + " is gzip-compressed but holds no tar archive; unarchive needs"
                    + " a zip, tar or tar.gz (use the command module with gunzip for a single compressed file)");
        }
        if (n == head.length && looksLikeTar(head)) {
            return TAR;
        }
        String compressor = n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' ? "bzip2"
                : n >= 6 && (head[0] & 0xFF) == 0xFD && head[1] == '7' && head[2] == 'z' && head[3] == 'X' ? "xz"
                : n >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F ? "zstd"
                : null;
        if (compressor != null) {
            throw new ModuleException(file + " is " + compressor + "-compressed, which the agent cannot read"
                    + " (it supports zip, tar and tar.gz); recompress it as tar.gz, or run tar through the command module");
        }
        try {
            new ZipReader(file).close();
            return ZIP;
        } catch (IOException e) {
            throw new ModuleException(file + " is not a zip, tar or tar.gz archive");
        }
    }

    ArchiveReader open(Path file) throws IOException {
        switch (this) {
            case ZIP:
                return new ZipReader(file);
            case TAR_GZ:
                return new TarReader(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 65536), 65536));
            default:
                return new TarReader(new BufferedInputStream(Files.newInputStream(file), 65536));
        }
    }

    private static boolean looksLikeTar(byte[] block) {
        try {
            return !TarHeaders.isZeroBlock(block) && TarHeaders.checksumValid(block);
        } catch (IOException e) {
            return false;
        }
    }

    private static int readUpTo(InputStream in, byte[] b) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
