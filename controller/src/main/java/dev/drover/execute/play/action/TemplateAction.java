package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.template.TemplateException;
import dev.drover.template.TemplateSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code template}: renders a controller file ({@code templates/} or the task's directory, then the
 * playbook's) with the task's variables, then hands the text to the agent's {@code copy} as
 * {@code content}, so mode, owner, group, backup, validate, check mode and {@code --diff} behave as
 * for {@code copy}. Adds Ansible's template variables ({@code ansible_managed}, {@code template_path},
 * {@code template_host}, ...).
 */
final class TemplateAction implements ControllerAction {
    private static final Set<String> PASSED_TO_COPY = Set.of("dest", "mode", "owner", "group", "backup", "force",
            "validate", "follow");
    /** Read here: the Jinja2 options and what becomes of the rendered text. */
    private static final Set<String> OWN = Set.of("src", "trim_blocks", "lstrip_blocks", "newline_sequence",
            "output_encoding", "comment_start_string", "comment_end_string", "block_start_string", "block_end_string",
            "variable_start_string", "variable_end_string");
    static final String ANSIBLE_MANAGED = "Ansible managed";

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        Map<String, Object> copyArgs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (PASSED_TO_COPY.contains(e.getKey())) {
                copyArgs.put(e.getKey(), e.getValue());
            } else if (!OWN.contains(e.getKey())) {
                java.util.TreeSet<String> known = new java.util.TreeSet<>(PASSED_TO_COPY);
                known.addAll(OWN);
                return ControllerAction.failed("template: parameter '" + e.getKey() + "' is not supported by drover;"
                        + " supported: " + String.join(", ", known));
            }
        }
        if (args.get("src") == null || args.get("dest") == null) {
            return ControllerAction.failed("template: 'src' and 'dest' are required");
        }
        List<String> looked = new ArrayList<>();
        Optional<Path> src = ctx.find(String.valueOf(args.get("src")), "templates", looked);
        if (src.isEmpty()) {
            return ControllerAction.failed(SearchPath.notFound(String.valueOf(args.get("src")), looked));
        } else if (!Files.isRegularFile(src.get())) {
            return ControllerAction.failed("template: '" + src.get() + "' is not a file");
        }
        String text;
        try {
            text = new String(VaultedSources.plain(Files.readAllBytes(src.get()), src.get(), ctx.vault()), StandardCharsets.UTF_8);
        } catch (dev.drover.vault.VaultException e) {
            return VaultedSources.failed(e, ctx.vault());
        } catch (IOException e) {
            return ControllerAction.failed("template: cannot read " + src.get() + ": " + e.getMessage());
        }
        Map<String, Object> vars = new HashMap<>(ctx.vars());
        vars.put("ansible_managed", ANSIBLE_MANAGED);
        vars.put("template_path", src.get().toString());
        vars.put("template_fullpath", src.get().toString());
        vars.put("template_destpath", String.valueOf(args.get("dest")));
        vars.put("template_host", ctx.host());
        String newline = args.get("newline_sequence") == null ? "\n" : String.valueOf(args.get("newline_sequence"));
        // As Ansible: the escaped spellings ('\r\n' in single quotes) stand for the sequences.
        List<String> escaped = List.of("\\n", "\\r", "\\r\\n");
        if (escaped.contains(newline)) {
            newline = List.of("\n", "\r", "\r\n").get(escaped.indexOf(newline));
        }
        if (!List.of("\n", "\r", "\r\n").contains(newline)) {
            return ControllerAction.failed("newline_sequence needs to be one of: \n, \r or \r\n");
        }
        java.nio.charset.Charset encoding;
        String named = args.get("output_encoding") == null ? "" : String.valueOf(args.get("output_encoding"));
        try {
            encoding = named.isEmpty() ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(named);
        } catch (IllegalArgumentException e) {
            return ControllerAction.failed("template: unknown output_encoding '" + named + "'");
        }
        String rendered;
        try {
            rendered = ctx.templater().renderFile(text, vars, syntax(args));
        } catch (TemplateException e) {
            return ControllerAction.failed("template " + src.get() + ": " + e.getMessage());
        }
        if (!newline.equals("\n")) {
            rendered = rendered.replace("\n", newline);
        }
        if (encoding.equals(StandardCharsets.UTF_8)) {
            copyArgs.put("content", rendered);
        } else {
            copyArgs.put("content_base64", java.util.Base64.getEncoder().encodeToString(rendered.getBytes(encoding)));
        }
        copyArgs.put("_original_basename", src.get().getFileName().toString());
        if ("preserve".equals(copyArgs.get("mode"))) {
            // Ansible: the destination takes the template file's own mode.
            try {
                int bits = 0;
                for (java.nio.file.attribute.PosixFilePermission p : Files.getPosixFilePermissions(src.get())) {
                    bits |= 0400 >> p.ordinal();
                }
                copyArgs.put("mode", String.format("0%03o", bits));
            } catch (IOException | UnsupportedOperationException e) {
                return ControllerAction.failed("template: mode: preserve cannot read the mode of " + src.get() + ": " + e);
            }
        }
        HostResult r = ctx.agent().module("copy", copyArgs);
        Map<String, Object> result = r.result();
        if (Boolean.TRUE.equals(result.get("changed")) && !result.containsKey("src")) {
            // Ansible's result names the source the copy module read (its temporary copy on the
            // host); drover sends the text inline, so the source is the template it rendered.
            result = new LinkedHashMap<>(result);
            result.put("src", src.get().toString());
        }
        return result;
    }

    /** The task's Jinja2 options over Ansible's defaults (trim_blocks on, lstrip_blocks off). */
    private static TemplateSyntax syntax(Map<String, Object> args) {
        List<String> delimiters = new ArrayList<>();
        for (int i = 0; i < TemplateSyntax.DELIMITER_OPTIONS.size(); i++) {
            Object given = args.get(TemplateSyntax.DELIMITER_OPTIONS.get(i));
            delimiters.add(given == null ? TemplateSyntax.ANSIBLE.delimiters().get(i) : String.valueOf(given));
        }
        return new TemplateSyntax(flag(args.get("trim_blocks"), true), flag(args.get("lstrip_blocks"), false), delimiters);
    }

    private static boolean flag(Object value, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        // Ansible's boolean argument type: yes/no, true/false, on/off, 1/0 in any case.
        String v = String.valueOf(value).strip().toLowerCase(java.util.Locale.ROOT);
        return List.of("true", "yes", "on", "1", "y", "t", "1.0").contains(v);
    }
}
