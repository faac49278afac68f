package dev.drover.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one ansible.cfg that drover uses. Read like Python's {@code configparser} as
 * Ansible uses it: {@code [section]} headers, {@code key = value} or {@code key: value}, comments
 * with {@code #} or {@code ;}, indented lines continuing a value; {@code ~} and environment variables
 * in paths are expanded. Immutable.
 *
 * @param file     the file read, empty when none was found
 * @param values   {@code section.key} to the raw value, for the supported settings
 * @param ignored  {@code [section] key} of every setting drover has no equivalent for, in file order
 */
public record AnsibleConfig(Optional<Path> file, Map<String, String> values, List<String> ignored) {
    public static final AnsibleConfig NONE = new AnsibleConfig(Optional.empty(), Map.of(), List.of());

    /** Settings drover applies, as {@code section.key}. */
    public static final Set<String> SUPPORTED = Set.of("defaults.inventory", "defaults.hostfile", "defaults.roles_path",
            "defaults.remote_user", "defaults.private_key_file", "defaults.forks", "defaults.host_key_checking",
            "defaults.timeout", "defaults.vault_password_file", "privilege_escalation.become",
            "privilege_escalation.become_method", "privilege_escalation.become_user",
            "privilege_escalation.become_ask_pass", "defaults.become", "defaults.become_method",
            "defaults.become_user");

    /** Ansible's search order; {@code env} is the process environment. */
    public static Optional<Path> locate(Map<String, String> env, Path cwd, Path home) {
        List<Path> candidates = new ArrayList<>();
        String named = env.get("ANSIBLE_CONFIG");
        if (named != null && !named.isBlank()) {
            Path p = Path.of(expand(named, env, home));
            candidates.add(Files.isDirectory(p) ? p.resolve("ansible.cfg") : p);
        }
        candidates.add(cwd.resolve("ansible.cfg"));
        candidates.add(home.resolve(".ansible.cfg"));
        candidates.add(Path.of("/etc/ansible/ansible.cfg"));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    public static AnsibleConfig read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        String section = "";
        String lastKey = null;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && lastKey != null && values.containsKey(lastKey)) {
                values.put(lastKey, values.get(lastKey) + "\n" + line);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                lastKey = null;
                continue;
            }
            int eq = firstOf(line, '=', ':');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip().toLowerCase(java.util.Locale.ROOT);
            String value = eq < 0 ? "" : stripComment(line.substring(eq + 1)).strip();
            lastKey = section + "." + key;
            if (SUPPORTED.contains(lastKey)) {
                values.put(lastKey, value);
            } else {
                ignored.add("[" + section + "] " + key);
            }
        }
        return new AnsibleConfig(Optional.of(file), values, List.copyOf(ignored));
    }

    public Optional<String> get(String sectionKey) {
        return Optional.ofNullable(values.get(sectionKey)).filter(v -> !v.isBlank());
    }

    /** A become setting from [privilege_escalation], or the older [defaults] spelling. */
    public Optional<String> become(String key) {
        return get("privilege_escalation." + key).or(() -> get("defaults." + key));
    }

    /** A path setting, with {@code ~} and {@code $VARS} expanded and relative paths against the file's directory. */
    public Optional<Path> path(String sectionKey, Map<String, String> env, Path home) {
        return get(sectionKey).map(v -> resolve(v, env, home));
    }

    /** A colon-separated list of paths ({@code roles_path}, {@code inventory} may be comma-separated). */
    public List<Path> paths(String sectionKey, Map<String, String> env, Path home) {
        List<Path> out = new ArrayList<>();
        get(sectionKey).ifPresent(v -> {
            for (String part : v.split("[:,]")) {
                if (!part.isBlank()) {
                    out.add(resolve(part.strip(), env, home));
                }
            }
        });
        return out;
    }

    public static boolean bool(String v) {
        return Set.of("1", "yes", "true", "on", "y", "t").contains(v.strip().toLowerCase(java.util.Locale.ROOT));
    }

    private Path resolve(String v, Map<String, String> env, Path home) {
        Path p = Path.of(expand(v, env, home));
        if (!p.isAbsolute() && file.isPresent() && file.get().toAbsolutePath().getParent() != null) {
            return file.get().toAbsolutePath().getParent().resolve(p).normalize();
        }
        return p;
    }

    static String expand(String v, Map<String, String> env, Path home) {
        String out = v.startsWith("~/") || v.equals("~") ? home + v.substring(1) : v;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{?(\\w+)}?").matcher(out);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static int firstOf(String line, char a, char b) {
        int i = line.indexOf(a);
        int j = line.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String stripComment(String v) {
        int i = v.indexOf(" #");
        int j = v.indexOf(" ;");
        int k = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        return k < 0 ? v : v.substring(0, k);
    }
}
