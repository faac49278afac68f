package dev.drover.agent.modules.archive;

import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts members one by one into a destination, changing only what differs: a file whose bytes
 * already match is not rewritten (the comparison streams both sides and, at the first difference,
 * switches to writing a temporary file that is renamed over the old one, so a running process
 * never sees a half-written jar), a link with the same target is kept, and directory modes and
 * times are set last, deepest first. {@code keep_newer} keeps files newer than the member.
 * In check mode nothing is written and the return values say what would change.
 */
final class Extractor {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path dest;
    private final Path realDest;
    private final boolean check;
    private final boolean keepNewer;
    /** Ansible decides a tar's change from {@code tar --diff}; a zip's from its own comparison. */
    private final boolean tar;
    /** A module-level mode replaces the members' modes, so theirs are not compared. */
    private final boolean modesOverridden;
    private final List<ArchiveEntry> directories = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Extractor(Path dest, boolean check, boolean keepNewer, boolean modesOverridden, boolean tar) throws IOException {
        this.dest = dest.toAbsolutePath().normalize();
        this.realDest = dest.toRealPath();
        this.check = check;
        this.keepNewer = keepNewer;
        this.tar = tar;
        this.modesOverridden = modesOverridden;
    }

    List<String> warnings() {
        return warnings;
    }

    /** Extracts one member; true if it changed something (or would, in check mode). */
    boolean extract(ArchiveEntry e, InputStream content) throws ModuleException, IOException {
        Path target = EntryPaths.resolve(dest, e.name);
        if (!check) {
            EntryPaths.checkParent(realDest, target, e.name);
        }
        boolean parentMissing = !Files.isDirectory(target.getParent());
        if (parentMissing && !check) {
            Files.createDirectories(target.getParent());
            EntryPaths.checkParent(realDest, target, e.name);
        }
        switch (e.type) {
            case DIRECTORY:
                return directory(e, target);
            // The member is always written: a created parent only makes the change certain.
            // (`parentMissing || file(...)` once skipped every member whose directory the archive
            // does not list first, as in zips without directory entries or with include patterns.)
            case FILE:
                return file(e, content, target) | parentMissing;
            case SYMLINK:
                return symlink(e, target) | parentMissing;
            case HARDLINK:
                return hardlink(e, target) | parentMissing;
            default:
                warnings.add("skipped " + e.name + ": devices and FIFOs are not extracted");
                return false;
        }
    }

    /** Sets directory modes and times after their contents are in place. */
    void finishDirectories() throws IOException, ModuleException {
        if (check) {
            return;
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            ArchiveEntry e = directories.get(i);
            Path target = EntryPaths.resolve(dest, e.name);
            if (e.mode >= 0 && !modesOverridden) {
                Files.setAttribute(target, "unix:mode", e.mode, NOFOLLOW);
            }
            if (e.mtime >= 0) {
                Files.setLastModifiedTime(target, FileTime.fromMillis(e.mtime * 1000));
            }
        }
    }

    private boolean directory(ArchiveEntry e, Path target) throws IOException, ModuleException {
        directories.add(e);
        if (Files.isDirectory(target, NOFOLLOW)) {
            return !modesOverridden && e.mode >= 0 && mode(target) != e.mode;
        }
        if (Files.exists(target, NOFOLLOW)) {
            throw new ModuleException("cannot extract directory " + e.name + ": " + target + " exists and is not a directory");
        }
        if (!check) {
            Files.createDirectories(target);
        }
        return true;
    }

    private boolean file(ArchiveEntry e, InputStream in, Path target) throws IOException, ModuleException {
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new ModuleException("cannot extract file " + e.name + ": " + target + " is a directory");
        }
        boolean exists = Files.isRegularFile(target, NOFOLLOW);
        if (exists && keepNewer && e.mtime >= 0
                && Files.getLastModifiedTime(target, NOFOLLOW).to(java.util.concurrent.TimeUnit.MICROSECONDS) > e.mtime * 1_000_000L) {
            // As Ansible (os.path.getmtime > member mtime): a file newer by a fraction of a second is newer
            // and kept. A zip then reports no change; a tar reports one when `tar --diff` says "Mod time
            // differs", which compares whole seconds (Ansible ignores its "Contents differ").
            return tar && Files.getLastModifiedTime(target, NOFOLLOW).to(java.util.concurrent.TimeUnit.SECONDS) != e.mtime;
        }
        byte[] a = new byte[65536];
        byte[] b = new byte[65536];
        long same = 0;
        int pending = 0;
        if (exists && Files.size(target) == e.size) {
            try (InputStream old = Files.newInputStream(target)) {
                while (true) {
                    int r = fill(in, a, a.length);
                    if (r <= 0) {
                        break;
                    }
                    if (fill(old, b, r) != r || !equal(a, b, r)) {
                        pending = r;
                        break;
                    }
                    same += r;
                }
            }
            if (pending == 0) {
                boolean modeDiffers = !modesOverridden && e.mode >= 0 && mode(target) != e.mode;
                if (modeDiffers && !check) {
                    Files.setAttribute(target, "unix:mode", e.mode, NOFOLLOW);
                }
                return modeDiffers;
            }
        }
        if (check) {
            return true;
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + ".drover-" + System.nanoTime() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (same > 0) {
                    try (InputStream old = Files.newInputStream(target)) {
                        copy(old, out, same, b);
                    }
                }
                out.write(a, 0, pending);
                copy(in, out, Long.MAX_VALUE, b);
            }
            int mode = e.mode >= 0 ? e.mode : exists ? mode(target) : -1;
            if (mode >= 0) {
                Files.setAttribute(tmp, "unix:mode", mode);
            }
            if (e.mtime >= 0) {
                Files.setLastModifiedTime(tmp, FileTime.fromMillis(e.mtime * 1000));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    private boolean symlink(ArchiveEntry e, Path target) throws IOException, ModuleException {
        if (Files.isSymbolicLink(target) && Files.readSymbolicLink(target).toString().equals(e.linkTarget)) {
            return false;
        }
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new ModuleException("cannot extract link " + e.name + ": " + target + " is a directory");
        }
        if (!check) {
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, Paths.get(e.linkTarget));
        }
        return true;
    }

    private boolean hardlink(ArchiveEntry e, Path target) throws IOException, ModuleException {
        Path source = EntryPaths.resolve(dest, e.linkTarget);
        if (Files.exists(target, NOFOLLOW) && Files.exists(source, NOFOLLOW) && Files.isSameFile(target, source)) {
            return false;
        }
        if (Files.isDirectory(target, NOFOLLOW)) {
            throw new ModuleException("cannot extract hard link " + e.name + ": " + target + " is a directory");
        }
        if (!check) {
            if (!Files.exists(source, NOFOLLOW)) {
                throw new ModuleException("hard link " + e.name + " points to " + e.linkTarget
                        + ", which is not in the archive before it");
            }
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, source);
            } catch (FileAlreadyExistsException ex) {
                throw new ModuleException("cannot extract hard link " + e.name + ": " + ex.getMessage(), ex);
            }
        }
        return true;
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
    }

    private static int fill(InputStream in, byte[] buf, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(buf, n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static boolean equal(byte[] a, byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long limit, byte[] buf) throws IOException {
        long left = limit;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                break;
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }
}
