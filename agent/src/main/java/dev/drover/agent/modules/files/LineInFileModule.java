package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.text.Lines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * {@code lineinfile}: ensure one line is present (replacing the last line {@code regexp} or
 * {@code search_string} matches, or inserting after/before a matching line, at EOF by default) or
 * absent (every matching line removed). A port of Ansible's algorithm, including its corner cases:
 * with {@code backrefs} and no match nothing happens; {@code firstmatch} picks the first instead of
 * the last match; an exact copy of {@code line} anywhere counts as present. One deliberate fix:
 * inserting after the last line of a file without a final newline adds the newline first instead
 * of gluing the two lines together.
 */
public final class LineInFileModule implements Module {
    private static final String EOF = "EOF";
    private static final String BOF = "BOF";

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("path", "dest", "destfile", "name", "state", "regexp", "regex", "search_string", "line", "value",
                "insertafter", "insertbefore", "backrefs", "create", "backup", "firstmatch", "validate", "mode", "owner",
                "group");
        Path path = PathArgs.require(args, "path", "dest", "destfile", "name");
        String state = args.choice("state", "present", "present", "absent");
        String regexp = PathArgs.first(args, "regexp", "regex");
        String search = args.string("search_string");
        String line = PathArgs.first(args, "line", "value");
        String insertAfter = args.string("insertafter");
        String insertBefore = args.string("insertbefore");
        boolean backrefs = args.bool("backrefs", false);
        FileAttributes attributes = FileAttributes.from(args);
        exclusive(regexp, "regexp", search, "search_string");
        exclusive(insertAfter, "insertafter", insertBefore, "insertbefore");
        if (backrefs && search != null) {
            throw new ModuleException("backrefs cannot be used with search_string, only with regexp");
        }
        List<String> warnings = new ArrayList<>();
        if ("".equals(regexp) || "".equals(search)) {
            // Ansible's warning, word for word.
            warnings.add("The " + (regexp != null ? "regular expression" : "search string") + " is an empty string,"
                    + " which will match every line in the file. This may have unintended consequences, such as"
                    + " replacing the last line in the file rather than appending."
                    + (regexp != null ? " If this is desired, use '^' to match every line in the file and avoid this warning." : ""));
        }

