package dev.drover.playbook.parse;

import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.TaskOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the ways a role is named for application: an entry of a play's {@code roles:} or of
 * {@code dependencies:} in a role's {@code meta/main.yml}. An entry is a name, or a mapping with
 * {@code role:} (or the older {@code name:}), optional {@code vars:}, keywords that apply to every
 * task of the role ({@code when}, {@code tags}, {@code become}...), and any other key as a role
 * parameter, as Ansible's {@code RoleDefinition} splits them.
 */
final class RoleEntries {
    /** Keywords a role entry applies to the role's tasks. */
    static final Set<String> KEYWORDS = Set.of("when", "tags", "become", "become_user", "become_method",
            "become_exe", "become_flags", "environment", "ignore_errors", "ignore_unreachable", "any_errors_fatal", "no_log", "check_mode",
            "delegate_to", "run_once", "throttle", "timeout");

    private final SourceFiles sources;
    private final ValueReader values;
    private final TaskOptionsReader options;

    RoleEntries(SourceFiles sources, TaskOptionsReader options) {
        this.sources = sources;
        this.values = new ValueReader(sources);
        this.options = options;
    }

    /** The requests of a {@code roles:} or {@code dependencies:} list. */
    List<RoleLoader.Request> list(YamlNode.Entry e, boolean playWide) throws PlaybookException {
        if (e.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return List.of();
        }
        if (!(e.value() instanceof YamlNode.Sequence seq)) {
            throw sources.error(e.value().pos(), "'" + e.key() + "' must be a list of roles, got " + e.value().describe(),
                    "for example: " + e.key() + ": [common, {role: alfresco, vars: {port: 8080}}]");
        }
        List<RoleLoader.Request> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            out.add(entry(item, e.key(), playWide));
        }
        return out;
    }

    private RoleLoader.Request entry(YamlNode item, String what, boolean playWide) throws PlaybookException {
        if (item instanceof YamlNode.Scalar s && s.value() instanceof String name && !name.isBlank()) {
            return new RoleLoader.Request(name.strip(), s.pos(), TaskOptions.none(s.pos()), Map.of(), Map.of(),
                    RoleLoader.From.MAIN, playWide, true);
        }
        if (!(item instanceof YamlNode.Mapping m)) {
            throw sources.error(item.pos(), "an entry of '" + what + "' must be a role name or a mapping with 'role:',"
                    + " got " + item.describe(), "for example: - role: common");
        }
        YamlNode.Entry nameEntry = m.entry("role").or(() -> m.entry("name")).orElseThrow(() -> sources.error(m.pos(),
                "this entry of '" + what + "' names no role", "add 'role: <name>'"));
        String name = values.string(nameEntry).strip();
        Map<String, Object> vars = Map.of();
        Map<String, Object> params = new LinkedHashMap<>();
        List<YamlNode.Entry> keywords = new ArrayList<>();
        for (YamlNode.Entry e : m.entries()) {
            if (e == nameEntry || e.key().equals("name") && nameEntry.key().equals("role")) {
                continue;
            }
            if (e.key().equals("vars")) {
                vars = values.mapping(e);
            } else if (KEYWORDS.contains(e.key())) {
                keywords.add(e);
            } else if (e.key().equals("collections")) {
                Collections.check(e, sources);
            } else {
                params.put(e.key(), e.value().toPlain());
            }
        }
        return new RoleLoader.Request(name, nameEntry.value().pos(), options.read(keywords, m.pos()), vars, params,
                RoleLoader.From.MAIN, playWide, true);
    }
}
