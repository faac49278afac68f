package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code replace}: every match of {@code regexp} (Python syntax, {@code re.MULTILINE}) replaced by
 * the {@code replace} template, optionally only in the section between {@code after} and
 * {@code before} (which Ansible splices into one {@code re.DOTALL} expression, so they are
 * expressions too). One difference from Python: {@code ^} does not match at the very end of a
 * file that ends with a newline, so {@code ^(.*)$} does not add a phantom line there.
 */
public final class ReplaceModule implements Module {

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("path", "dest", "destfile", "name", "regexp", "replace", "after", "before", "backup", "encoding",
                "validate", "mode", "owner", "group");
        Path path = PathArgs.require(args, "path", "dest", "destfile", "name");
        String regexp = args.requireString("regexp");
        String replacement = args.string("replace", "");
        String after = emptyToNull(args.string("after"));
        String before = emptyToNull(args.string("before"));
        Charset charset = charset(args.string("encoding", "utf-8"));
        FileAttributes attributes = FileAttributes.from(args);

        if (Files.isDirectory(path)) {
            throw new ModuleException("Path " + path + " is a directory !").with("rc", 256);
        }
        if (!Files.exists(path)) {
            throw new ModuleException("Path " + path + " does not exist !").with("rc", 257);
        }
        TextEdit edit = TextEdit.open(path, charset);
        String contents = edit.before();

        String sectionPattern = null;
        if (after != null && before != null) {
            sectionPattern = after + "(?P<subsection>.*?)" + before;
        } else if (after != null) {
            sectionPattern = after + "(?P<subsection>.*)";
        } else if (before != null) {
            sectionPattern = "(?P<subsection>.*)" + before;
        }
        int from = 0;
        int to = contents.length();
        if (sectionPattern != null) {
            PythonRegex section = PythonRegex.compile(sectionPattern, Pattern.DOTALL, after != null ? "after" : "before");
            Matcher m = section.matcher(contents);
            if (!m.find()) {
                return ModuleResult.ok().msg("Pattern for before/after params did not match the given file: "
                        + sectionPattern);
            }
            from = section.start(m, "subsection");
            to = section.end(m, "subsection");
        }

        PythonRegex re = PythonRegex.compile(regexp, Pattern.MULTILINE, "regexp");
        String section = contents.substring(from, to);
        Matcher m = re.matcher(section);
        StringBuilder replaced = new StringBuilder();
        int last = 0;
        int count = 0;
        while (m.find()) {
            replaced.append(section, last, m.start()).append(re.expand(m, replacement, "replace"));
            last = m.end();
            count++;
        }
        replaced.append(section, last, section.length());
        String updated = contents;
        String msg = "";
        if (count > 0 && !replaced.toString().equals(section)) {
            updated = contents.substring(0, from) + replaced + contents.substring(to);
            msg = count + " replacements made";
        }
        return edit.commit(updated, msg, args.bool("backup", false), attributes, ctx, "backup_file",
                Validation.of(args.string("validate"), ctx));
    }

    /** UTF-8 (the default) keeps undecodable bytes as they are; other encodings decode strictly. */
    private static Charset charset(String name) throws ModuleException {
        String n = name.toLowerCase().replace("_", "-");
        if (n.equals("utf-8") || n.equals("utf8")) {
            return null;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ModuleException("argument 'encoding': unknown encoding '" + name
                    + "'; use a name such as utf-8, iso-8859-1 or windows-1252");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
