package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.text.TextCodec;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One text file being edited by {@code lineinfile}, {@code replace} or {@code properties}: read
 * once, changed in memory by the module, then {@link #commit committed} with the rules those
 * modules share: nothing is written in check mode, a backup is taken only when content changes,
 * the write is atomic, the {@code diff} field is Ansible's (before/after texts with headers), and mode/owner/group are applied
 * afterwards. A symlinked path is edited at its target, as Ansible does.
 */
final class TextEdit {
    private final Path path;
    private final Path target;
    private final boolean existed;
    private final String before;
    private final Charset charset;
    private boolean listDiff;

    private TextEdit(Path path, Path target, boolean existed, String before, Charset charset) {
        this.path = path;
        this.target = target;
        this.existed = existed;
        this.before = before;
        this.charset = charset;
    }

    /**
     * Reads {@code path}. A missing file reads as empty; callers decide whether that is allowed.
     *
     * @param charset null for UTF-8 that keeps undecodable bytes as they are ({@link TextCodec})
     */
    static TextEdit open(Path path, Charset charset) throws ModuleException {
        if (Files.isDirectory(path)) {
            throw new ModuleException("path " + path + " is a directory, not a file");
        }
        if (!Files.exists(path)) {
            // A dangling symlink is written through, to the file it names.
            Path target = path;
            try {
                if (Files.isSymbolicLink(path)) {
                    target = path.resolveSibling(Files.readSymbolicLink(path));
                }
            } catch (IOException e) {
                throw new ModuleException("cannot read link " + path + ": " + e.getMessage(), e);
            }
            return new TextEdit(path, target, false, "", charset);
        }
        try {
            Path target = path.toRealPath();
            byte[] bytes = Files.readAllBytes(target);
            String text = charset == null ? TextCodec.decode(bytes) : new String(bytes, charset);
            return new TextEdit(path, target, true, text, charset);
        } catch (IOException e) {
            throw new ModuleException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Ansible's lineinfile and blockinfile return their diff as a list; replace as one mapping. */
    TextEdit listDiff() {
        this.listDiff = true;
        return this;
    }

    boolean existed() {
        return existed;
    }

    String before() {
        return before;
    }

    Path path() {
        return path;
    }

    /**
     * Writes {@code after} if it differs, then applies attributes.
     *
     * @param msg         what changed in the content ("" when nothing)
     * @param backupField result field for the backup path ({@code backup} or {@code backup_file})
     */
    ModuleResult commit(String after, String msg, boolean backup, FileAttributes attributes,
                        ModuleContext ctx, String backupField) throws ModuleException {
        return commit(after, msg, backup, attributes, ctx, backupField, null);
    }

    /** @param check validates the new content before it replaces the file, or null */
    ModuleResult commit(String after, String msg, boolean backup, FileAttributes attributes,
                        ModuleContext ctx, String backupField, AtomicWrite.Check check) throws ModuleException {
        boolean contentChanged = !after.equals(before) || (!existed && !after.isEmpty());
        String backupFile = null;
        if (contentChanged && !ctx.checkMode()) {
            Path parent = target.toAbsolutePath().getParent();
            if (!existed && parent != null && !Files.isDirectory(parent)) {
                try {
                    Files.createDirectories(parent);
                } catch (IOException e) {
                    throw new ModuleException("cannot create directory " + parent + ": " + e.getMessage(), e);
                }
            }
            byte[] bytes = charset == null ? TextCodec.encode(after) : after.getBytes(charset);
            final String[] made = {null};
            // Validation, then the backup, run on the finished temporary file just before the rename:
            // a rejected edit leaves neither a changed file nor a stray backup.
            AtomicWrite.write(target, bytes, candidate -> {
                if (check != null) {
                    check.check(candidate);
                }
                if (backup && existed) {
                    made[0] = Backups.create(target);
                }
            });
            backupFile = made[0];
        }
        String message = msg;
        boolean changed = contentChanged;
        boolean fileThere = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        FileDiff attrDiff = new FileDiff();
        if (fileThere && attributes.apply(target, ctx.checkMode(), attrDiff)) {
            message = message.isEmpty() ? "ownership, perms or SE linux context changed"
                    : message + " and ownership, perms or SE linux context changed";
            changed = true;
        }
        ModuleResult result = ModuleResult.changed(changed).msg(message);
        if (backupFile != null) {
            result.with(backupField, backupFile);
        }
        if (listDiff) {
            // lineinfile and blockinfile: always [content, file attributes], the texts only in diff mode.
            Map<String, Object> content = new LinkedHashMap<String, Object>();
            content.put("before", ctx.diffMode() ? before : "");
            content.put("after", ctx.diffMode() ? after : "");
            content.put("before_header", path + " (content)");
            content.put("after_header", path + " (content)");
            Map<String, Object> attrs = new LinkedHashMap<String, Object>();
            attrDiff.addChangesTo(attrs);
            attrs.put("before_header", path + " (file attributes)");
            attrs.put("after_header", path + " (file attributes)");
            result.with("diff", Arrays.asList(content, attrs));
        } else if (ctx.diffMode() && contentChanged) {
            // replace: one mapping, only for a changed content in diff mode.
            Map<String, Object> content = new LinkedHashMap<String, Object>();
            content.put("before_header", path.toString());
            content.put("before", before);
            content.put("after_header", path.toString());
            content.put("after", after);
            result.with("diff", content);
        }
        if (!attributes.warnings().isEmpty()) {
            result.with("warnings", attributes.warnings());
        }
        return result;
    }
}
