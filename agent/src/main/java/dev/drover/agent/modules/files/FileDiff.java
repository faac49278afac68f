package dev.drover.agent.modules.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code diff} the {@code file} module returns in every mode (Ansible's {@code initial_diff}
 * and what {@code set_fs_attributes_if_different} and {@code update_timestamp_for_file} add):
 * {@code before} and {@code after} maps that both hold {@code path}, then {@code state} when it
 * changes (with the removed tree's {@code path_content} for an absent directory), {@code owner} and
 * {@code group} as numeric ids, {@code mode} as {@code 0%03o}, {@code src} of a retargeted link,
 * and {@code mtime} / {@code atime} as float seconds, each only when it differs.
 *
 * <p>One instance per request; not thread-safe.
 */
final class FileDiff {
    private final Map<String, Object> before = new LinkedHashMap<String, Object>();
    private final Map<String, Object> after = new LinkedHashMap<String, Object>();

    /** Attributes only, for the text modules' second diff entry ({@code (file attributes)}). */
    FileDiff() {
    }

    /** Adds {@code before} and {@code after} to {@code out} when an attribute differs (Ansible's attr_diff). */
    void addChangesTo(Map<String, Object> out) {
        if (!before.isEmpty()) {
            out.put("before", before);
            out.put("after", after);
        }
    }

    FileDiff(Path path, String state, String prev) {
        before.put("path", path.toString());
        after.put("path", path.toString());
        if (!state.equals(prev)) {
            before.put("state", prev);
            after.put("state", state);
            if ("absent".equals(state) && "directory".equals(prev)) {
                before.put("path_content", contents(path));
            }
        }
    }

    /** Records one attribute that differs. */
    void put(String key, Object was, Object will) {
        before.put(key, was);
        after.put(key, will);
    }

    /** Seconds since the epoch as Python's {@code os.stat().st_mtime}: a float. */
    static double seconds(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS) / 1e9;
    }

    /** The result's {@code diff}: {@code {before: {...}, after: {...}}}. */
    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<String, Object>();
        out.put("before", before);
        out.put("after", after);
        return out;
    }

    /** What removing a directory takes with it, as Ansible lists it from {@code os.walk}. */
    private static Map<String, Object> contents(final Path top) {
        final List<String> directories = new ArrayList<String>();
        final List<String> files = new ArrayList<String>();
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<Path>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(top)) {
                        directories.add(dir.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // os.walk lists a symlink to a directory among the directories (not followed).
                    (attrs.isSymbolicLink() && Files.isDirectory(file) ? directories : files).add(file.toString());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // What could be listed is listed; the removal itself reports a real failure.
        }
        Map<String, Object> walk = new LinkedHashMap<String, Object>();
        walk.put("directories", directories);
        walk.put("files", files);
        return walk;
    }
}
