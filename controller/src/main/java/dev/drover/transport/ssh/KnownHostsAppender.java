package dev.drover.transport.ssh;

import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Records a newly accepted host key in the user's known_hosts file, as OpenSSH's accept-new does:
 * one plain line appended, the file and its directory created owner-only ({@code 600}/{@code 700})
 * when missing.
 *
 * <p>Safe when several connections record at once, in this JVM (a static lock; a {@link FileLock} is
 * held per process, not per thread) and across processes (an exclusive {@link FileLock}). Under the
 * lock the file is read again: if another connection recorded the same key meanwhile nothing is
 * written; if it recorded a different key of the same type for the same host, that is reported as a
 * changed key and nothing is written. Existing lines are never modified.
 */
final class KnownHostsAppender {
    private static final Object IN_PROCESS = new Object();

    private KnownHostsAppender() {
    }

    /** @return whether a line was written (false: the key was already there) */
    static boolean record(Path file, String name, byte[] blob, HostKeyMessages messages) throws TransportException {
        synchronized (IN_PROCESS) {
            try {
                createParent(file);
                try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        ownerOnly("rw-------"))) {
                    FileLock lock = ch.lock();
                    try {
                        return appendUnlessPresent(ch, file, name, blob, messages);
                    } finally {
                        lock.release();
                    }
                }
            } catch (IOException e) {
                throw new TransportException(Kind.CONFIG, messages.inventoryName(), "cannot record the host key of "
                        + messages.host() + " in " + file + ": " + e + ". Fix the file's permissions, or add the key "
                        + "yourself: ssh-keyscan -p " + messages.port() + " " + messages.host() + " >> " + file, e);
            }
        }
    }

    /** Called with the lock held: decides on the file's current content, then appends one line. */
    private static boolean appendUnlessPresent(FileChannel ch, Path file, String name, byte[] blob,
            HostKeyMessages messages) throws IOException, TransportException {
        KnownHosts.Check now = KnownHosts.load(List.of(file)).check(name, blob);
        if (now instanceof KnownHosts.Known) {
            return false;
        }
        if (now instanceof KnownHosts.Changed c) {
            throw messages.changedWhileRecording(blob, c.recorded());
        }
        if (now instanceof KnownHosts.Revoked r) {
            throw messages.revoked(blob, r.entry());
        }
        String line = HostKeyFormat.knownHostsLine(name, blob) + "\n";
        long size = ch.size();
        if (size > 0 && !endsWithNewline(file)) {
            line = "\n" + line;
        }
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            ch.write(bytes, size + bytes.position());
        }
        ch.force(false);
        return true;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    private static void createParent(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (posix()) {
                Files.createDirectories(dir, ownerOnly("rwx------"));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(String perms) {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
