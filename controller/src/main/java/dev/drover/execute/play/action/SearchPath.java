package dev.drover.execute.play.action;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a task's relative controller file ({@code copy}/{@code unarchive}/{@code script} src,
 * {@code template} src, {@code include_vars} file) is looked for: Ansible 2.14's
 * {@code ActionBase._find_needle}, that is {@code Task.get_search_path()} fed to
 * {@code DataLoader.path_dwim_relative_stack}, candidate for candidate and in the same order:
 *
 * <ol>
 * <li>for each directory of the stack (the roles around the task, innermost first, as Ansible's
 * reversed dependency chain, then the directory of the task's own file unless already there):
 * {@code <dir>/<subdir>/<source>} then {@code <dir>/<source>};</li>
 * <li>the playbook's directory (the loader's basedir): {@code <basedir>/<subdir>/<source>} then
 * {@code <basedir>/<source>}.</li>
 * </ol>
 *
 * Ansible never looks in the working directory: a relative source made there by a local task (its
 * copy target's {@code source_recursive}, Ansible issue 34893) is found only when the playbook's
 * directory is the working directory, as under ansible-test. (Python 3 compares the first part of
 * the source, bytes, to the subdir, text, so {@code files/x} gets {@code <dir>/files/files/x} too:
 * kept, since only the order of the places that exist matters.) A stack directory whose parent ends
 * in {@code /tasks} and that looks like a role (Ansible's {@code _is_role}) gives
 * {@code <parent's parent>/<subdir>/<source>} and {@code <parent>/<source>} instead.
 *
 * <p>A source starting with {@code /} or {@code ~} is taken as it is (variables and {@code ~}
 * expanded, normalized) and nothing is searched. Immutable.
 *
 * @param stack   the task's search path, innermost role first, the task file's directory last
 * @param basedir the playbook's directory
 */
public record SearchPath(List<Path> stack, Path basedir) {

    /** Ansible's {@code RE_TASKS}. */
    private static final Pattern TASKS = Pattern.compile("(?:^|/)+tasks/?$");

    public SearchPath {
        stack = List.copyOf(stack);
    }

    /**
     * Ansible's {@code Task.get_search_path()}: the role directories around the task (innermost
     * first), then the task file's directory unless it is one of them.
     */
    public static SearchPath of(List<Path> roleDirs, Path taskDir, Path basedir) {
        List<Path> stack = new ArrayList<>(roleDirs);
        if (!stack.contains(taskDir)) {
            stack.add(taskDir);
        }
        return new SearchPath(stack, basedir);
    }

    /**
     * The first existing candidate for {@code source}, or empty.
     *
     * @param searched receives every candidate, in order, for {@link #notFound}
     */
    public Optional<Path> find(String subdir, String source, List<String> searched) {
        if (source.startsWith("~") || source.startsWith("/")) {
            Path p = Path.of(expandUser(expandVars(source))).normalize();
            return Files.exists(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir : stack) {
            Path upath = absolute(dir);
            Path base = upath.getParent();
            if (base != null && base.toString().endsWith("/tasks") && isRole(dir)) {
                searched.add(join(base.getParent(), subdir, source));
                searched.add(join(base, source));
            } else {
                searched.add(join(upath, subdir, source));
                searched.add(join(upath, source));
            }
        }
        Path pbDir = absolute(basedir);
        searched.add(join(pbDir, subdir, source));
        searched.add(join(pbDir, source));
        for (String candidate : searched) {
            if (Files.exists(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    /** Ansible's {@code AnsibleFileNotFound} text, as the copy, template, script... actions return it. */
    public static String notFound(String source, List<String> searched) {
        StringBuilder msg = new StringBuilder("Could not find or access '").append(source).append('\'');
        if (!searched.isEmpty()) {
            msg.append("\nSearched in:\n\t").append(String.join("\n\t", searched));
        }
        return msg.append(" on the Ansible Controller.\nIf you are using a module and expect the file to exist on the")
                .append(" remote, see the remote_src option").toString();
    }

    /** Ansible's {@code DataLoader._is_role}: imperfect role detection by the files around a path. */
    private static boolean isRole(Path path) {
        Path upath = absolute(path);
        Path parent = path.getParent() == null ? Path.of("") : path.getParent();
        boolean untasked = exists(path, "main.yml", "main.yaml", "main");
        boolean tasked = exists(upath, "tasks/main.yml", "tasks/main.yaml", "tasks/main", "meta/main.yml",
                "meta/main.yaml", "meta/main")
                || exists(parent, "tasks/main.yml", "tasks/main.yaml", "tasks/main", "meta/main.yml", "meta/main.yaml",
                        "meta/main");
        return TASKS.matcher(path.toString()).find() && untasked || tasked;
    }

    private static boolean exists(Path dir, String... names) {
        for (String name : names) {
            if (Files.exists(dir.resolve(name))) {
                return true;
            }
        }
        return false;
    }

    /** os.path.join of an absolute directory and relative parts, without normalizing (as Ansible lists them). */
    private static String join(Path dir, String... parts) {
        StringBuilder s = new StringBuilder(dir.toString());
        for (String part : parts) {
            if (!s.toString().endsWith("/")) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }

    /** Ansible's {@code unfrackpath(path, follow=False)}. */
    private static Path absolute(Path p) {
        return Path.of(expandUser(expandVars(p.toString()))).toAbsolutePath().normalize();
    }

    private static String expandUser(String s) {
        if (s.equals("~") || s.startsWith("~/")) {
            return System.getProperty("user.home") + s.substring(1);
        }
        return s;
    }

    /** Python's {@code os.path.expandvars}: {@code $NAME} and {@code ${NAME}} when set, else as written. */
    static String expandVars(String s) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        Map<String, String> env = System.getenv();
        return Pattern.compile("\\$(\\w+|\\{[^}]*})").matcher(s).replaceAll(m -> {
            String name = m.group(1).startsWith("{") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            String value = env.get(name);
            return java.util.regex.Matcher.quoteReplacement(value == null ? m.group() : value);
        });
    }
}
