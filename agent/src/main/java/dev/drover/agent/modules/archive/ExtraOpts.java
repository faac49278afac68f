package dev.drover.agent.modules.archive;

import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import dev.drover.agent.modules.files.FileAttributes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code unarchive} with {@code extra_opts}: options of the program Ansible's handler runs, so the
 * agent runs that program as Ansible's module does (without them it reads archives itself).
 * <ul>
 * <li>A tar: GNU tar lists ({@code --list}), compares ({@code --diff}) and extracts ({@code --extract})
 * with {@code --show-transformed-names} and the options, each step as Ansible's {@code TgzArchive}
 * family builds it, so {@code --strip-components} or {@code --transform} change what is listed and
 * compared too, and an option tar refuses fails with tar's own words.</li>
 * <li>A zip: Ansible gives the options only to {@code unzip -o OPTS SRC [-x EXCLUDES] [INCLUDES] -d DEST};
 * whether to run it is decided from the archive's own listing, as the agent decides it
 * ({@link #unzip}).</li>
 * </ul>
 */
final class ExtraOpts {
    private static final Pattern OWNER_DIFF = Pattern.compile(": Uid differs$");
    private static final Pattern GROUP_DIFF = Pattern.compile(": Gid differs$");
    private static final Pattern MODE_DIFF = Pattern.compile(": Mode differs$");
    private static final Pattern MOD_TIME_DIFF = Pattern.compile(": Mod time differs$");
    private static final Pattern EMPTY_FILE = Pattern.compile(": : Warning: Cannot stat: No such file or directory$");
    private static final Pattern MISSING_FILE = Pattern.compile(": Warning: Cannot stat: No such file or directory$");
    private static final Pattern INVALID_OWNER = Pattern.compile(": Invalid owner");
    private static final Pattern INVALID_GROUP = Pattern.compile(": Invalid group");

    private ExtraOpts() {
    }

    /** Ansible's message when no handler takes the archive, with the reason the one that fits gave. */
    private static ModuleException noHandler(Path src, String reason) {
        return new ModuleException("Failed to find handler for \"" + src + "\". Make sure the required command to"
                + " extract the file is installed.\n" + reason);
    }

    /** The tar path: everything by GNU tar, as Ansible's TgzArchive (and its subclasses' compression flags). */
    static ModuleResult tar(ArchiveFormat format, Path src, Path dest, List<String> opts, List<String> include,
            List<String> exclude, boolean keepNewer, boolean listFiles, String owner, String group,
            FileAttributes attributes, ModuleContext ctx) throws ModuleException {
        if (ctx.checkMode()) {
            // Ansible's TgzArchive ends the module so as soon as it is made in check mode.
            return ModuleResult.skipped("remote module (unarchive) does not support check mode when using gtar");
        }
        String tar = which("gtar");
        tar = tar != null ? tar : which("tar");
        if (tar == null) {
            throw noHandler(src, "Unable to find required 'gtar' or 'tar' binary in the path");
        }
        String version = run(ctx, list(tar, "--version"), null).stdout;
        if (!(version.startsWith("tar") && version.contains("GNU"))) {
            String type = version.startsWith("bsdtar") ? "bsd" : "None";
            throw noHandler(src, "Command \"" + tar + "\" detected as tar type " + type + ". GNU tar required.");
        }
        List<String> excludes = new ArrayList<>();
        for (String e : exclude) {
            excludes.add(e.replaceAll("/+$", ""));
        }
        List<String> flags = new ArrayList<>();
        String zipflag = zipflag(format);
        if (!zipflag.isEmpty()) {
            flags.add(zipflag);
        }
        flags.add("--show-transformed-names");
        flags.addAll(opts);

        // files_in_archive
        List<String> cmd = list(tar, "--list", "-C", dest.toString());
        cmd.addAll(flags);
        addExcludesAndSource(cmd, excludes, src, include);
        ProcessRunner.Completed listed = run(ctx, cmd, dest);
        if (listed.rc != 0) {
            throw noHandler(src, "Command \"" + tar + "\" could not handle archive: Unable to list files in the archive: "
                    + listed.stderr);
        }
        List<String> files = new ArrayList<>();
        for (String line : listed.stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String name = unescape(line);
            name = name.startsWith("/") ? name.substring(1) : name;
            boolean excluded = false;
            for (String e : excludes) {
                excluded |= Globs.fnmatch(name, e);
            }
            if (!excluded) {
                files.add(name);
            }
        }
        if (files.isEmpty()) {
            throw noHandler(src, "Command \"" + tar + "\" found no files in archive. Empty archive files are not supported.");
        }

        // is_unarchived
        List<String> ownership = new ArrayList<>();
        if (owner != null) {
            ownership.add("--owner=" + owner);
        }
        if (group != null) {
            ownership.add("--group=" + group);
        }
        if (keepNewer) {
            ownership.add("--keep-newer-files");
        }
        cmd = list(tar, "--diff", "-C", dest.toString());
        cmd.addAll(flags);
        cmd.addAll(ownership);
        addExcludesAndSource(cmd, excludes, src, include);
        ProcessRunner.Completed diff = run(ctx, cmd, dest);
        boolean root = isRoot();
        boolean unarchived = true;
        for (String line : (diff.stdout + "\n" + diff.stderr).split("\n")) {
            if (EMPTY_FILE.matcher(line).find()) {
                continue;
            }
            unarchived &= !((root && owner == null && OWNER_DIFF.matcher(line).find())
                    || (root && group == null && GROUP_DIFF.matcher(line).find())
                    || (attributes.mode() == null && MODE_DIFF.matcher(line).find())
                    || MOD_TIME_DIFF.matcher(line).find() || MISSING_FILE.matcher(line).find()
                    || INVALID_OWNER.matcher(line).find() || INVALID_GROUP.matcher(line).find());
        }

        boolean changed = false;
        Map<String, Object> extractResults = null;
        if (!unarchived) {
            cmd = list(tar, "--extract", "-C", dest.toString());
            cmd.addAll(flags);
            cmd.addAll(ownership);
            addExcludesAndSource(cmd, excludes, src, include);
            ProcessRunner.Completed extracted = run(ctx, cmd, dest);
            extractResults = new LinkedHashMap<>();
            extractResults.put("cmd", cmd);
            extractResults.put("rc", extracted.rc);
            extractResults.put("out", extracted.stdout);
            extractResults.put("err", extracted.stderr);
            if (extracted.rc != 0) {
                throw new ModuleException("failed to unpack " + src + " to " + dest).with("handler", format.handler)
                        .with("dest", dest.toString()).with("src", src.toString()).with("extract_results", extractResults);
            }
            changed = true;
        }
        // set_fs_attributes_if_different on every listed path, then on each top folder (Ansible issue 35426).
        List<String> tops = new ArrayList<>();
        for (String name : files) {
            changed |= applyIfPresent(attributes, dest.resolve(name));
            int slash = name.indexOf('/');
            if (slash > 0 && !tops.contains(name.substring(0, slash))) {
                tops.add(name.substring(0, slash));
            }
        }
        for (String top : tops) {
            changed |= applyIfPresent(attributes, dest.resolve(top));
        }
        ModuleResult result = ModuleResult.changed(changed).with("handler", format.handler).with("dest", dest.toString())
                .with("src", src.toString());
        if (extractResults != null) {
            result.with("extract_results", extractResults);
        }
        if (listFiles) {
            result.with("files", files);
        }
        return result;
    }

    /**
     * A zip whose members differ from what is on disk: {@code unzip -o OPTS SRC [-x EXCLUDES] [INCLUDES] -d DEST},
     * Ansible's ZipArchive command line.
     */
    static Map<String, Object> unzip(Path src, Path dest, List<String> opts, List<String> include, List<String> exclude,
            ModuleContext ctx) throws ModuleException {
        String unzip = which("unzip");
        if (unzip == null) {
            throw noHandler(src, "Unable to find required 'unzip' binary in the path.");
        }
        List<String> cmd = list(unzip, "-o");
        cmd.addAll(opts);
        cmd.add(src.toString());
        if (!exclude.isEmpty()) {
            cmd.add("-x");
            cmd.addAll(exclude);
        }
        cmd.addAll(include);
        cmd.add("-d");
        cmd.add(dest.toString());
        ProcessRunner.Completed done = run(ctx, cmd, null);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("cmd", cmd);
        results.put("rc", done.rc);
        results.put("out", done.stdout);
        results.put("err", done.stderr);
        if (done.rc != 0) {
            throw new ModuleException("failed to unpack " + src + " to " + dest).with("handler", ArchiveFormat.ZIP.handler)
                    .with("dest", dest.toString()).with("src", src.toString()).with("extract_results", results);
        }
        return results;
    }

    private static boolean applyIfPresent(FileAttributes attributes, Path path) throws ModuleException {
        // Ansible's set_fs_attributes_if_different changes nothing when no attribute was asked for; a
        // listed name an option moved (a path tar no longer has) is passed over likewise.
        if (attributes.isEmpty() || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return attributes.apply(path, false);
    }

    private static void addExcludesAndSource(List<String> cmd, List<String> excludes, Path src, List<String> include) {
        for (String e : excludes) {
            cmd.add("--exclude=" + e);
        }
        cmd.add("-f");
        cmd.add(src.toString());
        cmd.addAll(include);
    }

    private static String zipflag(ArchiveFormat format) {
        switch (format) {
            case TAR_GZ:
                return "-z";
            case TAR_BZ2:
                return "-j";
            case TAR_XZ:
                return "-J";
            case TAR_ZST:
                return "--use-compress-program=zstd";
            default:
                return "";
        }
    }

    /** Ansible runs tar in a parsable locale (C.UTF-8 where there is one), so its messages are tar's English ones. */
    private static ProcessRunner.Completed run(ModuleContext ctx, List<String> cmd, Path cwd) throws ModuleException {
        Map<String, String> env = new HashMap<>();
        for (String k : new String[] {"LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"}) {
            env.put(k, "C.UTF-8");
        }
        return ctx.processes().run(cmd, cwd == null ? null : cwd.toString(), env, null, 0);
    }

    private static List<String> list(String... items) {
        List<String> l = new ArrayList<>();
        for (String s : items) {
            l.add(s);
        }
        return l;
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Paths.get("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static String which(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, program))) {
                return Paths.get(dir, program).toString();
            }
        }
        return null;
    }

    /** GNU tar's quoting of a listed name (octal escapes and C escapes), undone as Python's escape_decode does. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] != '\\' || i + 1 >= b.length) {
                out.write(b[i]);
                continue;
            }
            byte c = b[++i];
            if (c >= '0' && c <= '7') {
                int v = c - '0';
                for (int k = 0; k < 2 && i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '7'; k++) {
                    v = v * 8 + (b[++i] - '0');
                }
                out.write(v & 0xFF);
            } else {
                String esc = "abfnrtv\\'\"";
                String val = "\u0007\b\f\n\r\t\u000b\\'\"";
                int at = esc.indexOf(c);
                if (at >= 0) {
                    out.write(val.charAt(at));
                } else {
                    out.write('\\');
                    out.write(c);
                }
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
