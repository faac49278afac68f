package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.drover.agent.text.TextCodec;

/**
 * {@code copy}, agent side. The content arrives as {@code content} (text) or {@code content_base64}
 * (the controller's encoding of a local {@code src}, with {@code _original_basename} naming it), or
 * is a file or directory already on the host ({@code src} + {@code remote_src: true}; directories
 * are handled by {@link CopyTree}). The destination is replaced atomically and only when its SHA-1
 * differs; {@code force: false} leaves an existing destination alone; a symlink at {@code dest} is
 * replaced by a file unless {@code follow: true}.
 */
public final class CopyModule implements Module {
    /** Larger or binary contents get a one-line note instead of a line diff. */
    private static final int MAX_DIFF_BYTES = 1024 * 1024;

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("dest", "content", "content_base64", "src", "remote_src", "mode", "owner", "group", "backup",
                "force", "checksum", "directory_mode", "follow", "local_follow", "validate", "_original_basename");
        String destArg = args.requireString("dest");
        int sources = (args.asMap().get("content") != null ? 1 : 0) + (args.has("content_base64") ? 1 : 0)
                + (args.has("src") ? 1 : 0);
        if (sources != 1) {
            throw new ModuleException("give exactly one of content, content_base64 or src (with remote_src: true)");
        }
        boolean remote = args.bool("remote_src", false);
        Path src = null;
        if (args.has("src")) {
            if (!remote) {
                throw new ModuleException("src without remote_src: true names a file on the controller, which the"
                        + " controller sends as content_base64; set remote_src: true for a file on this host");
            }
            src = PathArgs.expand(args.string("src"));
            if (!Files.exists(src)) {
                throw new ModuleException("Source " + src + " not found");
            }
            if (!Files.isReadable(src)) {
                throw new ModuleException("Source " + src + " not readable (run the task with become: true?)");
            }
            if (!Files.isRegularFile(src) && !Files.isDirectory(src)) {
                // A device, FIFO or socket (/dev/null): Ansible's words, which its copy target searches for.
                throw new ModuleException("Cannot copy invalid source '" + src + "': not a file");
            }
        }
        FileAttributes attributes;
        if ("preserve".equals(args.string("mode"))) {
            if (src == null) {
                // content: Ansible's copy action writes it to a temporary file (mkstemp, mode 0600) and
                // copies that, so its mode is what "preserve" keeps.
                attributes = new FileAttributes(FileModes.parse("0600", "mode"), args.string("owner"), args.string("group"));
            } else if (Files.isDirectory(src)) {
                // Ansible's module copies a tree's files with shutil.copymode: each keeps its own mode
                // (its copy target's test69783), not the source directory's.
                attributes = new FileAttributes(null, args.string("owner"), args.string("group"));
            } else {
                attributes = modePreserved(src, new FileAttributes(null, args.string("owner"), args.string("group")));
            }
        } else {
            attributes = FileAttributes.from(args);
        }
        FileModes directoryMode = FileModes.parse(args.asMap().get("directory_mode"), "directory_mode");
        if (src != null && Files.isDirectory(src)) {
            return new CopyTree(ctx.checkMode(), attributes, directoryMode, args.bool("local_follow", false))
                    .copy(src, args.string("src").endsWith("/"), PathArgs.expand(destArg));
        }

