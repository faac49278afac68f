package dev.drover.execute.play.action;

import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.parse.VarsFileParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code include_vars}: loads a YAML/JSON file from the controller ({@code vars/} or the task's
 * directory, then the playbook's) into the host's variables; {@code name} nests them under one key.
 */
final class IncludeVarsAction implements ControllerAction {
    private static final Set<String> KNOWN = Set.of(ModuleTask.RAW_PARAMS, "file", "name");

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        if (args.containsKey("dir")) {
            return ControllerAction.failed("include_vars: 'dir' is not supported by drover yet; name each file");
        }
        String bad = ControllerAction.unknownArgs("include_vars", args, KNOWN);
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        Object file = args.getOrDefault("file", args.get(ModuleTask.RAW_PARAMS));
        if (file == null) {
            return ControllerAction.failed("include_vars: give the file name ('include_vars: file.yml' or 'file:')");
        }
        List<String> looked = new ArrayList<>();
        Optional<Path> found = ctx.find(String.valueOf(file), "vars", looked);
        if (found.isEmpty()) {
            // Ansible's include_vars gives the text as 'message'; drover's output prints 'msg'.
            Map<String, Object> r = ControllerAction.failed(SearchPath.notFound(String.valueOf(file), looked));
            r.put("message", r.get("msg"));
            return r;
        }
        Map<String, Object> vars;
        try {
            vars = new VarsFileParser(ctx.vault()).parse(found.get());
        } catch (PlaybookException e) {
            return ControllerAction.failed("include_vars: " + e.getMessage());
        }
        Map<String, Object> r = ControllerAction.ok();
        Object name = args.get("name");
        r.put("ansible_facts", name == null ? vars : Map.of(String.valueOf(name), vars));
        r.put("ansible_included_var_files", List.of(found.get().toString()));
        return r;
    }
}
