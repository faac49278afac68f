package dev.drover.playbook.parse;

import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where roles are found, in Ansible 2.14's order ({@code RoleDefinition._load_role_path}):
 * {@code roles/} next to the playbook, the configured roles path ({@code roles_path} in
 * ansible.cfg or {@code ANSIBLE_ROLES_PATH}; Ansible's default {@code ~/.ansible/roles:
 * /usr/share/ansible/roles:/etc/ansible/roles} when neither is set), for a dependency the directory
 * holding the role that depends on it, and the playbook's directory itself. A name with a
 * {@code /} is a path. A name with dots is a collection role, which drover refuses.
 */
final class RoleSearch {
    private static final List<String> MAIN_SUFFIXES = List.of(".yml", ".yaml", ".json", "");

    private final SourceFiles sources;
    private final List<Path> rolesPath;
    private Path basedir = Path.of("");

    /** @param rolesPath configured directories; empty for Ansible's default */
    RoleSearch(SourceFiles sources, List<Path> rolesPath) {
        this.sources = sources;
        if (rolesPath.isEmpty()) {
            Path home = Path.of(System.getProperty("user.home"));
            this.rolesPath = List.of(home.resolve(".ansible/roles"), Path.of("/usr/share/ansible/roles"),
                    Path.of("/etc/ansible/roles"));
        } else {
            this.rolesPath = List.copyOf(rolesPath);
        }
    }

    /** The directory of the playbook whose play is being read (Ansible's loader basedir). */
    void basedir(Path dir) {
        this.basedir = dir;
    }

    Path basedir() {
        return basedir;
    }

    /** The configured directories (Ansible's default when none were configured). */
    List<Path> rolesPath() {
        return rolesPath;
    }

    /**
     * @param parentRole for a dependency, the directory of the role that depends on it; else null
     */
    Path find(String name, SourcePos pos, TaskContext ctx, Path parentRole) throws PlaybookException {
        List<Path> looked = new ArrayList<>();
        if (name.isBlank()) {
            throw sources.error(pos, "a role needs a name", "for example: roles: [common] or - role: common");
        }
        if (!name.contains("/") && name.chars().filter(c -> c == '.').count() >= 2) {
            String coll = name.substring(0, name.lastIndexOf('.'));
            throw sources.error(pos, "role '" + name + "' is from the collection '" + coll
                    + "', and drover runs no Ansible collections", "copy the role into roles/ next to the playbook"
                    + " and name it '" + name.substring(name.lastIndexOf('.') + 1) + "'");
        }
        List<Path> dirs = new ArrayList<>();
        if (name.contains("/") || name.startsWith("~")) {
            Path p = name.startsWith("~/") ? Path.of(System.getProperty("user.home"), name.substring(2)) : Path.of(name);
            dirs.add(p.isAbsolute() ? p : basedir.resolve(p));
        } else {
            dirs.add(basedir.resolve("roles").resolve(name));
            rolesPath.forEach(r -> dirs.add(r.resolve(name)));
            if (parentRole != null && parentRole.getParent() != null) {
                dirs.add(parentRole.getParent().resolve(name));
            }
            dirs.add(basedir.resolve(name));
        }
        for (Path d : dirs) {
            Path n = d.normalize();
            looked.add(n);
            if (Files.isDirectory(n)) {
                return n;
            }
        }
        throw sources.error(pos, "the role '" + name + "' was not found in: "
                        + String.join(", ", looked.stream().map(Path::toString).toList()),
                "put the role in roles/ next to the playbook, or add its directory to roles_path (ansible.cfg)"
                        + " or ANSIBLE_ROLES_PATH");
    }

    /**
     * The file {@code <role>/<sub>/main} (or {@code <sub>/<from>}) with the extensions Ansible tries.
     * A missing {@code main} is no file; a missing {@code from} is an error.
     */
    Optional<Path> mainFile(Path role, String sub, String from, SourcePos pos, String roleName) throws PlaybookException {
        String base = from == null ? "main" : from;
        List<Path> looked = new ArrayList<>();
        for (String suffix : MAIN_SUFFIXES) {
            if (base.endsWith(".yml") || base.endsWith(".yaml") || base.endsWith(".json")) {
                if (!suffix.isEmpty()) {
                    continue;
                }
            }
            Path p = role.resolve(sub).resolve(base + suffix);
            looked.add(p);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        if (from == null) {
            return Optional.empty();
        }
        throw sources.error(pos, "role '" + roleName + "': " + sub + "_from '" + from + "' not found (looked for "
                + String.join(", ", looked.stream().map(Path::toString).toList()) + ")",
                "name a file under the role's " + sub + "/ directory");
    }
}
