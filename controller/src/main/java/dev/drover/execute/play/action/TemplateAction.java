package dev.drover.execute.play.action;

import dev.drover.execute.HostResult;
import dev.drover.template.TemplateException;
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
    static final String ANSIBLE_MANAGED = "Ansible managed";

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        Map<String, Object> copyArgs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : args.entrySet()) {
            if (PASSED_TO_COPY.contains(e.getKey())) {
                copyArgs.put(e.getKey(), e.getValue());
            } else if (!e.getKey().equals("src")) {
                return ControllerAction.failed("template: parameter '" + e.getKey() + "' is not supported by drover;"
                        + " supported: src, " + String.join(", ", new java.util.TreeSet<>(PASSED_TO_COPY)));
            }
        }
        if (args.get("src") == null || args.get("dest") == null) {
            return ControllerAction.failed("template: 'src' and 'dest' are required");
        }
        List<Path> looked = new ArrayList<>();
        Optional<Path> src = ctx.find(String.valueOf(args.get("src")), "templates", looked);
        if (src.isEmpty() || !Files.isRegularFile(src.get())) {
            return ControllerAction.failed("template: could not find template '" + args.get("src") + "'; looked in: " + looked);
        }
        String text;
        try {
            text = new String(VaultedSources.plain(Files.readAllBytes(src.get()), src.get(), ctx.vault()), StandardCharsets.UTF_8);
        } catch (dev.drover.vault.VaultException e) {
            return ControllerAction.failed("template: " + e.getMessage());
        } catch (IOException e) {
            return ControllerAction.failed("template: cannot read " + src.get() + ": " + e.getMessage());
        }
        Map<String, Object> vars = new HashMap<>(ctx.vars());
        vars.put("ansible_managed", ANSIBLE_MANAGED);
        vars.put("template_path", src.get().toString());
        vars.put("template_fullpath", src.get().toString());
        vars.put("template_destpath", String.valueOf(args.get("dest")));
        vars.put("template_host", ctx.host());
        String rendered;
        try {
            Object out = ctx.templater().render(text, vars);
            rendered = out instanceof String s ? s : String.valueOf(out);
        } catch (TemplateException e) {
            return ControllerAction.failed("template " + src.get() + ": " + e.getMessage());
        }
        copyArgs.put("content", rendered);
        copyArgs.put("_original_basename", src.get().getFileName().toString());
        HostResult r = ctx.agent().module("copy", copyArgs);
        return r.result();
    }
}
