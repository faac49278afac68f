package dev.drover.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * Files that only the user who runs drover may read: journals, log files, locks and the rest of the
 * state directory carry extra variables, host output and who ran what. Directories are made 0700
 * and files 0600 whatever the umask (the modes are given at creation, and a umask only removes
 * bits), and no file here is opened through a symbolic link: a link planted where a lock or journal
 * goes would otherwise make drover write to whatever it points at.
 *
 * <p>On a file system without POSIX permissions the modes are skipped; the no-link rule still holds.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and its missing parents, each new one 0700; an existing {@code dir} owned
     * by this user with group or other bits is narrowed to 0700 (state directories made by older
     * drover releases were 0755). A {@code dir} that is a symbolic link is refused.
     */
    public static Path directory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link; drover keeps its state only in real directories"
                    + " (remove the link, or point --state-dir at the directory itself)");
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (posix(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            } else {
                Files.createDirectories(dir);
            }
        } else if (posix(dir)) {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!now.equals(DIR) && ownedByMe(dir)) {
                Set<PosixFilePermission> narrowed = new HashSet<>(now);
                narrowed.retainAll(DIR);
                Files.setPosixFilePermissions(dir, narrowed);
            }
        }
        return dir;
    }

    /**
     * Like {@link #directory(Path)}, but an existing {@code dir} keeps its mode: for a directory the user
     * names and other things may live in (the state directory: {@code --state-dir /srv/ops}, or a project's
     * {@code .drover} holding the OpenSSH lab, whose login user must still reach its files). What drover
     * keeps there lives in subdirectories made with {@link #directory(Path)}.
     */
    public static Path directoryKeepingItsMode(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return dir;
        }
        return directory(dir);
    }

    /**
     * Opens {@code file} for writing with the given options (CREATE, CREATE_NEW, APPEND...), never
     * through a symbolic link; a file it creates is 0600.
     *
     * @throws IOException also when {@code file} is a symbolic link (the message says so)
     */
    public static FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> opts = new HashSet<>(Set.of(options));
        opts.add(LinkOption.NOFOLLOW_LINKS);
        if (Files.isSymbolicLink(file)) {
            throw new IOException(file + " is a symbolic link; drover does not write through links there"
                    + " (someone may have planted it: check where it points, then remove it)");
        }
        try {
            return posix(file.toAbsolutePath().getParent())
                    ? FileChannel.open(file, opts, PosixFilePermissions.asFileAttribute(FILE))
                    : FileChannel.open(file, opts);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) { // raced in between the check and the open (ELOOP)
                throw new IOException(file + " is a symbolic link; drover does not write through links there", e);
            }
            throw e;
        }
    }

    /** The attribute that makes a directory created with {@link Files#createDirectory} 0700 (none without POSIX modes). */
    public static FileAttribute<?>[] directoryAttributes(Path dir) {
        return posix(dir.toAbsolutePath().getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path anyPathOnTheFileSystem) {
        Path p = anyPathOnTheFileSystem == null ? Path.of(".") : anyPathOnTheFileSystem;
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static boolean ownedByMe(Path dir) throws IOException {
        return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
    }
}
