package dev.drover.playbook.parse;

import dev.drover.playbook.Block;
import dev.drover.playbook.Coerce;
import dev.drover.playbook.Play;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.RoleInclude;
import dev.drover.playbook.SourcePos;
import dev.drover.playbook.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state of one {@code parse} call: the files read so far (for error snippets) and the readers
 * wired to them. Created per call, so the public parsers stay immutable and thread-safe.
 */
final class ParseSession {
    private static final Set<String> IMPORT_PLAYBOOK = Set.of("import_playbook", "ansible.builtin.import_playbook");

    private final SourceFiles sources = new SourceFiles();
    private final YamlReader yaml;
    private final TaskReader tasks;
    private final PlayReader plays;

    private final RoleLoader roles;

    /**
     * @param rolesPath configured role directories (roles_path, ANSIBLE_ROLES_PATH); empty for Ansible's default
     * @param vault     the command's vault, for encrypted files and {@code !vault} values
     */
    ParseSession(Set<String> actionNames, List<Path> rolesPath, dev.drover.vault.Vault vault) {
        this.yaml = new YamlReader(sources, vault);
        this.tasks = new TaskReader(actionNames, sources, yaml);
        RoleEntries entries = new RoleEntries(sources, tasks.options());
        this.roles = new RoleLoader(sources, yaml, tasks, new RoleSearch(sources, rolesPath), entries);
        tasks.roles().loader(roles);
        this.plays = new PlayReader(sources, tasks, actionNames, roles, entries);
    }

    /** The plays of a playbook file, with {@code import_playbook} entries inlined. */
    List<Play> playbook(Path file, TaskContext ctx, SourcePos requestedAt) throws PlaybookException {
        Optional<YamlNode> root = yaml.read(file, requestedAt);
        if (root.isEmpty()) {
            throw sources.error(ctx.start(), "the playbook is empty", "a playbook is a list of plays, each starting with '- hosts: ...'");
        }
        if (!(root.get() instanceof YamlNode.Sequence seq)) {
            throw sources.error(root.get().pos(), "a playbook must be a list of plays, got " + root.get().describe(),
                    "start each play with '- hosts: ...'");
        }
        List<Play> result = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Mapping m)) {
                throw sources.error(item.pos(), "a play must be a mapping with 'hosts' and 'tasks', got " + item.describe(),
                        "start the play with '- hosts: ...' and put its tasks under 'tasks:'");
            }
            Optional<YamlNode.Entry> imported = m.entries().stream().filter(e -> IMPORT_PLAYBOOK.contains(e.key())).findFirst();
            if (imported.isPresent()) {
                result.addAll(importPlaybook(m, imported.get(), ctx));
            } else {
                result.add(plays.read(m, ctx));
            }
        }
        return result;
    }

    private List<Play> importPlaybook(YamlNode.Mapping m, YamlNode.Entry entry, TaskContext ctx) throws PlaybookException {
        for (YamlNode.Entry e : m.entries()) {
            if (e != entry && !e.key().equals("name")) {
                throw sources.error(e.keyPos(), "'" + e.key() + "' cannot be used with import_playbook in drover",
                        "set it in the imported playbook's plays");
            }
        }
        if (!(entry.value() instanceof YamlNode.Scalar s) || !(s.value() instanceof String name) || name.isBlank()) {
            throw sources.error(entry.value().pos(), "'import_playbook' needs a file name, got " + entry.value().describe(),
                    "for example: import_playbook: upgrade-solr.yml");
        }
        if (Coerce.isTemplate(name)) {
            throw sources.error(s.pos(), "import_playbook is static, so its file name cannot use variables ('" + name + "')",
                    "name the file directly");
        }
        Path path = ctx.dir().resolve(name.strip()).normalize();
        if (ctx.onChain(path)) {
            throw sources.error(s.pos(), "import cycle: " + ctx.chain().stream().map(p -> p.getFileName().toString())
                    .collect(Collectors.joining(" -> ")) + " -> " + path.getFileName(),
                    "a playbook cannot import itself, directly or through other playbooks");
        }
        return playbook(path, ctx.enter(path), s.pos());
    }

    /**
     * A dynamic {@code include_role} once its name and files are rendered: the role's block and its
     * handler blocks, loaded as a parse-time include_role would be.
     *
     * @param includedFrom the file holding the include_role
     */
    TaskFileParser.LoadedRole role(RoleInclude spec, String name, Map<String, String> from, Path includedFrom)
            throws PlaybookException {
        roles.startPlay(spec.basedir());
        RoleLoader.From files = new RoleLoader.From(from.get("tasks_from"), from.get("vars_from"),
                from.get("defaults_from"), from.get("handlers_from"));
        RoleLoader.Request req = new RoleLoader.Request(name, spec.namePos(), spec.apply(), spec.apply().vars(), Map.of(),
                files, spec.isPublic(), false);
        Block block = roles.load(req, TaskContext.root(includedFrom, false)).orElseThrow();
        return new TaskFileParser.LoadedRole(block, roles.handlers());
    }

    /** The tasks of a task file, for {@code include_tasks} at run time. */
    List<Task> taskFile(Path file) throws PlaybookException {
        TaskContext ctx = TaskContext.root(file, false);
        Optional<YamlNode> root = yaml.read(file, null);
        return root.isEmpty() ? List.of() : tasks.readTaskFile(root.get(), ctx);
    }
}
