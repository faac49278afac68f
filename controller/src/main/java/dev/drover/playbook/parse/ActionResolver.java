package dev.drover.playbook.parse;

import dev.drover.protocol.text.Suggest;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out which module a task calls and with which arguments, covering the forms Ansible's
 * {@code ModuleArgsParser} accepts:
 * <pre>
 * - copy: src=a dest=b            k=v text
 * - copy: {src: a, dest: b}       a mapping
 * - command: uname -a             free-form text, under _raw_params
 *   args: {chdir: /tmp}           merged underneath the module's own arguments
 * - action: copy src=a dest=b     old style, module name first
 * - action: {module: copy, src: a}
 * - local_action: command hostname    old style, delegated to localhost
 * - action: "{{ pkg_mgr }}"       a templated module name, resolved per host at run time
 *   args: {name: x}               (k=v and mapping arguments only, as Ansible: no free-form text)
 * </pre>
 */
final class ActionResolver {

    /** The result: short module name, merged raw arguments, and whether {@code local_action} was used. */
    record Resolved(String module, Map<String, Object> args, boolean local) {
    }

    private final Set<String> actions;
    private final SourceFiles sources;

    ActionResolver(Set<String> actions, SourceFiles sources) {
        this.actions = actions;
        this.sources = sources;
    }

    /**
     * Ansible's {@code gather_facts} action, run as a task: it runs the fact module ({@code setup}) with
     * the task's arguments; {@code parallel} only matters to Ansible when several fact modules run.
     */
    static final String GATHER_FACTS = "gather_facts";

    /** True if the key names a known action, in short or {@code ansible.builtin.} form. */
    boolean isAction(String key) {
        String name = Keywords.shortName(key);
        return actions.contains(name) || name.equals(GATHER_FACTS) && actions.contains("setup");
    }

    /** True if the key names one of Ansible's built-in modules that drover does not ship (see {@link AnsibleModules}). */
    boolean isNotShipped(String key) {
        String name = Keywords.shortName(key);
        return (AnsibleModules.BUILTIN.contains(name) || AnsibleModules.TEST_SUPPORT.contains(name)) && !isAction(key);
    }

    Resolved resolve(YamlNode.Entry action, YamlNode.Entry argsEntry) throws PlaybookException {
        Map<String, Object> merged = new LinkedHashMap<>(baseArgs(argsEntry));
        String module;
        Map<String, Object> own;
        boolean local = action.key().equals("local_action");
        if (Keywords.ACTION_FORMS.contains(action.key())) {
            OldStyle old = oldStyle(action);
            module = old.module;
            own = old.args;
        } else {
            module = Keywords.shortName(action.key());
            own = newStyle(action, module);
        }
        merged.putAll(own);
        if (module.equals(GATHER_FACTS)) {
            module = "setup";
            merged.remove("parallel");
        }
        checkRawParams(action, module, merged);
        if (!Keywords.FREE_FORM_MODULES.contains(module)) {
            for (String key : merged.keySet()) {
                if (key.startsWith("_ansible_")) {
                    throw sources.error(action.value().pos(), "invalid argument '" + key + "' for '" + module
                            + "': names starting with _ansible_ are internal", "remove it");
                }
            }
        }
        return new Resolved(module, merged, local);
    }

    /** {@code copy: <thing>}: a mapping, k=v text, or nothing. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> newStyle(YamlNode.Entry action, String module) throws PlaybookException {
        YamlNode v = action.value();
        if (v instanceof YamlNode.Mapping m) {
            return (Map<String, Object>) m.toPlain();
        }
        if (v instanceof YamlNode.Scalar s && s.isNull()) {
            return Map.of();
        }
        if (v instanceof YamlNode.Scalar s && s.value() instanceof String text) {
            return kv(action.value().pos(), text, Keywords.FREE_FORM_MODULES.contains(module));
        }
        throw sources.error(v.pos(), "unexpected arguments for '" + module + "': " + v.describe(),
                "give the arguments as a mapping on the following lines, or as key=value text");
    }

    private record OldStyle(String module, Map<String, Object> args) {
    }

    /** {@code action: copy src=a} or {@code action: {module: copy, src: a}}. */
    @SuppressWarnings("unchecked")
    private OldStyle oldStyle(YamlNode.Entry action) throws PlaybookException {
        YamlNode v = action.value();
        String moduleString;
        SourcePos modulePos;
        Map<String, Object> args = new LinkedHashMap<>();
        if (v instanceof YamlNode.Scalar s && s.value() instanceof String text && !text.isBlank()) {
            moduleString = text;
            modulePos = s.pos();
        } else if (v instanceof YamlNode.Mapping m && m.entry("module").isPresent()
                && m.entry("module").get().value() instanceof YamlNode.Scalar ms && ms.value() instanceof String text) {
            moduleString = text;
            modulePos = ms.pos();
            args.putAll((Map<String, Object>) m.toPlain());
            args.remove("module");
        } else {
            throw sources.error(v.pos(), "'" + action.key() + "' needs a module name and its arguments, got "
                    + v.describe(), "for example: " + action.key() + ": copy src=a dest=b");
        }
        List<String> words = split(modulePos, moduleString);
        String first = words.get(0).strip();
        // Ansible templates the action per host when the task runs (its strategy, then TaskExecutor's
        // post_validate); its parser keeps the template as the action's name, so do we.
        boolean templated = Coerce.isTemplate(first);
        String module = templated ? first : Keywords.shortName(first);
        if (!templated && !isAction(module) && !isNotShipped(module)) {
            throw unknownModule(modulePos, first);
        }
        String rest = String.join(" ", words.subList(1, words.size()));
        args.putAll(kv(modulePos, rest, Keywords.FREE_FORM_MODULES.contains(module)));
        if (args.get("args") instanceof Map<?, ?> nested) {
            args.remove("args");
            args.putAll((Map<String, Object>) nested);
        }
        return new OldStyle(module, args);
    }

