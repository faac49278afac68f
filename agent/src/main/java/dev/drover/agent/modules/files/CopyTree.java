package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code copy} of a directory already on the host ({@code remote_src: true}), with rsync's
 * trailing-slash rule as Ansible has it: {@code src: /a/dir/} copies the contents into
 * {@code dest}, {@code src: /a/dir} copies the directory into {@code dest/dir}. Files are written
 * only when missing or different (SHA-1), keep their modification time, and get {@code mode} if
 * given, else their source's mode; new directories get {@code directory_mode}, else their source's
 * mode; owner and group apply to everything copied. Files only in {@code dest} are left alone.
 * Symbolic links are copied as links unless {@code local_follow: true}.
 */
final class CopyTree {
    private final boolean check;
    private final FileAttributes attributes;
    private final FileModes directoryMode;
    private final boolean followLinks;

    CopyTree(boolean check, FileAttributes attributes, FileModes directoryMode, boolean followLinks) {
        this.check = check;
        this.attributes = attributes;
        this.directoryMode = directoryMode;
        this.followLinks = followLinks;
    }

    ModuleResult copy(final Path src, boolean contentsOnly, Path dest) throws ModuleException {
        final Path target = contentsOnly ? dest : dest.resolve(src.getFileName());
        if (Files.exists(dest) && !Files.isDirectory(dest)) {
            throw new ModuleException("cannot copy directory " + src + " to " + dest + ": dest is not a directory");
        }
        final boolean[] changed = {false};
        final ModuleException[] failure = {null};
        Set<FileVisitOption> options = followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
                : Collections.<FileVisitOption>emptySet();
        try {
            Files.walkFileTree(src, options, Integer.MAX_VALUE, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return guard(() -> changed[0] |= directory(dir, target.resolve(src.relativize(dir).toString())));
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path to = target.resolve(src.relativize(file).toString());
                    return guard(() -> changed[0] |= attrs.isSymbolicLink() ? link(file, to) : file(file, to));
                }

                private FileVisitResult guard(Step step) {
                    try {
                        step.run();
                        return FileVisitResult.CONTINUE;
                    } catch (ModuleException e) {
                        failure[0] = e;
                        return FileVisitResult.TERMINATE;
                    }
                }
            });
        } catch (IOException e) {
            throw new ModuleException("failed to copy " + src + " to " + target + ": " + e, e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        ModuleResult result = ModuleResult.changed(changed[0]).with("dest", target.toString()).with("src", src.toString());
        if (!attributes.warnings().isEmpty()) {
            result.with("warnings", attributes.warnings());
        }
        return result;
    }

    private interface Step {
        void run() throws ModuleException;
    }

    private boolean directory(Path from, Path to) throws ModuleException {
        boolean changed = false;
        if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            changed = true;
            if (!check) {
                FileModes mode = directoryMode != null ? directoryMode : modeOf(from);
                createDirectories(to, mode, attributes);
            }
        } else if (!Files.isDirectory(to)) {
            throw new ModuleException("cannot copy directory " + from + ": " + to + " exists and is not a directory");
        }
        return changed | attributes.withMode(null).apply(to, check);
    }

    private boolean file(Path from, Path to) throws ModuleException {
        boolean changed = false;
        if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModuleException("cannot copy file " + from + ": " + to + " is a directory");
        }
        if (!Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS) || !Checksums.sha1(from).equals(Checksums.sha1(to))) {
            changed = true;
            if (!check) {
                CopySource.ofFile(from).writeTo(to);
            }
        }
        FileAttributes fileAttributes = attributes.mode() != null ? attributes : attributes.withMode(modeOf(from));
        return changed | fileAttributes.apply(to, check);
    }

    private boolean link(Path from, Path to) throws ModuleException {
        try {
            Path linkTarget = Files.readSymbolicLink(from);
            if (Files.isSymbolicLink(to) && Files.readSymbolicLink(to).equals(linkTarget)) {
                return attributes.withMode(null).apply(to, check);
            }
            if (Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModuleException("cannot copy link " + from + ": " + to + " is a directory");
            }
            if (!check) {
                Files.deleteIfExists(to);
                Files.createSymbolicLink(to, linkTarget);
                attributes.withMode(null).apply(to, false);
            }
            return true;
        } catch (IOException e) {
            throw new ModuleException("cannot copy link " + from + " to " + to + ": " + e, e);
        }
    }

    /** {@code mkdir -p}; each directory created gets {@code mode} (if any) and the owner/group. */
    static void createDirectories(Path dir, FileModes mode, FileAttributes attributes) throws ModuleException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectories(parent, mode, attributes);
        }
        try {
            Files.createDirectory(absolute);
        } catch (IOException e) {
            throw new ModuleException("cannot create directory " + absolute + ": " + e, e);
        }
        attributes.withMode(mode).apply(absolute, false);
    }

    private static FileModes modeOf(Path p) throws ModuleException {
        try {
            return FileModes.parse(FileModes.format((Integer) Files.getAttribute(p, "unix:mode")), "mode");
        } catch (IOException e) {
            throw new ModuleException("cannot read the mode of " + p + ": " + e.getMessage(), e);
        }
    }
}