        if (java.nio.file.Files.isDirectory(path)) {
            throw new ModuleException("Path " + path + " is a directory !").with("rc", 256);
        }
        TextEdit edit = TextEdit.open(path, null).listDiff();
        ModuleResult result;
        if ("present".equals(state)) {
            if (backrefs && regexp == null) {
                throw new ModuleException("regexp is required with backrefs=true");
            }
            if (line == null) {
                throw new ModuleException("line is required with state=present");
            }
            if (!edit.existed() && !args.bool("create", false)) {
                throw new ModuleException("Destination " + path + " does not exist !")
                        .with("rc", 257);
            }
            if (insertAfter == null && insertBefore == null) {
                insertAfter = EOF;
            }
            List<String> lines = Lines.split(edit.before());
            String msg = present(lines, regexp, search, line, insertAfter, insertBefore, backrefs,
                    args.bool("firstmatch", false));
            result = edit.commit(Lines.join(lines), msg, args.bool("backup", false), attributes, ctx, "backup",
                    Validation.of(args.string("validate"), ctx));
        } else {
            if (regexp == null && search == null && line == null) {
                throw new ModuleException("one of line, search_string, or regexp is required with state=absent");
            }
            if (!edit.existed()) {
                return ModuleResult.ok().msg("file not present").with("found", 0);
            }
            List<String> lines = Lines.split(edit.before());
            int found = absent(lines, regexp, search, line);
            result = edit.commit(Lines.join(lines), found > 0 ? found + " line(s) removed" : "",
                    args.bool("backup", false), attributes, ctx, "backup", Validation.of(args.string("validate"), ctx))
                    .with("found", found);
        }
        if (!warnings.isEmpty()) {
            result.with("warnings", warnings);
        }
        return result;
    }

    /** Edits {@code lines} in place; returns the message ("" when nothing changed). */
    private static String present(List<String> lines, String regexp, String search, String line,
                                  String insertAfter, String insertBefore, boolean backrefs,
                                  boolean firstMatch) throws ModuleException {
        PythonRegex re = regexp == null ? null : PythonRegex.compile(regexp, 0, "regexp");
        PythonRegex insertRe = null;
        if (insertAfter != null && !insertAfter.equals(BOF) && !insertAfter.equals(EOF)) {
            insertRe = PythonRegex.compile(insertAfter, 0, "insertafter");
        } else if (insertBefore != null && !insertBefore.equals(BOF)) {
            insertRe = PythonRegex.compile(insertBefore, 0, "insertbefore");
        }
        int matchIndex = -1;
        int insertIndex = -1;
        Matcher match = null;
        boolean found = false;
        if (re != null) {
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = re.matcher(lines.get(i));
                if (m.find()) {
                    matchIndex = i;
                    match = m;
                    found = true;
                    if (firstMatch) {
                        break;
                    }
                }
            }
        }
        if (search != null) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(search)) {
                    matchIndex = i;
                    found = true;
                    if (firstMatch) {
                        break;
                    }
                }
            }
        }
        if (!found) {
            for (int i = 0; i < lines.size(); i++) {
                String current = lines.get(i);
                if (line.equals(Lines.stripEol(current))) {
                    matchIndex = i;
                } else if (insertRe != null && insertRe.matcher(current).find()) {
                    insertIndex = insertAfter != null ? i + 1 : i;
                    if (firstMatch) {
                        break;
                    }
                }
            }
        }

        if (matchIndex != -1) {
            String newLine = backrefs && match != null ? re.expand(match, line, "line") : line;
            if (!newLine.endsWith("\n")) {
                newLine += "\n";
            }
            if (!lines.get(matchIndex).equals(newLine)) {
                lines.set(matchIndex, newLine);
                return "line replaced";
            }
            return "";
        }
        if (backrefs) {
            // No match to take the groups from: generating the line would be unsafe.
            return "";
        }
        if (BOF.equals(insertBefore) || BOF.equals(insertAfter)) {
            lines.add(0, line + "\n");
            return "line added";
        }
        if (EOF.equals(insertAfter) || insertIndex == -1) {
            terminateLastLine(lines);
            lines.add(line + "\n");
            return "line added";
        }
        if (insertAfter != null) {
            // Do not insert when the line is already right after the anchor.
            if (insertIndex == lines.size()) {
                if (!Lines.stripEol(lines.get(insertIndex - 1)).equals(line)) {
                    terminateLastLine(lines);
                    lines.add(line + "\n");
                    return "line added";
                }
                return "";
            }
            if (!Lines.stripEol(lines.get(insertIndex)).equals(line)) {
                lines.add(insertIndex, line + "\n");
                return "line added";
            }
            return "";
        }
        lines.add(insertIndex, line + "\n");
        return "line added";
    }

    private static int absent(List<String> lines, String regexp, String search, String line) throws ModuleException {
        PythonRegex re = regexp == null ? null : PythonRegex.compile(regexp, 0, "regexp");
        int found = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String current = lines.get(i);
            boolean matches;
            if (re != null) {
                matches = re.matcher(current).find();
            } else if (search != null) {
                matches = current.contains(search);
            } else {
                matches = line.equals(Lines.stripEol(current));
            }
            if (matches) {
                lines.remove(i);
                found++;
            }
        }
        return found;
    }

    private static void terminateLastLine(List<String> lines) {
        int last = lines.size() - 1;
        if (last >= 0 && !Lines.endsWithEol(lines.get(last))) {
            lines.set(last, lines.get(last) + "\n");
        }
    }

    private static void exclusive(String a, String aName, String b, String bName) throws ModuleException {
        if (a != null && b != null) {
            throw new ModuleException("parameters are mutually exclusive: " + aName + "|" + bName);
        }
    }
}