    /** The {@code args:} keyword: a mapping of arguments the module's own ones override. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> baseArgs(YamlNode.Entry argsEntry) throws PlaybookException {
        if (argsEntry == null || argsEntry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return Map.of();
        }
        if (argsEntry.value() instanceof YamlNode.Mapping m) {
            return (Map<String, Object>) m.toPlain();
        }
        if (argsEntry.value() instanceof YamlNode.Scalar s && s.value() instanceof String text && Coerce.isTemplate(text)) {
            throw sources.error(s.pos(), "arguments from a variable ('args: " + text + "') are not supported by drover",
                    "write the arguments as a mapping so they can be checked before the run");
        }
        throw sources.error(argsEntry.value().pos(), "'args' must be a mapping, got " + argsEntry.value().describe(),
                "for example: args: {chdir: /tmp}");
    }

    /** Free text is only allowed for modules that take it (Ansible: "has extra params"). */
    private void checkRawParams(YamlNode.Entry action, String module, Map<String, Object> args) throws PlaybookException {
        Object raw = args.get(ModuleTask.RAW_PARAMS);
        if (raw == null || raw.toString().isEmpty() || Keywords.RAW_PARAM_MODULES.contains(module)) {
            return;
        }
        if (Coerce.isTemplate(module)) {
            // Ansible's ModuleArgsParser: "this task '{{ m }}' has extra params, which is only allowed in ..."
            throw sources.error(action.value().pos(), "the templated action '" + module + "' has free-form text ('" + raw
                    + "'), which only modules known before the run may take: "
                    + String.join(", ", new TreeSet<>(Keywords.RAW_PARAM_MODULES)),
                    "give the arguments as key=value pairs or under 'args:' (for command: argv, or write 'command:' itself)");
        }
        if (Coerce.isTemplate(raw.toString())) {
            throw sources.error(action.value().pos(), "arguments from a variable ('" + raw + "') are not supported by drover",
                    "write the arguments as a mapping so they can be checked before the run");
        }
        throw sources.error(action.value().pos(), "'" + module + "' does not take free-form text, but got '" + raw + "'",
                "write key=value pairs or a mapping; free-form text is only for: "
                        + String.join(", ", new TreeSet<>(Keywords.RAW_PARAM_MODULES)));
    }

    private Map<String, Object> kv(SourcePos pos, String text, boolean checkRaw) throws PlaybookException {
        try {
            return KeyValueArgs.parse(text, checkRaw);
        } catch (KeyValueArgs.SplitException e) {
            throw sources.error(pos, "cannot split the arguments: " + e.getMessage(),
                    "close every quote and '{{ }}'; or quote the whole value in YAML", e);
        }
    }

    private List<String> split(SourcePos pos, String text) throws PlaybookException {
        try {
            return KeyValueArgs.split(text);
        } catch (KeyValueArgs.SplitException e) {
            throw sources.error(pos, "cannot split the arguments: " + e.getMessage(),
                    "close every quote and '{{ }}'; or quote the whole value in YAML", e);
        }
    }

    PlaybookException unknownModule(SourcePos pos, String name) {
        String shortName = Keywords.shortName(name);
        if (shortName.contains(".")) {
            return sources.error(pos, "unknown module '" + name + "': drover has no Ansible collections",
                    "drover runs its own modules; available: " + String.join(", ", new TreeSet<>(actions)));
        }
        String near = Suggest.closest(shortName, actions);
        return sources.error(pos, "unknown module '" + name + "'" + (near != null ? " (did you mean '" + near + "'?)" : ""),
                "available modules: " + String.join(", ", new TreeSet<>(actions)));
    }
}
