package dev.drover.agent.modules.archive;

import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an archive member may land: inside the destination, nowhere else. Absolute names and
 * names whose {@code ..} climb out of the destination ("zip slip") are refused before anything
 * is extracted; at write time the member's parent directory is resolved through any symlinks
 * (including ones the archive itself created) and must still be inside the destination.
 */
final class EntryPaths {
    private EntryPaths() {
    }

    /** The member's path under {@code dest}; fails for unsafe names. */
    static Path resolve(Path dest, String name) throws ModuleException {
        if (name.isEmpty() || name.equals(".") || name.equals("./")) {
            return dest;
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new ModuleException("archive member '" + name + "' has an absolute path; refusing to extract"
                    + " an archive that writes outside dest");
        }
        Path target = dest.resolve(name).normalize();
        if (!target.startsWith(dest) || name.contains("\0")) {
            throw new ModuleException("archive member '" + name + "' would be written outside " + dest
                    + " (path traversal); refusing to extract this archive");
        }
        return target;
    }

    /** Fails when {@code target}'s parent, with symlinks resolved, is outside {@code realDest}. */
    static void checkParent(Path realDest, Path target, String name) throws ModuleException {
        Path parent = target.getParent();
        try {
            if (parent != null && Files.exists(parent) && !parent.toRealPath().startsWith(realDest)) {
                throw new ModuleException("archive member '" + name + "' would be written through a symlink to "
                        + parent.toRealPath() + ", outside the destination; refusing");
            }
        } catch (IOException e) {
            throw new ModuleException("cannot resolve " + parent + ": " + e.getMessage(), e);
        }
    }
}
