package dev.drover.playbook.parse;

import dev.drover.playbook.Coerce;
import dev.drover.playbook.Loop;
import dev.drover.playbook.LoopControl;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Setting;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.TaskOptions;
import dev.drover.playbook.TaskOptionsBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the keywords of one task, block, include or handler into {@link TaskOptions}. Which
 * keywords are allowed on which node is decided by the caller ({@code TaskReader}); this class
 * only knows each keyword's type.
 */
final class TaskOptionsReader {
    /**
     * {@code extended} and {@code extended_allitems} are accepted (and type-checked) but change
     * nothing: drover provides {@code ansible_loop} with every field on every loop.
     */
    private static final Set<String> LOOP_CONTROL_KEYS = Set.of("loop_var", "index_var", "label", "pause",
            "extended", "extended_allitems");

    private final SourceFiles sources;
    private final ValueReader values;

    TaskOptionsReader(SourceFiles sources, ValueReader values) {
        this.sources = sources;
        this.values = values;
    }

    TaskOptions read(List<YamlNode.Entry> keywords, SourcePos pos) throws PlaybookException {
        TaskOptionsBuilder b = TaskOptions.builder(pos);
        YamlNode.Entry loopEntry = null;
        for (YamlNode.Entry e : keywords) {
            if (Keywords.LOOPS.contains(e.key())) {
                if (loopEntry != null) {
                    throw sources.error(e.keyPos(), "a task has one loop, but this one has both '" + loopEntry.key()
                            + "' and '" + e.key() + "'", "keep one of them");
                }
                loopEntry = e;
                b.loop(Optional.of(loop(e)));
            } else {
                apply(b, e);
            }
        }
        return b.build();
    }

    private void apply(TaskOptionsBuilder b, YamlNode.Entry e) throws PlaybookException {
        switch (e.key()) {
            case "name" -> b.name(values.optionalString(e));
            case "when" -> b.when(values.conditions(e));
            case "tags" -> b.tags(values.tags(e));
            case "become" -> b.become(values.bool(e));
            case "become_user" -> b.becomeUser(Optional.of(values.string(e)));
            case "become_method" -> b.becomeMethod(Optional.of(values.string(e)));
            case "become_exe" -> b.becomeExe(Optional.of(values.string(e)));
            case "become_flags" -> b.becomeFlags(Optional.of(values.string(e)));
            case "environment" -> b.environment(values.environment(e));
            case "ignore_errors" -> b.ignoreErrors(values.bool(e));
            case "ignore_unreachable" -> b.ignoreUnreachable(values.bool(e));
            case "any_errors_fatal" -> b.anyErrorsFatal(values.bool(e));
            case "failed_when" -> b.failedWhen(values.conditions(e));
            case "changed_when" -> b.changedWhen(values.conditions(e));
            case "no_log" -> b.noLog(values.bool(e));
            case "check_mode" -> b.checkMode(values.bool(e));
            case "diff" -> b.diff(values.bool(e));
            case "remote_user" -> b.remoteUser(Optional.of(values.string(e)));
            case "async" -> b.async(values.integer(e));
            case "poll" -> b.poll(values.integer(e));
            case "delegate_to" -> b.delegateTo(Optional.of(values.string(e)));
            case "run_once" -> b.runOnce(values.bool(e));
            case "throttle" -> b.throttle(values.integer(e));
            case "timeout" -> b.timeout(values.integer(e));
            case "register" -> b.register(Optional.of(values.string(e)));
            case "notify" -> b.notifies(values.strings(e));
            case "listen" -> b.listen(values.strings(e));
            case "loop_control" -> b.loopControl(loopControl(e));
            case "until" -> b.until(values.conditions(e));
            case "retries" -> b.retries(values.integer(e));
            case "delay" -> b.delay(values.seconds(e));
            case "vars" -> b.vars(values.mapping(e));
            default -> throw new IllegalStateException("keyword '" + e.key() + "' is in Keywords but not read here");
        }
    }

    private Loop loop(YamlNode.Entry e) throws PlaybookException {
        YamlNode v = e.value();
        boolean template = v instanceof YamlNode.Scalar s && s.value() instanceof String str && Coerce.isTemplate(str);
        switch (e.key()) {
            case "loop", "with_list" -> {
                if (v instanceof YamlNode.Sequence || template) {
                    return new Loop(e.key().equals("loop") ? Loop.Flavor.LIST : Loop.Flavor.WITH_LIST, v.toPlain());
                }
                throw values.wrongType(e, "a list or a template that renders to one", e.key() + ": \"{{ hosts_to_add }}\"");
            }
            case "with_items" -> {
                if (v instanceof YamlNode.Sequence || v instanceof YamlNode.Scalar s && !s.isNull()) {
                    return new Loop(Loop.Flavor.ITEMS, v.toPlain());
                }
                throw values.wrongType(e, "a list or a template that renders to one", "with_items: [a, b]");
            }
            case "with_dict" -> {
                if (v instanceof YamlNode.Mapping || template) {
                    return new Loop(Loop.Flavor.DICT, v.toPlain());
                }
                throw values.wrongType(e, "a mapping or a template that renders to one", "with_dict: \"{{ users }}\"");
            }
            case "with_sequence", "with_together", "with_nested", "with_indexed_items", "with_flattened" -> {
                if (v instanceof YamlNode.Scalar s && s.isNull()) {
                    throw values.wrongType(e, "a value", e.key() + ": ...");
                }
                return new Loop(Loop.Flavor.valueOf(e.key().substring("with_".length()).toUpperCase(java.util.Locale.ROOT)),
                        v.toPlain());
            }
            default -> throw new IllegalStateException("loop keyword '" + e.key() + "' is in Keywords but not read here");
        }
    }

    private LoopControl loopControl(YamlNode.Entry e) throws PlaybookException {
        if (!(e.value() instanceof YamlNode.Mapping m)) {
            throw values.wrongType(e, "a mapping", "loop_control: {loop_var: host, label: \"{{ host.name }}\"}");
        }
        String loopVar = LoopControl.DEFAULT.loopVar();
        Optional<String> indexVar = Optional.empty();
        Optional<String> label = Optional.empty();
        Setting<Double> pause = Setting.unset();
        for (YamlNode.Entry c : m.entries()) {
            switch (c.key()) {
                case "loop_var" -> loopVar = values.string(c);
                case "index_var" -> indexVar = Optional.of(values.string(c));
                case "label" -> label = Optional.of(values.string(c));
                case "pause" -> pause = values.seconds(c);
                case "extended", "extended_allitems" -> values.bool(c);
                default -> {
                    String near = dev.drover.protocol.text.Suggest.closest(c.key(), LOOP_CONTROL_KEYS);
                    throw sources.error(c.keyPos(), "'" + c.key() + "' is not a valid attribute for a LoopControl",
                            (near != null ? "did you mean '" + near + "'? " : "") + "loop_control takes: " + String.join(", ", new java.util.TreeSet<>(LOOP_CONTROL_KEYS)));
                }
            }
        }
        return new LoopControl(loopVar, indexVar, label, pause);
    }
}
