package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stat}: facts about one path in Ansible's {@code stat} dictionary (exists, type flags,
 * mode as {@code "0644"}, ids and names, times as float seconds, permission bits, link source and
 * target, access checks for the agent's user, checksum of regular files, and as Ansible by default
 * {@code mimetype}/{@code charset} ({@code get_mime}) and {@code lsattr} attributes
 * ({@code get_attributes}, see {@link FileMeta}). Never changes anything. Not reported: block_size,
 * blocks and device_type (Java cannot read them without another process).
 */
public final class StatModule implements Module {

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("path", "dest", "name", "follow", "get_checksum", "checksum_algorithm", "checksum_algo",
                "checksum", "get_mime", "get_attributes");
        Path path = PathArgs.require(args, "path", "dest", "name");
        boolean follow = args.bool("follow", false);
        String algorithm = PathArgs.first(args, "checksum_algorithm", "checksum_algo", "checksum");
        if (algorithm == null) {
            algorithm = "sha1";
        }
        if (!java.util.Arrays.asList(Checksums.ALGORITHMS).contains(algorithm)) {
            throw new ModuleException("argument 'checksum_algorithm' must be one of "
                    + String.join(", ", Checksums.ALGORITHMS) + "; got '" + algorithm + "'");
        }
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> stat = new LinkedHashMap<>();
        if (!Files.exists(path, options)) {
            stat.put("exists", false);
            return ModuleResult.ok().with("stat", stat);
        }
        try {
            Map<String, Object> unix = Files.readAttributes(path, "unix:*", options);
            PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class, options);
            int mode = (Integer) unix.get("mode");
            int type = mode & 0170000;
            stat.put("exists", true);
            stat.put("path", path.toString());
            putStat(stat, unix);
            String owner = posix.owner().getName();
            if (!owner.equals(String.valueOf(unix.get("uid")))) {
                stat.put("pw_name", owner);
            }
            String group = posix.group().getName();
            if (!group.equals(String.valueOf(unix.get("gid")))) {
                stat.put("gr_name", group);
            }
            if (type == 0120000) {
                stat.put("lnk_target", Files.readSymbolicLink(path).toString());
                stat.put("lnk_source", FileModule.realPath(path).toString());
            }
            stat.put("readable", Files.isReadable(path));
            stat.put("writeable", Files.isWritable(path));
            stat.put("executable", Files.isExecutable(path));
            if (type == 0100000 && args.bool("get_checksum", true) && Files.isReadable(path)) {
                stat.put("checksum", Checksums.of(path, algorithm));
            }
            if (args.bool("get_mime", true)) {
                FileMeta.mime(stat, path, ctx.processes());
            }
            if (args.bool("get_attributes", true)) {
                FileMeta.attributes(stat, path, ctx.processes());
            }
        } catch (IOException e) {
            throw new ModuleException("cannot stat " + path + ": " + e.getMessage(), e);
        }
        return ModuleResult.ok().with("stat", stat);
    }

    /** The fields Ansible's stat and find share (mode, is*, uid ... ctime, permission bits) from {@code unix:*} attributes. */
    static void putStat(Map<String, Object> stat, Map<String, Object> unix) {
        int mode = (Integer) unix.get("mode");
        int type = mode & 0170000;
        stat.put("mode", FileModes.format(mode));
        stat.put("isdir", type == 0040000);
        stat.put("ischr", type == 0020000);
        stat.put("isblk", type == 0060000);
        stat.put("isreg", type == 0100000);
        stat.put("isfifo", type == 0010000);
        stat.put("islnk", type == 0120000);
        stat.put("issock", type == 0140000);
        stat.put("uid", unix.get("uid"));
        stat.put("gid", unix.get("gid"));
        stat.put("size", unix.get("size"));
        stat.put("inode", unix.get("ino"));
        stat.put("dev", unix.get("dev"));
        stat.put("nlink", unix.get("nlink"));
        stat.put("atime", seconds((FileTime) unix.get("lastAccessTime")));
        stat.put("mtime", seconds((FileTime) unix.get("lastModifiedTime")));
        stat.put("ctime", seconds((FileTime) unix.get("ctime")));
        String bits = "rusr:0400 wusr:0200 xusr:0100 rgrp:040 wgrp:020 xgrp:010 roth:04 woth:02 xoth:01 isuid:04000 isgid:02000";
        for (String bit : bits.split(" ")) {
            String[] kv = bit.split(":");
            stat.put(kv[0], (mode & Integer.parseInt(kv[1], 8)) != 0);
        }
    }

    private static double seconds(FileTime t) {
        java.time.Instant i = t.toInstant();
        return i.getEpochSecond() + i.getNano() / 1e9;
    }
}
