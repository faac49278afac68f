package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * {@code state: link} and {@code state: hard} of the {@code file} module, after Ansible's
 * {@code ensure_symlink} / {@code ensure_hardlink}: an existing file, hard link or empty directory
 * is replaced only with {@code force}; a replacement is made under a temporary name and renamed
 * over the path, so the path never disappears. A relative {@code src} is relative to the link's
 * directory (as with {@code ln -s}); for hard links too, where Ansible would use its working
 * directory, which on a pushed agent means nothing to the user.
 */
final class LinkStates {
    private final boolean check;
    private final FileAttributes attributes;
    private final ChattrFlags flags;
    private final FileTimes times;

    LinkStates(boolean check, FileAttributes attributes, ChattrFlags flags, FileTimes times) {
        this.check = check;
        this.attributes = attributes;
        this.flags = flags;
        this.times = times;
    }

    ModuleResult symlink(Path path, String src, String prev, boolean follow, boolean force) throws ModuleException {
        if (src == null && follow && "link".equals(prev)) {
            src = readLink(path).toString();
        }
        boolean realDirectory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        Path base = realDirectory ? path : parent(path);
        if (!force && src != null && !Files.exists(base.resolve(src))) {
            throw new ModuleException("src file does not exist, use \"force=yes\" if you really want to create the link: "
                    + base.resolve(src)).with("path", path.toString()).with("src", src);
        }
        if ("directory".equals(prev)) {
            if (!force) {
                throw new ModuleException("refusing to convert from directory to symlink for " + path
                        + " (force: true replaces an empty directory)").with("path", path.toString());
            }
            if (!isEmptyDirectory(path)) {
                throw new ModuleException("the directory " + path + " is not empty, refusing to convert it")
                        .with("path", path.toString());
            }
        } else if (("file".equals(prev) || "hard".equals(prev)) && !force) {
            throw new ModuleException("refusing to convert from " + prev + " to symlink for " + path
                    + " (force: true replaces it)").with("path", path.toString());
        }
        boolean changed;
        FileDiff diff = new FileDiff(path, "link", prev);
        if ("link".equals(prev)) {
            Path old = readLink(path);
            // Java drops a trailing slash when it links: compare paths, not their text.
            changed = src != null && !old.equals(path.getFileSystem().getPath(src));
            if (changed) {
                diff.put("src", old.toString(), src);
            }
        } else {
            if (src == null) {
                throw new ModuleException("src is required for creating new symlinks");
            }
            changed = true;
        }
        if (changed && !check) {
            try {
                if ("absent".equals(prev)) {
                    Files.createSymbolicLink(path, Paths.get(src));
                } else {
                    Path tmp = tempSibling(path);
                    Files.createSymbolicLink(tmp, Paths.get(src));
                    replace(tmp, path, "directory".equals(prev));
                }
            } catch (IOException e) {
                throw new ModuleException("error while linking " + path + " to " + src + ": " + e, e)
                        .with("path", path.toString());
            }
        }
        ModuleResult result = ModuleResult.changed(changed).with("dest", path.toString()).with("src", src);
        if (check && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return result.with("diff", diff.toMap());
        }
        // follow: attributes go to the link's target, which must exist; otherwise to the link itself.
        Path target = follow && Files.exists(path) ? FileModule.realPath(path) : path;
        if (follow && !Files.exists(path) && !attributes.isEmpty()) {
            attributes.warnings().add("cannot set attributes on the missing target of " + path
                    + "; set follow: false to change the link itself");
        } else {
            changed |= attributes.apply(target, check, diff) | flags.apply(target, check, diff);
            if (Files.exists(target)) {
                changed |= times.apply(target, check, diff);
            }
        }
        return FileModule.info(result.with("changed", changed), path).with("diff", diff.toMap());
    }

    ModuleResult hardlink(Path path, String src, String prev, boolean force) throws ModuleException {
        if (!"hard".equals(prev) && src == null) {
            throw new ModuleException("src is required for creating new hardlinks");
        }
        Path source = src == null ? null : parent(path).resolve(PathArgs.expand(src));
        if (source != null && !Files.exists(source)) {
            throw new ModuleException("src does not exist").with("dest", path.toString()).with("src", src);  // Ansible's words
        }
        boolean changed;
        FileDiff diff = new FileDiff(path, "hard", prev);
        switch (prev) {
            case "absent":
                changed = true;
                break;
            case "link":
                // Ansible keeps a symlink whose target text equals src; a hard link was asked for.
                changed = true;
                String old = readLink(path).toString();
                if (src != null && !old.equals(src)) {
                    diff.put("src", old, src);
                }
                break;
            case "hard":
            case "file":
            case "directory":
                changed = source != null && !sameFile(path, source);
                if (changed && !force) {
                    throw new ModuleException("cannot link, " + ("hard".equals(prev) ? "a different hard link"
                            : "a " + prev) + " exists at destination " + path + " (force: true replaces it)")
                            .with("dest", path.toString()).with("src", src);
                }
                break;
            default:
                throw new IllegalStateException("unknown state " + prev);
        }
        if (changed && !check) {
            try {
                if ("absent".equals(prev)) {
                    Files.createLink(path, source);
                } else {
                    Path tmp = tempSibling(path);
                    Files.createLink(tmp, source);
                    replace(tmp, path, "directory".equals(prev));
                }
            } catch (IOException e) {
                throw new ModuleException("error while linking " + path + " to " + source + ": " + e, e)
                        .with("path", path.toString());
            }
        }
        ModuleResult result = ModuleResult.changed(changed).with("dest", path.toString()).with("src", src);
        if (check && !Files.exists(path)) {
            return result.with("diff", diff.toMap());
        }
        changed |= attributes.apply(path, check, diff) | flags.apply(path, check, diff);
        changed |= times.apply(path, check, diff);
        return FileModule.info(result.with("changed", changed), path).with("diff", diff.toMap());
    }

    private static void replace(Path tmp, Path path, boolean directory) throws IOException {
        try {
            if (directory) {
                Files.delete(path);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path tempSibling(Path path) {
        return parent(path).resolve("." + path.getFileName() + ".drover-" + System.nanoTime() + ".tmp");
    }

    private static Path parent(Path path) {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? path.toAbsolutePath().getRoot() : parent;
    }

    private static Path readLink(Path path) throws ModuleException {
        try {
            return Files.readSymbolicLink(path);
        } catch (IOException e) {
            throw new ModuleException("cannot read link " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameFile(Path a, Path b) throws ModuleException {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            throw new ModuleException("cannot compare " + a + " and " + b + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws ModuleException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            throw new ModuleException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
