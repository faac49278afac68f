package dev.drover.agent.modules.archive;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.modules.files.FileAttributes;
import dev.drover.agent.modules.files.PathArgs;
import dev.drover.agent.modules.files.PathInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code unarchive}: extract a zip, tar or tar.gz that is on the host (the controller uploads a
 * local archive first, so {@code remote_src} only records where it came from) into an existing
 * directory. Two passes: the first reads every member name and refuses the whole archive if one
 * is absolute or escapes {@code dest}, before anything is written; the second extracts only what
 * differs ({@link Extractor}), so {@code changed} means something on disk changed. {@code mode},
 * {@code owner} and {@code group} apply to every extracted path; ownership recorded in the
 * archive is not restored.
 */
public final class UnarchiveModule implements Module {

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("src", "dest", "remote_src", "creates", "list_files", "exclude", "include", "keep_newer",
                "mode", "owner", "group", "extra_opts", "decrypt");
        Path src = PathArgs.require(args, "src");
        Path dest = PathArgs.require(args, "dest");
        args.bool("remote_src", false);
        List<String> extraOpts = args.strings("extra_opts");
        if (args.has("include") && args.has("exclude")) {
            throw new ModuleException("parameters are mutually exclusive: include|exclude");
        }
        if (args.has("creates") && Files.exists(PathArgs.expand(args.string("creates")))) {
            return ModuleResult.skipped("skipped, since " + args.string("creates") + " exists");
        }
        if (!Files.exists(src)) {
            throw new ModuleException("Source '" + src + "' does not exist");
        }
        if (!Files.isRegularFile(src) || !Files.isReadable(src)) {
            throw new ModuleException("Source '" + src + "' not readable (or not a file)");
        }
        if (!Files.isDirectory(dest)) {
            throw new ModuleException("Destination '" + dest + "' is not a directory; unarchive extracts into an"
                    + " existing directory (create it first with the file module, state: directory)");
        }
        List<String> include = args.strings("include");
        List<String> exclude = args.strings("exclude");
        FileAttributes attributes = FileAttributes.from(args);
        ArchiveFormat format = ArchiveFormat.detect(src);
        if (!extraOpts.isEmpty() && format != ArchiveFormat.ZIP) {
            ModuleResult result = ExtraOpts.tar(format, src, dest, extraOpts, include, exclude, args.bool("keep_newer", false),
                    args.bool("list_files", false), args.has("owner") ? args.string("owner") : null,
                    args.has("group") ? args.string("group") : null, attributes, ctx);
            if (!ctx.checkMode()) {
                PathInfo.addTo(result, dest);
            }
            return result;
        }
        // A zip with extra_opts: decided here (nothing written), extracted by unzip with the options.
        boolean byUnzip = !extraOpts.isEmpty();
        Map<String, Object> extractResults = null;

        List<String> listed = new ArrayList<>();
        Set<Path> targets = new LinkedHashSet<>();
        // Each member's top folder gets mode, owner and group too, listed or not (Ansible issue 35426:
        // a tar made of top/file only).
        Set<Path> tops = new LinkedHashSet<>();
        boolean changed = false;
        Extractor extractor;
        try {
            try (ArchiveReader reader = format.open(src)) {
                for (ArchiveEntry e = reader.next(); e != null; e = reader.next()) {
                    listed.add(e.listedName());
                    if (selected(e, include, exclude)) {
                        targets.add(EntryPaths.resolve(dest.toAbsolutePath().normalize(), e.name));
                        int slash = e.name.indexOf('/');
                        if (slash > 0) {
                            tops.add(EntryPaths.resolve(dest.toAbsolutePath().normalize(), e.name.substring(0, slash)));
                        }
                        if (e.type == ArchiveEntry.Type.HARDLINK) {
                            EntryPaths.resolve(dest.toAbsolutePath().normalize(), e.linkTarget);
                        }
                    }
                }
            }
            extractor = new Extractor(dest, ctx.checkMode() || byUnzip, args.bool("keep_newer", false), attributes.mode() != null,
                    format != ArchiveFormat.ZIP);
            try (ArchiveReader reader = format.open(src)) {
                for (ArchiveEntry e = reader.next(); e != null; e = reader.next()) {
                    if (selected(e, include, exclude)) {
                        try (InputStream content = reader.content()) {
                            changed |= extractor.extract(e, content);
                        }
                    }
                }
            }
            extractor.finishDirectories();
            if (byUnzip && changed && !ctx.checkMode()) {
                extractResults = ExtraOpts.unzip(src, dest, extraOpts, include, exclude, ctx);
            }
        } catch (IOException e) {
            throw new ModuleException("failed to unpack " + src + " to " + dest + ": " + e.getMessage(), e)
                    .with("handler", format.handler);
        }
        targets.addAll(tops);
        for (Path target : targets) {
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) || ctx.checkMode()) {
                changed |= attributes.apply(target, ctx.checkMode());
            }
        }
        ModuleResult result = ModuleResult.changed(changed).with("dest", dest.toString()).with("src", src.toString())
                .with("handler", format.handler);
        if (extractResults != null) {
            result.with("extract_results", extractResults);
        }
        if (args.bool("list_files", false)) {
            result.with("files", listed);
        }
        List<String> warnings = new ArrayList<>(extractor.warnings());
        warnings.addAll(attributes.warnings());
        if (!warnings.isEmpty()) {
            result.with("warnings", warnings);
        }
        PathInfo.addTo(result, dest);
        return result;
    }

    private static boolean selected(ArchiveEntry e, List<String> include, List<String> exclude) {
        for (String pattern : exclude) {
            if (Globs.fnmatch(e.name, pattern) || Globs.fnmatch(e.listedName(), pattern)) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (String pattern : include) {
            if (Globs.fnmatch(e.name, pattern) || Globs.fnmatch(e.listedName(), pattern)) {
                return true;
            }
        }
        return false;
    }
}
