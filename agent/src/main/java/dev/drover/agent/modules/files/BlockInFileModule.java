package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code blockinfile}: a block of lines between two marker lines, inserted, replaced or removed,
 * following Ansible's module line for line: markers match whole lines ending in "\n", a new block
 * goes after the last line matching {@code insertafter} (or before {@code insertbefore}; a
 * {@code (?m)} pattern searches the whole text), at EOF by default. Messages: "Block inserted",
 * "Block removed", "File created", "" when unchanged. Writing, backup ({@code backup_file}),
 * validation, attributes and diff are {@link TextEdit}'s.
 */
public final class BlockInFileModule implements Module {
    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("path", "dest", "destfile", "name", "state", "marker", "block", "content", "insertafter",
                "insertbefore", "create", "backup", "validate", "marker_begin", "marker_end", "mode", "owner",
                "group");
        Path path = PathArgs.require(args, "path", "dest", "destfile", "name");
        boolean present = "present".equals(args.choice("state", "present", "present", "absent"));
        String insertAfter = args.string("insertafter");
        String insertBefore = args.string("insertbefore");
        if (insertAfter != null && insertBefore != null) {
            throw new ModuleException("parameters are mutually exclusive: insertbefore|insertafter");
        }
        if (Files.isDirectory(path)) {
            throw new ModuleException("Path " + path + " is a directory !").with("rc", 256);
        }
        FileAttributes attributes = FileAttributes.from(args);
        Validation validation = Validation.of(args.string("validate"), ctx);
        TextEdit edit = TextEdit.open(path, null).listDiff();
        if (!edit.existed() && !args.bool("create", false)) {
            throw new ModuleException("Path " + path + " does not exist !").with("rc", 257);
        }
        if (!present && !edit.existed()) {
            return ModuleResult.ok().msg("File " + path + " not present");
        }
        String original = edit.before();
        List<String> lines = splitKeepingEnds(original);
        String marker = args.string("marker", "# {mark} ANSIBLE MANAGED BLOCK");
        String marker0 = marker.replace("{mark}", args.string("marker_begin", "BEGIN")) + "\n";
        String marker1 = marker.replace("{mark}", args.string("marker_end", "END")) + "\n";
        String block = PathArgs.first(args, "block", "content");
        List<String> blockLines = new ArrayList<>();
        if (present && block != null && !block.isEmpty()) {
            blockLines.add(marker0);
            blockLines.addAll(splitKeepingEnds(block.endsWith("\n") ? block : block + "\n"));
            blockLines.add(marker1);
        }
        if (insertAfter == null && insertBefore == null) {
            insertAfter = "EOF";
        }
        PythonRegex insertRe = null;
        if (insertAfter != null && !insertAfter.equals("EOF")) {
            insertRe = PythonRegex.compile(insertAfter, 0, "insertafter");
        } else if (insertBefore != null && !insertBefore.equals("BOF")) {
            insertRe = PythonRegex.compile(insertBefore, 0, "insertbefore");
        }
        Integer n0 = null;
        Integer n1 = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(marker0)) {
                n0 = i;
            }
            if (lines.get(i).equals(marker1)) {
                n1 = i;
            }
        }
        int at;
        if (n0 == null || n1 == null) {
            at = insertPoint(insertRe, insertAfter, insertBefore, lines, original);
        } else if (n0 < n1) {
            lines.subList(n0, n1 + 1).clear();
            at = n0;
        } else {
            lines.subList(n1, n0 + 1).clear();
            at = n1;
        }
        if (at > 0 && !lines.get(at - 1).endsWith("\n")) {
            lines.set(at - 1, lines.get(at - 1) + "\n");
        }
        lines.addAll(at, blockLines);
        String result = String.join("", lines);
        String msg = !edit.existed() ? "File created" : original.equals(result) ? "" : blockLines.isEmpty() ? "Block removed" : "Block inserted";
        return edit.commit(result, msg, args.bool("backup", false), attributes, ctx, "backup_file", validation);
    }

    private static int insertPoint(PythonRegex re, String after, String before, List<String> lines, String original) {
        if (re == null) {
            return before != null ? 0 : lines.size();
        }
        Integer n0 = null;
        Matcher whole = re.matcher(original);
        if ((whole.pattern().flags() & Pattern.MULTILINE) != 0) {
            if (whole.find()) {
                n0 = count(original, after != null ? whole.end() : whole.start());
            }
        } else {
            for (int i = 0; i < lines.size(); i++) {
                if (re.matcher(lines.get(i)).find()) {
                    n0 = i;
                }
            }
        }
        if (n0 == null) {
            return lines.size();
        }
        return after != null ? n0 + 1 : n0;
    }

    private static int count(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** Python's {@code splitlines(True)} on bytes: ends are \n, \r\n or \r, kept on their line. */
    static List<String> splitKeepingEnds(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }
}