        CopySource source = src != null ? CopySource.ofFile(src) : CopySource.ofBytes(contentBytes(args));
        String expected = args.string("checksum");
        if (expected != null && !expected.equalsIgnoreCase(source.sha1())) {
            throw new ModuleException("Copied file does not match the expected checksum. Transfer failed.")
                    .with("checksum", source.sha1()).with("expected_checksum", expected);
        }
        String basename = args.string("_original_basename", src != null ? src.getFileName().toString() : null);
        Path dest = PathArgs.expand(destArg);
        if (destArg.endsWith("/")) {
            if (basename == null) {
                throw new ModuleException("dest " + destArg + " ends with '/', so it names a directory; with content,"
                        + " give the file name in dest");
            }
            // Ansible's recursive copy: the basename may hold subdirectories (subdir/bar.txt), whose
            // missing parents are created with directory_mode.
            dest = dest.resolve(basename);
            Path parent = dest.getParent();
            if (!Files.isDirectory(parent)) {
                if (ctx.checkMode()) {
                    return ModuleResult.changed().msg("dest directory " + parent + " would be created")
                            .with("dest", dest.toString());
                }
                CopyTree.createDirectories(parent, directoryMode, attributes);
            }
        }
        if (Files.isDirectory(dest)) {
            if (basename == null) {
                throw new ModuleException("can not use content with a dir as dest: " + dest + " is a directory");
            }
            dest = dest.resolve(basename);
        }
        boolean follow = args.bool("follow", false);
        String destChecksum = null;
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(dest) && follow) {
                dest = FileModule.realPath(dest);
            }
            if (!args.bool("force", true)) {
                return ModuleResult.ok().msg("file already exists").with("dest", dest.toString());
            }
            if (Files.isRegularFile(dest) && Files.isReadable(dest)) {
                destChecksum = Checksums.sha1(dest);
            }
        } else {
            Path parent = dest.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new ModuleException("Destination directory " + parent + " does not exist");
            }
        }
        boolean changed = !source.sha1().equals(destChecksum) || Files.isSymbolicLink(dest);
        ModuleResult result = ModuleResult.ok();
        if (changed && ctx.diffMode()) {
            result.with("diff", diff(dest, source, destChecksum != null, args.string("src")));
        }
        if (changed && !ctx.checkMode()) {
            final Validation validation = Validation.of(args.string("validate"), ctx);
            final boolean backup = args.bool("backup", false) && Files.isRegularFile(dest);
            final Path target = dest;
            // Validate, then back up, on the finished temporary file just before it replaces dest.
            source.writeTo(dest, candidate -> {
                if (validation != null) {
                    validation.check(candidate);
                }
                if (backup) {
                    result.with("backup_file", Backups.create(target));
                }
            });
        }
        changed |= attributes.apply(dest, ctx.checkMode());
        result.with("changed", changed).with("dest", dest.toString());
        if (src != null) {
            result.with("src", src.toString());
        }
        result.with("checksum", source.sha1()).with("md5sum", source.md5());
        FileModule.info(result, dest);
        if (!attributes.warnings().isEmpty()) {
            result.with("warnings", attributes.warnings());
        }
        return result;
    }

    private static byte[] contentBytes(Args args) throws ModuleException {
        if (args.has("content_base64")) {
            try {
                return Base64.getMimeDecoder().decode(args.string("content_base64"));
            } catch (IllegalArgumentException e) {
                throw new ModuleException("content_base64 is not valid base64: " + e.getMessage());
            }
        }
        return args.string("content").getBytes(StandardCharsets.UTF_8);
    }

    private static FileAttributes modePreserved(Path src, FileAttributes attributes) throws ModuleException {
        try {
            int mode = (Integer) Files.getAttribute(src, "unix:mode") & 07777;
            return attributes.withMode(FileModes.parse(FileModes.format(mode), "mode"));
        } catch (IOException e) {
            throw new ModuleException("cannot read the mode of " + src + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ansible's copy diff: a list of one mapping, {@code before_header} (the destination, when it is
     * a file), {@code before}, {@code after_header} (the source), {@code after}; or the
     * {@code dst_binary} / {@code src_binary} / {@code *_larger} notes its callback prints instead.
     */
    private static List<Map<String, Object>> diff(Path dest, CopySource source, boolean destIsFile, String src)
            throws ModuleException {
        Map<String, Object> d = new LinkedHashMap<String, Object>();
        byte[] before = new byte[0];
        try {
            if (destIsFile) {
                if (Files.size(dest) > MAX_DIFF_BYTES) {
                    d.put("dst_larger", MAX_DIFF_BYTES);
                    return Collections.singletonList(d);
                }
                before = Files.readAllBytes(dest);
            }
        } catch (IOException e) {
            throw new ModuleException("cannot read " + dest + " for the diff: " + e.getMessage(), e);
        }
        byte[] after = source.bytesForDiff(MAX_DIFF_BYTES);
        if (after == null) {
            d.put("src_larger", MAX_DIFF_BYTES);
        } else if (isBinary(before)) {
            d.put("dst_binary", 1);
        } else if (isBinary(after)) {
            d.put("src_binary", 1);
        } else {
            if (destIsFile) {
                d.put("before_header", dest.toString());
            }
            d.put("before", TextCodec.decode(before));
            // Ansible names the controller's temporary copy here; drover the source, or dest for content.
            d.put("after_header", src != null ? src : dest.toString());
            d.put("after", TextCodec.decode(after));
        }
        return Collections.singletonList(d);
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
