package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;

/**
 * Replaces a file so readers see the old or the new content, never a mix: write a temporary file
 * in the same directory (same file system, so rename is atomic), fsync it, give it the old file's
 * mode and ownership, rename it over the destination, fsync the directory. A new file gets the
 * default permissions (0666 minus umask), as with Ansible's {@code atomic_move}.
 */
public final class AtomicWrite {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Inspects the complete temporary file before it replaces the destination; throws to abort. */
    public interface Check {
        void check(Path candidate) throws ModuleException;
    }

    /** Streams the new content; called once. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicWrite() {
    }

    public static void write(final Path dest, final byte[] bytes) throws ModuleException {
        write(dest, bytes, null);
    }

    public static void write(final Path dest, final byte[] bytes, Check check) throws ModuleException {
        write(dest, new Content() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        }, check);
    }

    public static void write(Path dest, Content content) throws ModuleException {
        write(dest, content, null);
    }

    /** @param check run on the finished temporary file before the rename, or null */
    public static void write(Path dest, Content content, Check check) throws ModuleException {
        Path dir = dest.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + dest.getFileName() + ".drover-" + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS)) {
                copyOwnershipAndMode(dest, tmp);
            }
            if (check != null) {
                check.check(tmp);
            }
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
        } catch (NoSuchFileException e) {
            throw new ModuleException("cannot write " + dest + ": directory " + dir + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new ModuleException("cannot write " + dest + ": permission denied in " + dir
                    + "; run the task with become: true or fix the directory's permissions", e);
        } catch (FileSystemException e) {
            throw new ModuleException("cannot write " + dest + ": " + FileAttributes.reason(e), e);
        } catch (IOException e) {
            throw new ModuleException("cannot write " + dest + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Best effort: the rename normally consumed it.
            }
        }
    }

    /** The replaced file's permissions and owner carry over (owner only where allowed, i.e. as root). */
    private static void copyOwnershipAndMode(Path from, Path to) throws IOException {
        PosixFileAttributes old = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        try {
            view.setGroup(old.group());
            view.setOwner(old.owner());
        } catch (FileSystemException e) {
            // Not root: the new file stays ours, exactly what rename by this user would give.
        }
        Files.setAttribute(to, "unix:mode", (Integer) Files.getAttribute(from, "unix:mode") & 07777);
    }

    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on directories; the rename itself already happened.
        }
    }
}
