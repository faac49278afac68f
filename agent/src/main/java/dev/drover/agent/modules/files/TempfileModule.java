package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code tempfile}: a new file (mode 0600) or directory (0700) named {@code prefix + random +
 * suffix} in {@code path} or {@code $TMPDIR} ({@code /tmp}), as Python's mkstemp/mkdtemp; always
 * {@code changed}; skipped in check mode, as Ansible's module (no check mode support). Result:
 * {@code path} and the path fields.
 */
public final class TempfileModule implements Module {
    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("state", "path", "prefix", "suffix");
        boolean dir = "directory".equals(args.choice("state", "file", "file", "directory"));
        String prefix = args.string("prefix", "ansible.");
        String suffix = args.string("suffix", "");
        Path parent = args.has("path") ? PathArgs.expand(args.string("path"))
                : Paths.get(System.getenv("TMPDIR") != null ? System.getenv("TMPDIR") : "/tmp");
        if (ctx.checkMode()) {
            return ModuleResult.skipped("remote module (tempfile) does not support check mode");
        }
        try {
            Path created = dir
                    ? Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempFile(parent, prefix, suffix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            if (dir && !suffix.isEmpty()) {
                // createTempDirectory has no suffix: rename into the same directory, still unguessable.
                created = Files.move(created, created.resolveSibling(created.getFileName() + suffix));
            }
            ModuleResult result = ModuleResult.changed().with("path", created.toString());
            PathInfo.addTo(result, created);
            return result;
        } catch (NoSuchFileException e) {
            throw new ModuleException("[Errno 2] No such file or directory: '"
                    + parent.resolve(prefix + Long.toString(System.nanoTime() & 0xffffffffL, 36) + suffix) + "'");
        } catch (IOException e) {
            throw new ModuleException(e.toString(), e);
        }
    }
}
