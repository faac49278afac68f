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
 * gzip-compressed tar and plain tar; a tar compressed with bzip2, xz or zstd is read through the
 * host's {@code bzip2}, {@code xz} or {@code zstd} (as GNU tar, which Ansible's module runs, does), and
 * refused with what to do when that program is missing.
 */
enum ArchiveFormat {
    ZIP("ZipArchive"), TAR_GZ("TgzArchive"), TAR("TarArchive"),
    /** Decompressed by the host's program, as GNU tar does for Ansible: {@link #PROGRAMS}. */
    TAR_BZ2("TarBzipArchive"), TAR_XZ("TarXzArchive"), TAR_ZST("TarZstdArchive");

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
            ArchiveFormat piped = compressor.equals("bzip2") ? TAR_BZ2 : compressor.equals("xz") ? TAR_XZ : TAR_ZST;
            if (onPath(compressor)) {
                return piped;
            }
            throw new ModuleException(file + " is " + compressor + "-compressed and there is no '" + compressor
                    + "' on the host's PATH to read it (the agent reads zip, tar and tar.gz itself); install it,"
                    + " or recompress the archive as tar.gz");
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
            case TAR_BZ2:
                return new TarReader(new BufferedInputStream(decompressed("bzip2", file), 65536));
            case TAR_XZ:
                return new TarReader(new BufferedInputStream(decompressed("xz", file), 65536));
            case TAR_ZST:
                return new TarReader(new BufferedInputStream(decompressed("zstd", file), 65536));
            default:
                return new TarReader(new BufferedInputStream(Files.newInputStream(file), 65536));
        }
    }

    /** {@code program -dc file}'s output; closing it stops the program. A failed run reads as a truncated tar. */
    private static InputStream decompressed(String program, Path file) throws IOException {
        final Process p = new ProcessBuilder(program, "-dc", "--", file.toString())
                .redirectError(ProcessBuilder.Redirect.to(new java.io.File("/dev/null"))).start();
        p.getOutputStream().close();
        return new java.io.FilterInputStream(p.getInputStream()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    p.destroy();
                }
            }
        };
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(java.nio.file.Paths.get(dir, program))) {
                return true;
            }
        }
        return false;
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
