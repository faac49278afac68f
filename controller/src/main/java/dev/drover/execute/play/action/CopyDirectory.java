package dev.drover.execute.play.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A directory {@code src} on the controller, as Ansible's copy action plugin copies it
 * ({@code _walk_dirs}): without a trailing slash the directory itself lands in {@code dest}, with one
 * its contents do. Each file goes to the agent's {@code copy} with {@code dest/} and the file's
 * relative path as {@code _original_basename} (the module creates missing parents with
 * {@code directory_mode}); then each directory goes to {@code file state=directory} with
 * {@code directory_mode}, and each symbolic link kept as a link ({@code local_follow: false}, or a
 * link to nothing) to {@code file state=link}. With {@code local_follow} (the default) a link to a
 * file is copied as that file, a link to a directory walked as a directory, unless it points back
 * into the tree above it (a loop), which stays a link.
 */
final class CopyDirectory {

    /** The file module's own arguments, the only ones Ansible passes on for directories and links. */
    private static final List<String> FILE_ARGS = List.of("mode", "owner", "group", "seuser", "serole",
            "selevel", "setype", "attributes", "unsafe_writes");

    private final List<String[]> files = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();
    private final List<String[]> links = new ArrayList<>();

    private CopyDirectory() {
    }

    /**
     * Copies {@code dir}; {@code copyFile} sends one file (its controller path, the agent's copy
     * arguments) and returns the module's result.
     */
    static Map<String, Object> copy(Path dir, String givenSrc, Map<String, Object> args, ActionContext ctx,
            BiFunction<Path, Map<String, Object>, Map<String, Object>> copyFile) {
        Object follow = args.get("local_follow");
        boolean localFollow = follow == null || dev.drover.playbook.Coerce.toBoolean(follow);
        boolean contents = givenSrc.endsWith("/");
        CopyDirectory tree = new CopyDirectory();
        try {
            String base = contents ? "" : dir.getFileName().toString();
            tree.walk(dir, base, localFollow, Set.of(dir.toRealPath()));
        } catch (IOException e) {
            return ControllerAction.failed("copy: cannot read " + dir + ": " + e.getMessage());
        }
        String dest = String.valueOf(args.get("dest"));
        dest = dest.endsWith("/") ? dest : dest + "/";
        boolean changed = false;
        Map<String, Object> last = null;
        for (String[] file : tree.files) {
            Map<String, Object> fileArgs = new LinkedHashMap<>(args);
            fileArgs.remove("local_follow");
            fileArgs.put("dest", dest);
            fileArgs.put("_original_basename", file[1]);
            last = copyFile.apply(Path.of(file[0]), fileArgs);
            if (Boolean.TRUE.equals(last.get("failed"))) {
                return last;
            }
            changed |= Boolean.TRUE.equals(last.get("changed"));
        }
        for (String directory : tree.directories) {
            Map<String, Object> dirArgs = fileArgs(args);
            dirArgs.put("path", dest + directory);
            dirArgs.put("state", "directory");
            dirArgs.put("recurse", false);
            dirArgs.remove("mode");
            if (args.get("directory_mode") != null) {
                dirArgs.put("mode", args.get("directory_mode"));
            }
            Map<String, Object> result = ctx.agent().module("file", dirArgs).result();
            last = result;
            if (Boolean.TRUE.equals(result.get("failed"))) {
                return result;
            }
            changed |= Boolean.TRUE.equals(result.get("changed"));
        }
        for (String[] link : tree.links) {
            Map<String, Object> linkArgs = fileArgs(args);
            linkArgs.put("path", dest + link[1]);
            linkArgs.put("src", link[0]);
            linkArgs.put("state", "link");
            linkArgs.put("force", true);
            if (!tree.directories.isEmpty()) {
                linkArgs.put("follow", false);
            }
            if ("preserve".equals(String.valueOf(linkArgs.get("mode")))) {
                // As Ansible's copy action: the file module cannot take it, and a link has no mode of its own.
                linkArgs.remove("mode");
            }
            Map<String, Object> result = ctx.agent().module("file", linkArgs).result();
            last = result;
            if (Boolean.TRUE.equals(result.get("failed"))) {
                return result;
            }
            changed |= Boolean.TRUE.equals(result.get("changed"));
        }
        if (tree.files.size() == 1) {
            // Ansible then returns the last module's result as the task's (with dest for a file's path)
            Map<String, Object> result = new LinkedHashMap<>(last);
            result.putIfAbsent("dest", result.get("path"));
            return result;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", changed);
        result.put("dest", dest);
        result.put("src", dir.toAbsolutePath() + (contents ? "/" : ""));
        return result;
    }

    private static Map<String, Object> fileArgs(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : FILE_ARGS) {
            if (args.get(name) != null) {
                out.put(name, args.get(name));
            }
        }
        return out;
    }

    /**
     * {@code _walk_dirs}' recursion, in its order ({@code os.walk} top-down): a directory's files and
     * links first, then its subdirectories (a followed link to one is walked at once, as
     * {@code _recurse} does), then the plain subdirectories' contents. The order decides which
     * file's failure (a vaulted one without a password) a directory copy reports.
     * {@code parents} are the real directories above, for loops.
     */
    private void walk(Path dir, String rel, boolean localFollow, Set<Path> parents) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String to = rel.isEmpty() ? entry.getFileName().toString() : rel + "/" + entry.getFileName();
            if (!Files.isDirectory(entry)) {
                if (Files.isSymbolicLink(entry) && !(localFollow && Files.isRegularFile(entry))) {
                    links.add(new String[] {Files.readSymbolicLink(entry).toString(), to});
                } else {
                    files.add(new String[] {Files.isSymbolicLink(entry) ? entry.toRealPath().toString() : entry.toString(), to});
                }
            }
        }
        List<Path> plain = new java.util.ArrayList<>();
        for (Path entry : entries) {
            String to = rel.isEmpty() ? entry.getFileName().toString() : rel + "/" + entry.getFileName();
            if (!Files.isDirectory(entry)) {
                continue;
            }
            boolean link = Files.isSymbolicLink(entry);
            if (!link) {
                directories.add(to);
                plain.add(entry);
            } else if (localFollow && !parents.contains(entry.toRealPath())) {
                Set<Path> deeper = new HashSet<>(parents);
                deeper.add(entry.toRealPath());
                directories.add(to);
                walk(entry.toRealPath(), to, localFollow, deeper);
            } else {
                links.add(new String[] {Files.readSymbolicLink(entry).toString(), to});
            }
        }
        for (Path entry : plain) {
            String to = rel.isEmpty() ? entry.getFileName().toString() : rel + "/" + entry.getFileName();
            Set<Path> deeper = new HashSet<>(parents);
            deeper.add(entry.toRealPath());
            walk(entry, to, localFollow, deeper);
        }
    }
}
