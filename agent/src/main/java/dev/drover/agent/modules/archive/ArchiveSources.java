package dev.drover.agent.modules.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The members the {@code archive} module writes for its source paths, named as
 * community.general.archive names them: relative to the common parent directory of all sources
 * ({@code arcroot}), so {@code /data/dir} becomes {@code dir/...} and {@code /data/dir/} (trailing
 * slash) puts only the directory's contents at the top. Directories are walked in name order
 * without following symlinks, which are stored as links. {@code exclusion_patterns} are fnmatch
 * patterns tried on both the full path and the member name; an excluded directory is skipped with
 * everything below it. The archive being written is never put into itself.
 */
final class ArchiveSources {
    /** A member and the file its bytes come from. */
    static final class Member {
        final ArchiveEntry entry;
        final Path source;
        final String sourcePath;

        Member(ArchiveEntry entry, Path source, String sourcePath) {
            this.entry = entry;
            this.source = source;
            this.sourcePath = sourcePath;
        }
    }

    private final String root;
    private final List<String> exclusionPatterns;
    private final Path archive;

    ArchiveSources(String root, List<String> exclusionPatterns, Path archive) {
        this.root = root;
        this.exclusionPatterns = exclusionPatterns;
        this.archive = archive == null ? null : archive.toAbsolutePath().normalize();
    }

    List<Member> collect(List<String> targets) throws IOException {
        List<Member> out = new ArrayList<>();
        for (String target : targets) {
            add(target, out);
        }
        return out;
    }

    private void add(String path, List<Member> out) throws IOException {
        Path p = Paths.get(path);
        String name = path.startsWith(root) ? path.substring(root.length()) : path;
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (excluded(path, name) || p.toAbsolutePath().normalize().equals(archive)) {
            return;
        }
        boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        if (!name.isEmpty()) {
            out.add(new Member(entry(p, name), directory ? null : p, path));
        }
        if (directory) {
            List<String> children = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
                for (Path child : s) {
                    children.add(child.getFileName().toString());
                }
            }
            Collections.sort(children);
            for (String child : children) {
                add(path.endsWith("/") ? path + child : path + "/" + child, out);
            }
        }
    }

    private boolean excluded(String path, String name) {
        for (String pattern : exclusionPatterns) {
            if (Globs.fnmatch(path, pattern) || Globs.fnmatch(name, pattern)) {
                return true;
            }
        }
        return false;
    }

    static ArchiveEntry entry(Path p, String name) throws IOException {
        PosixFileAttributes posix = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        ArchiveEntry.Type type = posix.isSymbolicLink() ? ArchiveEntry.Type.SYMLINK
                : posix.isDirectory() ? ArchiveEntry.Type.DIRECTORY
                : posix.isRegularFile() ? ArchiveEntry.Type.FILE : ArchiveEntry.Type.OTHER;
        if (type == ArchiveEntry.Type.OTHER) {
            throw new IOException(p + " is a device, socket or FIFO, which cannot be archived;"
                    + " exclude it with exclusion_patterns");
        }
        String link = type == ArchiveEntry.Type.SYMLINK ? Files.readSymbolicLink(p).toString() : null;
        return new ArchiveEntry(name, type, (Integer) unix.get("mode") & 07777,
                posix.lastModifiedTime().toMillis() / 1000, type == ArchiveEntry.Type.FILE ? posix.size() : 0,
                link, (Integer) unix.get("uid"), (Integer) unix.get("gid"),
                posix.owner().getName(), posix.group().getName());
    }

    /** community.general.archive's {@code common_path}: the common parent directory, with a trailing slash. */
    static String commonRoot(List<String> paths) {
        String prefix = null;
        for (String p : paths) {
            String dir = join(dirname(p));
            if (prefix == null) {
                prefix = dir;
            } else {
                int i = 0;
                while (i < prefix.length() && i < dir.length() && prefix.charAt(i) == dir.charAt(i)) {
                    i++;
                }
                prefix = prefix.substring(0, i);
            }
        }
        return join(dirname(prefix == null ? "" : prefix));
    }

    /** Python's {@code os.path.dirname}. */
    static String dirname(String p) {
        int i = p.lastIndexOf('/');
        String head = p.substring(0, i + 1);
        String stripped = head;
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped.isEmpty() ? head : stripped;
    }

    /** Python's {@code os.path.join(p, '')}. */
    private static String join(String p) {
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
