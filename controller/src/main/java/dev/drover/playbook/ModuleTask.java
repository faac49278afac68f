package dev.drover.playbook;

import java.util.Map;
import java.util.Objects;

/**
 * A call of one module (or controller-side action such as {@code set_fact}).
 *
 * @param module short name, with {@code ansible.builtin.} / {@code ansible.legacy.} removed; or, for
 *               {@code action: "{{ expr }}"}, the template as written, which the runner renders per
 *               host into a module name ({@link #templatedAction()})
 * @param args   raw, unrendered arguments in the order written. Free-form text given to
 *               {@code command}, {@code shell}, {@code raw}, {@code script}, {@code meta},
 *               {@code include_vars} and the like is under {@code _raw_params}; {@code k=v} text
 *               has been split like Ansible's {@code parse_kv}; {@code args:} is merged in (the
 *               module's own arguments win).
 */
public record ModuleTask(TaskOptions options, String module, Map<String, Object> args) implements Task {

    /** The key Ansible uses for free-form text, e.g. the command line of {@code command: uname -a}. */
    public static final String RAW_PARAMS = "_raw_params";

    public ModuleTask {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(module, "module");
        args = Frozen.map(args);
    }

    /** True when the module's name is a template, known only per host at run time. */
    public boolean templatedAction() {
        return Coerce.isTemplate(module);
    }

    /** This call with the module its templated action rendered to on one host. */
    public ModuleTask withModule(String resolved, Map<String, Object> resolvedArgs) {
        return new ModuleTask(options, resolved, resolvedArgs);
    }
}
