package dev.drover.agent.modules.archive;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.modules.files.AtomicWrite;
import dev.drover.agent.modules.files.Checksums;
import dev.drover.agent.modules.files.FileAttributes;
import dev.drover.agent.modules.files.PathArgs;
import dev.drover.protocol.text.Fnmatch;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * {@code archive} (community.general.archive): pack source paths (globs allowed) into a zip, tar or
 * tar.gz, or gzip a single file ({@code format: gz}, one plain file, no {@code force_archive}).
 * Unlike the original, which rewrites the archive on every run, the archive is rendered into a
 * digest first and written (atomically) only when its bytes would differ, so an unchanged tree
 * reports ok; the output is deterministic (sorted members, no own timestamps). {@code remove}
 * deletes the archived sources afterwards and counts as a change. bz2 and xz need libraries the
 * agent does not carry and are refused.
 */
public final class ArchiveModule implements Module {

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("path", "dest", "format", "exclude_path", "exclusion_patterns", "force_archive", "remove",
                "mode", "owner", "group");
        List<String> patterns = args.strings("path");
        if (patterns.isEmpty()) {
            throw new ModuleException("missing required argument 'path'");
        }
        String format = args.choice("format", "gz", "gz", "tar", "zip", "bz2", "xz");
        if (format.equals("bz2") || format.equals("xz")) {
            throw new ModuleException("format " + format + " needs a compression library the agent does not carry;"
                    + " use gz (tar.gz), tar or zip");
        }
        List<String> expanded = new ArrayList<>();
        boolean globs = expand(patterns, expanded);
        List<String> excludedPaths = new ArrayList<>();
        expand(args.strings("exclude_path"), excludedPaths);
        TreeSet<String> set = new TreeSet<>(expanded);
        set.removeAll(excludedPaths);
        List<String> paths = new ArrayList<>(set);
        if (paths.isEmpty()) {
            throw new ModuleException("Error, no source paths were found").with("expanded_paths", expanded)
                    .with("expanded_exclude_paths", excludedPaths);
        }
        String root = ArchiveSources.commonRoot(paths);
        boolean mustArchive = args.bool("force_archive", false) || globs || Files.isDirectory(PathArgs.expand(paths.get(0)))
                || paths.size() > 1;
        String destArg = args.string("dest");
        if (destArg == null && mustArchive) {
            throw new ModuleException("Error, must specify \"dest\" when archiving multiple files or trees");
        }
        Path dest = PathArgs.expand(destArg != null ? destArg : paths.get(0) + "." + format);
        boolean remove = args.bool("remove", false);
        if (remove) {
            for (String p : paths) {
                Path source = PathArgs.expand(p).toAbsolutePath().normalize();
                if (Files.isDirectory(source) && dest.toAbsolutePath().normalize().startsWith(source)) {
                    throw new ModuleException("Error, created archive can not be contained in source paths when remove=true");
                }
            }
        }
        List<String> targets = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String p : paths) {
            (Files.exists(PathArgs.expand(p), LinkOption.NOFOLLOW_LINKS) ? targets : missing).add(p);
        }
        FileAttributes attributes = FileAttributes.from(args);
        ModuleResult result = ModuleResult.ok();
        boolean changed = false;
        String destState;
        List<String> archived = new ArrayList<>();
        if (targets.isEmpty()) {
            destState = !Files.exists(dest) ? "absent"
                    : dest.getFileName().toString().matches("(?i).*\\.(tar|tar\\.(gz|bz2|xz)|tgz|tbz2|zip)$") ? "archive" : "compress";
        } else {
            boolean compressOnly = !mustArchive && format.equals("gz");
            Output output;
            try {
                if (compressOnly) {
                    output = new Output(format, true, null, PathArgs.expand(targets.get(0)));
                    archived.add(targets.get(0));
                } else {
                    List<ArchiveSources.Member> members = new ArchiveSources(root, args.strings("exclusion_patterns"), dest)
                            .collect(targets);
                    for (ArchiveSources.Member m : members) {
                        archived.add(m.sourcePath);
                    }
                    output = new Output(format, false, members, null);
                }
                String wanted = output.digest();
                String existing = Files.isRegularFile(dest) ? Checksums.sha1(dest) : null;
                changed = !wanted.equals(existing);
            } catch (IOException e) {
                throw new ModuleException("Error when writing " + (format.equals("gz") && mustArchive ? "tar.gz" : format)
                        + " archive at " + dest + ": " + e.getMessage(), e);
            }
            if (changed && !ctx.checkMode()) {
                final Output out = output;
                AtomicWrite.write(dest, stream -> out.write(new NonClosing(stream)));
            }
            destState = compressOnly ? "compress" : missing.isEmpty() ? "archive" : "incomplete";
            if (remove) {
                changed = true;
                if (!ctx.checkMode()) {
                    removeSources(targets);
                }
            }
        }
        if (Files.exists(dest) || ctx.checkMode()) {
            changed |= attributes.apply(dest, ctx.checkMode());
        }
        result.with("changed", changed).with("archived", archived).with("dest", dest.toString())
                .with("dest_state", destState).with("arcroot", root).with("missing", missing)
                .with("expanded_paths", expanded).with("expanded_exclude_paths", excludedPaths);
        if (!attributes.warnings().isEmpty()) {
            result.with("warnings", attributes.warnings());
        }
        return result;
    }

    /** Appends each pattern's matches (globs) or the path itself; true if any pattern was a glob. */
    private static boolean expand(List<String> patterns, List<String> into) throws ModuleException {
        boolean globs = false;
        for (String p : patterns) {
            String path = p.startsWith("~") ? PathArgs.expand(p).toString() : p;
            if (Fnmatch.hasMagic(path)) {
                globs = true;
                try {
                    into.addAll(Globs.expand(path));
                } catch (IOException e) {
                    throw new ModuleException("cannot expand " + p + ": " + e.getMessage(), e);
                }
            } else {
                into.add(path);
            }
        }
        return globs;
    }

    private static void removeSources(List<String> targets) throws ModuleException {
        for (String t : targets) {
            try {
                deleteTree(PathArgs.expand(t));
            } catch (IOException e) {
                throw new ModuleException("Error deleting some source files: " + t + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (java.nio.file.DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                for (Path child : s) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    /** Renders the archive, once into a digest and, if that differs, once into the file. */
    private static final class Output {
        private final String format;
        private final boolean compressOnly;
        private final List<ArchiveSources.Member> members;
        private final Path single;

        Output(String format, boolean compressOnly, List<ArchiveSources.Member> members, Path single) {
            this.format = format;
            this.compressOnly = compressOnly;
            this.members = members;
            this.single = single;
        }

        String digest() throws IOException {
            MessageDigest md = Checksums.digest("sha1");
            write(new DigestOutputStream(new OutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) {
                }
            }, md));
            return Checksums.hex(md.digest());
        }

        void write(OutputStream out) throws IOException {
            if (compressOnly) {
                try (OutputStream gz = new GZIPOutputStream(out, 65536); InputStream in = Files.newInputStream(single)) {
                    byte[] buf = new byte[65536];
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        gz.write(buf, 0, r);
                    }
                }
                return;
            }
            ArchiveWriter writer = format.equals("zip") ? new ZipWriter(out)
                    : new TarWriter(format.equals("gz") ? new GZIPOutputStream(out, 65536) : out);
            try {
                for (ArchiveSources.Member m : members) {
                    if (m.entry.type == ArchiveEntry.Type.FILE) {
                        try (InputStream in = Files.newInputStream(m.source)) {
                            writer.add(m.entry, in);
                        }
                    } else {
                        writer.add(m.entry, null);
                    }
                }
            } finally {
                writer.close();
            }
        }
    }

    /** Lets writers close their stream without closing the temp file AtomicWrite still has to sync. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
