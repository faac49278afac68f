package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code validate} argument of {@code lineinfile}, {@code replace} and {@code copy}: a command
 * run on the new content before it replaces the file ({@code %s} is the temporary file), such as
 * {@code visudo -cf %s} or {@code xmllint --noout %s}. Split like a POSIX shell word list (quotes and
 * backslashes), run without a shell; a non-zero exit fails the task and leaves the file as it was.
 */
final class Validation implements AtomicWrite.Check {
    private final List<String> argv;
    private final ModuleContext ctx;

    private Validation(List<String> argv, ModuleContext ctx) {
        this.argv = argv;
        this.ctx = ctx;
    }

    /** The check for a {@code validate} value, or null when there is none. */
    static Validation of(String command, ModuleContext ctx) throws ModuleException {
        if (command == null || command.trim().isEmpty()) {
            return null;
        }
        if (!command.contains("%s")) {
            throw new ModuleException("validate must contain %s: " + command);
        }
        return new Validation(split(command), ctx);
    }

    @Override
    public void check(Path candidate) throws ModuleException {
        List<String> resolved = new ArrayList<>();
        for (String arg : argv) {
            resolved.add(arg.replace("%s", candidate.toString()));
        }
        ProcessRunner.Completed done = ctx.processes().run(resolved, null, Collections.<String, String>emptyMap(), null, 0);
        if (done.rc != 0) {
            // Ansible's message (lineinfile, replace); the file is left unchanged.
            throw new ModuleException("failed to validate: rc:" + done.rc + " error:" + done.stderr)
                    .with("rc", done.rc).with("stdout", done.stdout).with("stderr", done.stderr);
        }
    }

    /** shlex.split: whitespace separates words; '...' is literal; "..." and bare text honour backslashes. */
    static List<String> split(String s) throws ModuleException {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length() && "\\\"$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                    word.append(s.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < s.length()) {
                    word.append(s.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new ModuleException("validate has an unclosed " + quote + " quote: " + s);
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }
}
