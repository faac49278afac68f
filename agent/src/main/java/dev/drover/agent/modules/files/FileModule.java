package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * {@code file}: the state of one path (file, directory, link, hard, touch, absent) and its mode,
 * owner and group, following Ansible's module state by state: without {@code state} the current
 * state is kept (file if absent); {@code state: file} never creates a file (use touch or copy);
 * {@code directory} is {@code mkdir -p}, giving each created directory the requested attributes;
 * {@code recurse} applies them to everything below (links themselves are not followed into);
 * {@code absent} deletes recursively without following links. Links live in {@link LinkStates}.
 */
public final class FileModule implements Module {

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("path", "dest", "name", "state", "mode", "owner", "group", "recurse", "src", "force", "follow",
                "modification_time", "modification_time_format", "access_time", "access_time_format", "attributes", "attr", "_diff_peek");
        if (args.asMap().get("_diff_peek") != null) {
            // Ansible's action plugins ask whether a file looks binary (a NUL in its first 8 KiB).
            return diffPeek(PathArgs.require(args, "path", "dest", "name"));
        }
        Path path = PathArgs.require(args, "path", "dest", "name");
        String state = args.choice("state", null, "file", "directory", "link", "hard", "touch", "absent");
        boolean recurse = args.bool("recurse", false);
        String src = args.string("src");
        if (src != null && "hard".equals(state) && Files.isDirectory(path)) {
            // Ansible links into a directory under the source's name.
            path = path.resolve(PathArgs.expand(src).getFileName());
        }
        String prev = PathInfo.state(path);
        if (state == null) {
            state = !"absent".equals(prev) ? prev : recurse ? "directory" : "file";
        }
        if (recurse && !"directory".equals(state)) {
            throw new ModuleException("recurse option requires state to be 'directory'").with("path", path.toString());
        }
        if (src != null && !"link".equals(state) && !"hard".equals(state)) {
            throw new ModuleException("src option requires state to be 'link' or 'hard'").with("path", path.toString());
        }
        FileAttributes attributes = FileAttributes.from(args);
        ChattrFlags flags = new ChattrFlags(args.string("attributes", args.string("attr")), ctx.processes());
        FileTimes times = FileTimes.from(args, state);
        boolean follow = args.bool("follow", true);
        LinkStates links = new LinkStates(ctx.checkMode(), attributes, flags, times);
        if (ctx.checkMode() && !"absent".equals(state)) {
            attributes.warnMissingAccounts(ctx.processes());
        }
        ModuleResult result;
        try {
            result = apply(path, state, prev, src, recurse, follow, args.bool("force", false), attributes, flags, times,
                    links, ctx.checkMode());
        } catch (ModuleException e) {
            if (!attributes.warnings().isEmpty()) {
                e.with("warnings", attributes.warnings());
            }
            throw e;
        }
        if (!attributes.warnings().isEmpty()) {
            result.with("warnings", attributes.warnings());
        }
        return result;
    }

    private static ModuleResult apply(Path path, String state, String prev, String src, boolean recurse, boolean follow,
                                      boolean force, FileAttributes attributes, ChattrFlags flags, FileTimes times,
                                      LinkStates links, boolean check) throws ModuleException {
        ModuleResult result;
        switch (state) {
            case "absent":
                result = absent(path, prev, check);
                break;
            case "touch":
                result = touch(path, prev, attributes, flags, times, check);
                break;
            case "file":
                result = file(path, prev, follow, attributes, flags, times, check);
                break;
            case "directory":
                result = directory(path, prev, follow, recurse, attributes, flags, times, check);
                break;
            case "link":
                result = links.symlink(path, src, prev, follow, force);
                break;
            default:
                result = links.hardlink(path, src, prev, force);
        }
        return result;
    }

    private static ModuleResult absent(Path path, String prev, boolean check) throws ModuleException {
        if ("absent".equals(prev)) {
            return ModuleResult.ok().with("path", path.toString()).with("state", "absent");
        }
        FileDiff diff = new FileDiff(path, "absent", prev);
        if (!check) {
            try {
                deleteTree(path);
            } catch (IOException e) {
                throw new ModuleException("cannot remove " + path + ": " + e.getMessage(), e).with("path", path.toString());
            }
        }
        return ModuleResult.changed().with("path", path.toString()).with("state", "absent").with("diff", diff.toMap());
    }

    private static ModuleResult touch(Path path, String prev, FileAttributes attributes, ChattrFlags flags, FileTimes times,
                                      boolean check) throws ModuleException {
        if ("absent".equals(prev)) {
            if (check) {
                return ModuleResult.changed().with("dest", path.toString()).with("state", "absent");
            }
            try {
                Files.createFile(path);
            } catch (IOException e) {
                throw new ModuleException("could not touch " + path + ": " + e.getMessage(), e).with("path", path.toString());
            }
        }
        boolean changed = "absent".equals(prev);
        FileDiff diff = new FileDiff(path, "touch", prev);
        try {
            changed |= attributes.apply(path, check, diff) | flags.apply(path, check, diff);
            changed |= times.apply(path, check, diff);
        } catch (ModuleException e) {
            if ("absent".equals(prev)) {
                deleteQuietly(path);
            }
            throw e;
        }
        return info(ModuleResult.changed(changed).with("dest", path.toString()), path).with("diff", diff.toMap());
    }

    private static ModuleResult file(Path path, String prev, boolean follow, FileAttributes attributes,
                                     ChattrFlags flags, FileTimes times, boolean check) throws ModuleException {
        if (follow && "link".equals(prev)) {
            path = realPath(path);
            prev = PathInfo.state(path);
        }
        if (!"file".equals(prev) && !"hard".equals(prev)) {
            throw new ModuleException("file (" + path + ") is " + prev + ", cannot continue"
                    + ("absent".equals(prev) ? "; state: file only changes existing files (use touch or copy to create one)" : ""))
                    .with("path", path.toString()).with("state", prev);
        }
        FileDiff diff = new FileDiff(path, "file", prev);
        boolean changed = attributes.apply(path, check, diff) | flags.apply(path, check, diff);
        changed |= times.apply(path, check, diff);
        return info(ModuleResult.changed(changed).with("path", path.toString()), path).with("diff", diff.toMap());
    }

    private static ModuleResult directory(Path path, String prev, boolean follow, boolean recurse,
                                          FileAttributes attributes, ChattrFlags flags, FileTimes times, boolean check) throws ModuleException {
        if (follow && "link".equals(prev)) {
            path = realPath(path);
            prev = PathInfo.state(path);
        }
        FileDiff diff = new FileDiff(path, "directory", prev);
        if ("absent".equals(prev)) {
            if (check) {
                return ModuleResult.changed().with("path", path.toString()).with("state", "absent")
                        .with("diff", diff.toMap());
            }
            Path target = path.toAbsolutePath().normalize();
            Path existing = target;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            for (Path p = existing == null ? target.getRoot() : existing; !p.equals(target); ) {
                p = p.resolve(target.getName(p.getNameCount()));
                try {
                    Files.createDirectory(p);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(p)) {
                        throw new ModuleException(p + " already exists and is not a directory").with("path", path.toString());
                    }
                } catch (IOException e) {
                    throw new ModuleException("there was an issue creating " + p + " as requested: " + e, e)
                            .with("path", path.toString());
                }
                attributes.apply(p, false, diff);
                flags.apply(p, false, diff);
            }
            times.apply(path, false, diff);
            return info(ModuleResult.changed().with("path", path.toString()), path).with("diff", diff.toMap());
        }
        if (!"directory".equals(prev)) {
            throw new ModuleException(path + " already exists as a " + prev).with("path", path.toString());
        }
        boolean changed = attributes.apply(path, check, diff) | flags.apply(path, check, diff);
        changed |= times.apply(path, check, diff);
        if (recurse) {
            changed |= recurse(path, follow, attributes, times, check, new java.util.HashSet<Path>());
        }
        return info(ModuleResult.changed(changed).with("path", path.toString()), path).with("diff", diff.toMap());
    }

    /**
     * Ansible's recursive_set_attributes: everything below {@code top}, links themselves included;
     * with {@code follow}, a link's existing target too (read relative to the link's directory) and,
     * for a directory, everything below it. {@code seen} holds the directories entered, so a link
     * cycle is walked once (Ansible recurses until Python's recursion limit and fails).
     */
    private static boolean recurse(Path top, final boolean follow, final FileAttributes attributes, final FileTimes times,
                                   final boolean check, final java.util.Set<Path> seen) throws ModuleException {
        try {
            if (!seen.add(top.toRealPath())) {
                return false;
            }
        } catch (IOException e) {
            throw new ModuleException("could not recursively set attributes on " + top + ": " + e.getMessage(), e);
        }
        final boolean[] changed = {false};
        final ModuleException[] failure = {null};
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(top) ? FileVisitResult.CONTINUE : visit(dir);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return visit(file);
                }

                private FileVisitResult visit(Path p) {
                    try {
                        changed[0] |= attributes.apply(p, check);
                        if (!Files.isSymbolicLink(p)) {
                            changed[0] |= times.apply(p, check);
                        } else if (follow) {
                            Path target = p.getParent().resolve(Files.readSymbolicLink(p));
                            if (Files.exists(target)) {
                                if (Files.isDirectory(target)) {
                                    changed[0] |= recurse(target, true, attributes, times, check, seen);
                                }
                                changed[0] |= attributes.apply(target, check) | times.apply(target, check);
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    } catch (IOException e) {
                        failure[0] = new ModuleException("could not recursively set attributes on " + top + ": "
                                + e.getMessage(), e);
                        return FileVisitResult.TERMINATE;
                    } catch (ModuleException e) {
                        failure[0] = e;
                        return FileVisitResult.TERMINATE;
                    }
                }
            });
        } catch (IOException e) {
            throw new ModuleException("could not recursively set attributes on " + top + ": " + e.getMessage(), e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return changed[0];
    }

    private static ModuleResult diffPeek(Path path) {
        boolean binary = false;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            byte[] head = new byte[8192];
            int n = 0;
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
            for (int i = 0; i < n && !binary; i++) {
                binary = head[i] == 0;
            }
        } catch (IOException e) {
            // As Ansible: a file it cannot read is assumed to be text.
        }
        return ModuleResult.ok().with("appears_binary", binary);
    }

    static ModuleResult info(ModuleResult result, Path path) {
        PathInfo.addTo(result, path);
        return result;
    }

    static Path realPath(Path path) throws ModuleException {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            // A dangling link: operate on the name it points to, which is absent.
            try {
                return path.resolveSibling(Files.readSymbolicLink(path));
            } catch (IOException e2) {
                throw new ModuleException("cannot resolve link " + path + ": " + e2.getMessage(), e2);
            }
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // The original failure is what the user needs to see.
        }
    }
}
