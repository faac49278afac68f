package dev.drover.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where the persist process's socket lives: {@code $DROVER_PERSIST_DIR}, else
 * {@code ~/.cache/drover/persist/<uid>} (not {@code $XDG_RUNTIME_DIR}: cron has none, and a
 * scheduled run should find the same process as an interactive one). The directory
 * is created 0700 and checked every time (owner is this user, no group or other bits, not a
 * symlink): a socket in a directory someone else can enter or replace is never used.
 */
public record PersistDir(Path dir) {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    public static PersistDir resolve(Path given, Map<String, String> env) {
        if (given != null) {
            return new PersistDir(given.toAbsolutePath());
        }
        String fromEnv = env.get("DROVER_PERSIST_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new PersistDir(Path.of(fromEnv).toAbsolutePath());
        }
        return new PersistDir(Path.of(System.getProperty("user.home"), ".cache", "drover", "persist", uid()));
    }

    public Path socket() {
        return dir.resolve("sock");
    }

    public Path log() {
        return dir.resolve("log");
    }

    /** Creates the directory 0700 if missing and refuses one that others could enter or replace. */
    public void secure() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another CLI made it: checked below like any existing one
            }
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        check();
    }

    /** Throws unless the directory exists, is a real directory owned by this user and is 0700. */
    public void check() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!String.valueOf(owner).equals(uid())) {
            throw new IOException(dir + " belongs to uid " + owner + ", not to this user (uid " + uid() + ")");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        if (!perms.equals(OWNER_ONLY)) {
            throw new IOException(dir + " has mode " + PosixFilePermissions.toString(perms) + ", must be rwx------");
        }
    }

    /** This process's uid, read from /proc (no user-database lookup). */
    static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }
}
