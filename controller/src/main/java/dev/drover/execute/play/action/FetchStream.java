package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.execute.HostStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Moves one file from the host into a temporary file beside {@code dest}, piece by piece, through
 * the agent's {@code slurp} with {@code _offset}/{@code _length}: each piece is one ordinary request
 * and result, so it works wherever a module does (under become, through the persist process) and
 * needs no state on the host. Memory is bounded by one piece on either side, whatever the file's size.
 *
 * <p>Each piece is a read-only call that is not a step ({@link ActionContext.Agent#read}): nothing
 * is spooled or journaled on the host for it. The host reports the file's size and mtime with each
 * piece; with {@code validate} a change between pieces stops the transfer. The temporary file is
 * renamed over {@code dest} only by {@link Received#commit}; {@link Received#close} removes it
 * otherwise, so a transfer that stops midway leaves {@code dest} as it was and no partial file.
 */
final class FetchStream {
    /** Bytes asked per request: about 5 times this is held per host on the controller while it arrives. */
    static final int PIECE = 1 << 20;

    private FetchStream() {
    }

    /** What arrived: a complete temporary file and its digests, until committed or closed. */
    static final class Received implements AutoCloseable {
        private final Path tmp;
        final long bytes;
        final String sha1;
        final String md5;

        private Received(Path tmp, long bytes, String sha1, String md5) {
            this.tmp = tmp;
            this.bytes = bytes;
            this.sha1 = sha1;
            this.md5 = md5;
        }

        /**
         * Renames the received file over {@code dest}, as Ansible's connection plugins write it: a new
         * file has 0666 less the umask (the temporary file was created so), a file already there keeps
         * its mode.
         */
        void commit(Path dest) throws IOException {
            if (Files.isRegularFile(dest)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(dest));
                } catch (UnsupportedOperationException notPosix) {
                    // Not a POSIX file system: the new file's own mode stands.
                }
            }
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(tmp);
        }
    }

    /** The transfer did not complete; {@code result} is the task's result (failed or unreachable). */
    static final class Stopped extends Exception {
        final transient Map<String, Object> result;

        Stopped(Map<String, Object> result) {
            super(String.valueOf(result.get("msg")), null, false, false);
            this.result = result;
        }
    }

    /**
     * Reads {@code src} into a new temporary file in {@code dest}'s directory (which must exist).
     *
     * @param first   what to return when the very first piece fails (the file is missing, a directory,
     *                unreadable): Ansible's messages for a failed slurp, decided by the caller
     * @param validate whether a file that changes while it is read stops the transfer; without it the
     *                file is read to its end, as an SFTP get reads a growing log
     * @throws Stopped when a later piece fails, the host is lost or the file changed midway
     */
    static Received receive(ActionContext.Agent agent, String host, String src, Path dest, boolean validate,
            java.util.function.Function<HostResult, Map<String, Object>> first) throws Stopped, IOException {
        Path tmp = dest.resolveSibling(".fetch-" + UUID.randomUUID() + ".tmp");
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest md5 = digest("MD5");
        long offset = 0;
        long size0 = -1;
        Object mtime0 = null;
        boolean done = false;
        // CREATE_NEW honours the umask, unlike createTempFile's 0600: a new dest gets 0666 less the umask.
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (!done) {
                HostResult piece = agent.read("slurp", Map.of("src", src, "_offset", offset, "_length", PIECE));
                if (piece.status() != HostStatus.OK && piece.status() != HostStatus.CHANGED) {
                    if (size0 < 0) {
                        throw new Stopped(first.apply(piece));
                    }
                    throw stopped(piece, host, src, dest, offset, size0,
                            piece.message().contains("not found") ? "the file was removed while it was read" : piece.message());
                }
                Map<String, Object> r = piece.result();
                long size = r.get("size") instanceof Number n ? n.longValue() : -1;
                Object mtime = r.get("mtime");
                if (size0 < 0) {
                    size0 = size;
                    mtime0 = mtime;
                } else if (validate && (size != size0 || !java.util.Objects.equals(mtime, mtime0))) {
                    throw stopped(piece, host, src, dest, offset, size0, "the file changed while it was read (size "
                            + size0 + " then " + size + " bytes); fetch it when it is not being written, or set"
                            + " validate_checksum: false to take it as it is read");
                }
                byte[] bytes = Base64.getDecoder().decode(String.valueOf(r.get("content")));
                out.write(bytes);
                sha1.update(bytes);
                md5.update(bytes);
                offset += bytes.length;
                // A short piece is the end. So is the size the host gave, except 0: /proc files say 0 and
                // have content. Without validate, a growing file is read on to its end.
                done = bytes.length < PIECE || (validate && size0 > 0 && offset >= size0);
            }
        } catch (Stopped | IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new Received(tmp, offset, hex(sha1), hex(md5));
    }

    private static Stopped stopped(HostResult piece, String host, String src, Path dest, long offset, long size,
            String why) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (piece.status() == HostStatus.UNREACHABLE) {
            result.putAll(piece.result());
        } else {
            result.put("failed", true);
        }
        result.put("changed", false);
        result.put("msg", "fetch of " + src + " from " + host + " stopped after " + offset + " of " + size + " bytes: "
                + why + "; " + dest + " was left as it was");
        result.put("file", src);
        return new Stopped(result);
    }

    /** The sha1 and md5 of a local file, read in pieces; null when it is not a regular file or unreadable. */
    static String[] localDigests(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest md5 = digest("MD5");
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                sha1.update(buf, 0, n);
                md5.update(buf, 0, n);
            }
        } catch (IOException e) {
            return null;
        }
        return new String[] {hex(sha1), hex(md5)};
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }

    private static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }
}
