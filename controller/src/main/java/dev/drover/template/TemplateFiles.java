package dev.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files that {@code {% include %}} and {@code {% import %}} read. Only a template file (the
 * {@code template} module, which sets {@code template_fullpath}) may include others, searched as
 * Ansible does: next to the template, then the playbook's {@code templates/} directory, then the
 * playbook's directory. An inline template (a task argument) has no file and is refused.
 */
final class TemplateFiles {
    private TemplateFiles() {
    }

    static String read(String name, JinjavaInterpreter interpreter) throws IOException {
        Evaluation eval = Evaluation.of(interpreter);
        Object template = eval.variable("template_fullpath");
        if (!(template instanceof String path)) {
            throw new IOException("include and import are only available in template files, not in task templates"
                    + " (asked for '" + name + "')");
        }
        List<Path> dirs = new ArrayList<>();
        Path parent = Path.of(path).getParent();
        if (parent != null) {
            dirs.add(parent);
        }
        if (eval.variable("playbook_dir") instanceof String pb) {
            dirs.add(Path.of(pb).resolve("templates"));
            dirs.add(Path.of(pb));
        }
        Path asked = Path.of(name);
        if (asked.isAbsolute()) {
            dirs = List.of(asked.getRoot());
        }
        for (Path d : dirs) {
            Path f = d.resolve(name).normalize();
            if (Files.isRegularFile(f)) {
                return Files.readString(f, StandardCharsets.UTF_8);
            }
        }
        throw new IOException("template '" + name + "' not found (looked in " + dirs + ")");
    }
}
