package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.protocol.text.Fnmatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code find}: files under {@code paths} filtered by name patterns (fnmatch or Python regex on the
 * base name), excludes, age, size, content, type, hidden, depth, walked like Python's
 * {@code os.walk} (top-down, directory order, symlinked directories entered only with
 * {@code follow}). Result, as Ansible: {@code files} (path plus the stat fields), {@code matched},
 * {@code examined}, {@code skipped_paths}, {@code msg}; never changed.
 */
public final class FindModule implements Module {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Pattern AGE = Pattern.compile("^(-?\\d+)(s|m|h|d|w)?$");
    private static final Pattern SIZE = Pattern.compile("^(-?\\d+)(b|k|m|g|t)?$");

    private List<String> patterns;
    private List<String> excludes;
    private boolean regex;
    private String type;
    private Long age;
    private String ageStamp;
    private Long size;
    private PythonRegex contains;
    private boolean wholeFile;
    private boolean hidden;
    private boolean follow;
    private boolean checksum;
    private long depth;
    private final double now = System.currentTimeMillis() / 1000.0;
    private final List<Object> files = new ArrayList<>();
    private final Map<String, Object> skipped = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private long examined;

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("paths", "name", "path", "patterns", "pattern", "excludes", "exclude", "contains",
                "read_whole_file", "file_type", "age", "age_stamp", "size", "recurse", "hidden", "follow",
                "get_checksum", "use_regex", "depth");
        List<String> paths = list(args, "paths", "name", "path");
        if (paths.isEmpty()) {
            throw new ModuleException("missing required arguments: paths");
        }
        regex = args.bool("use_regex", false);
        patterns = list(args, "patterns", "pattern");
        if (patterns.isEmpty()) {
            patterns = Arrays.asList(regex ? ".*" : "*");
        }
        excludes = list(args, "excludes", "exclude");
        type = args.choice("file_type", "file", "any", "directory", "file", "link");
        ageStamp = args.choice("age_stamp", "mtime", "atime", "ctime", "mtime");
        age = units(args, "age", AGE, "smhdw", new long[] {1, 60, 3600, 86400, 604800});
        size = units(args, "size", SIZE, "bkmgt", new long[] {1, 1024, 1L << 20, 1L << 30, 1L << 40});
        contains = args.has("contains") ? PythonRegex.compile(args.string("contains"), 0, "contains") : null;
        wholeFile = args.bool("read_whole_file", false);
        hidden = args.bool("hidden", false);
        follow = args.bool("follow", false);
        checksum = args.bool("get_checksum", false);
        boolean recurse = args.bool("recurse", false);
        depth = args.number("depth", 0);
        for (String p : paths) {
            Path root = PathArgs.expand(p);
            if (!Files.isDirectory(root)) {
                skip(p, "'" + p + "' is not a directory", "Skipped '" + p + "' path due to this access issue: ");
                continue;
            }
            try {
                walk(root, root.normalize().toString().replaceAll("/+$", "") + "/", recurse);
            } catch (IOException e) {
                skip(p, String.valueOf(e.getMessage()), "Skipped '" + p + "' path due to this access issue: ");
            }
        }
        ModuleResult result = ModuleResult.ok().with("files", files)
                .msg(warnings.isEmpty() ? "All paths examined" : "Not all paths examined, check warnings for details")
                .with("matched", files.size()).with("examined", examined).with("skipped_paths", skipped);
        return warnings.isEmpty() ? result : result.with("warnings", warnings);
    }

    private void walk(Path dir, String top, boolean recurse) throws IOException, ModuleException {
        List<Path> regular = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                (Files.isDirectory(e) ? dirs : regular).add(e);
            }
        }
        examined += regular.size() + dirs.size();
        List<Path> all = new ArrayList<>(regular);
        all.addAll(dirs);
        boolean descend = recurse;
        for (Path entry : all) {
            String path = entry.normalize().toString();
            if (depth > 0 && count(path) - count(top) + 1 > depth) {
                descend = false;
                continue;
            }
            String base = entry.getFileName().toString();
            if (base.startsWith(".") && !hidden) {
                continue;
            }
            Map<String, Object> unix;
            PosixFileAttributes posix;
            try {
                unix = Files.readAttributes(entry, "unix:*", NOFOLLOW);
                posix = Files.readAttributes(entry, PosixFileAttributes.class, NOFOLLOW);
            } catch (IOException e) {
                skip(path, String.valueOf(e.getMessage()), "Skipped entry '" + path + "' due to this access issue: ");
                continue;
            }
            int ft = (Integer) unix.get("mode") & 0170000;
            boolean reg = ft == 0100000;
            boolean wanted;
            if (type.equals("any")) {
                wanted = named(base) && aged(unix) && (!reg || sized(unix));
            } else if (type.equals("directory")) {
                wanted = ft == 0040000 && named(base) && aged(unix);
            } else if (type.equals("file")) {
                wanted = reg && named(base) && aged(unix) && sized(unix) && contains(entry);
            } else {
                wanted = ft == 0120000 && named(base) && aged(unix);
            }
            if (wanted) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("path", path);
                StatModule.putStat(r, unix);
                r.put("gr_name", name(posix.group().getName(), unix.get("gid")));
                r.put("pw_name", name(posix.owner().getName(), unix.get("uid")));
                if (reg && checksum) {
                    r.put("checksum", Checksums.sha1(entry));
                }
                files.add(r);
            }
        }
        if (descend) {
            for (Path d : dirs) {
                if (follow || !Files.isSymbolicLink(d)) {
                    walk(d, top, true);
                }
            }
        }
    }

    private boolean named(String base) throws ModuleException {
        for (String p : patterns) {
            if (matches(base, p)) {
                for (String e : excludes) {
                    if (matches(base, e)) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private boolean matches(String base, String pattern) throws ModuleException {
        return regex ? PythonRegex.compile(pattern, 0, "patterns").matcher(base).lookingAt() : Fnmatch.matches(base, pattern);
    }

    private boolean aged(Map<String, Object> unix) {
        if (age == null) {
            return true;
        }
        String key = ageStamp.equals("mtime") ? "lastModifiedTime" : ageStamp.equals("atime") ? "lastAccessTime" : "ctime";
        double elapsed = now - ((FileTime) unix.get(key)).toMillis() / 1000.0;
        return age >= 0 ? elapsed >= age : elapsed <= -age;
    }

    private boolean sized(Map<String, Object> unix) {
        long s = (Long) unix.get("size");
        return size == null || (size >= 0 ? s >= size : s <= -size);
    }

    private boolean contains(Path file) {
        if (contains == null) {
            return true;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (wholeFile) {
                StringBuilder all = new StringBuilder();
                char[] buf = new char[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.append(buf, 0, n);
                }
                return contains.matcher(all).find();
            }
            for (String line; (line = in.readLine()) != null; ) {
                Matcher m = contains.matcher(line);
                if (m.lookingAt()) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private void skip(String path, String reason, String warning) {
        skipped.put(path, reason);
        warnings.add(warning + reason + "\n");
    }

    private static Object name(String name, Object id) {
        return name.equals(String.valueOf(id)) ? "" : name;
    }

    private static long count(String path) {
        return path.chars().filter(c -> c == '/').count();
    }

    /** A list argument as Ansible's {@code type='list'}: a comma string is split. */
    private static List<String> list(Args args, String... names) {
        for (String n : names) {
            if (args.has(n)) {
                List<String> out = new ArrayList<>();
                Object v = args.asMap().get(n);
                for (String s : args.strings(n)) {
                    out.addAll(v instanceof List ? Arrays.asList(s) : Arrays.asList(s.split(",")));
                }
                return out;
            }
        }
        return new ArrayList<>();
    }

    private static Long units(Args args, String key, Pattern syntax, String units, long[] factors) throws ModuleException {
        if (!args.has(key)) {
            return null;
        }
        Matcher m = syntax.matcher(args.string(key).toLowerCase());
        if (!m.matches()) {
            throw new ModuleException("failed to process " + key).with(key, args.string(key));
        }
        return Long.parseLong(m.group(1)) * (m.group(2) == null ? 1 : factors[units.indexOf(m.group(2))]);
    }
}
