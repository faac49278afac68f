package dev.drover.inventory.source;

import dev.drover.inventory.Group;
import dev.drover.inventory.InventoryException;
import dev.drover.python.PythonLiteral;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory format, read the way ansible-core's {@code ini} plugin reads it.
 *
 * <ul>
 *   <li>Lines before any section are hosts of {@code ungrouped}. {@code [g]} lists hosts,
 *       {@code [g:vars]} sets {@code key=value} group variables, {@code [g:children]} lists child
 *       groups. A group named in {@code [p:children]} or {@code [g:vars]} must also get a
 *       {@code [g]} or {@code [g:children]} section somewhere in the file.</li>
 *   <li>A host line is {@code name[:port] key=value key2="quoted value"}, split like a shell
 *       line; {@code #} starts a comment anywhere on it. Names may hold ranges
 *       ({@code node[01:10]}).</li>
 *   <li>Values are Python literals if they parse as one ({@link PythonLiteral}), else strings. This
 *       applies to {@code [g:vars]} values too, although Ansible's documentation says they stay
 *       strings: ansible-core 2.14 reads {@code x=5} there as the number 5. The real difference is
 *       quoting: on a host line the shell split removes quotes first ({@code x="5"} is the number 5),
 *       in {@code [g:vars]} quotes stay ({@code x="5"} is the string "5"), and there a trailing
 *       {@code # comment} is part of a non-literal value.</li>
 *   <li>Lines starting with {@code #} or {@code ;} are comments.</li>
 * </ul>
 */
final class IniInventoryParser {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final InventoryBuilder inventory;
    private final String file;
    /** Groups named before their declaration, Ansible's {@code pending_declarations}. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private record Pending(Location where, String state, List<String> parents) {
    }

    IniInventoryParser(InventoryBuilder inventory, String file) {
        this.inventory = inventory;
        this.file = file;
    }

    void parse(List<String> lines) throws InventoryException {
        String group = Group.UNGROUPED;
        String state = "hosts";
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            int indent = raw.indexOf(line.charAt(0));
            Location where = new Location(file, i + 1, indent + 1);
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                group = m.group(1);
                state = m.group(2) == null ? "hosts" : m.group(2);
                section(group, state, new Location(file, i + 1, indent + 1), m);
                continue;
            }
            if (line.startsWith("[") && (line.endsWith("]") || line.indexOf(']') < 0)) {
                throw where.error("invalid section header '" + line + "': write [name], [name:vars] or [name:children];"
                        + " a group name cannot contain spaces, ':' or ']'");
            }
            switch (state) {
                case "hosts" -> hostLine(line, group, where);
                case "vars" -> varLine(line, group, where);
                default -> childLine(line, group, where);
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.state.equals("vars")) {
                throw p.where.error("[" + e.getKey() + ":vars] sets variables of group '" + e.getKey()
                        + "', which no [" + e.getKey() + "] or [" + e.getKey() + ":children] section declares;"
                        + " add one (it may be empty)");
            }
            String parent = p.parents.get(p.parents.size() - 1);
            throw p.where.error("[" + parent + ":children] includes undefined group '" + e.getKey() + "'; declare it with a ["
                    + e.getKey() + "] section (it may be empty)");
        }
    }

    private void section(String group, String state, Location where, Matcher m) throws InventoryException {
        if (!state.equals("hosts") && !state.equals("vars") && !state.equals("children")) {
            Location at = new Location(file, where.line(), where.column() + m.start(2) - 1);
            throw at.error("unknown section type ':" + state + "' in [" + group + ":" + state + "]; use [" + group + "], ["
                    + group + ":vars] or [" + group + ":children]");
        }
        if (!inventory.hasGroup(group)) {
            if (state.equals("vars") && !pending.containsKey(group)) {
                pending.put(group, new Pending(where, state, new ArrayList<>()));
            }
            inventory.addGroup(group);
        }
        Pending p = pending.get(group);
        if (p != null && !state.equals("vars")) {
            if (p.state.equals("children")) {
                addPendingChildren(group);
            } else {
                pending.remove(group);
            }
        }
    }

    private void addPendingChildren(String group) throws InventoryException {
        Pending p = pending.remove(group);
        for (String parent : p.parents) {
            inventory.addChild(parent, group, p.where);
            Pending pp = pending.get(parent);
            if (pp != null && pp.state.equals("children")) {
                addPendingChildren(parent);
            }
        }
    }

    private void hostLine(String line, String group, Location where) throws InventoryException {
        List<ShellWords.Word> words;
        try {
            words = ShellWords.split(line);
        } catch (ShellWords.SyntaxException e) {
            throw at(where, e.column()).error("cannot read host line '" + line + "': " + e.getMessage());
        }
        if (words.isEmpty()) {
            return; // only a comment after leading whitespace
        }
        ShellWords.Word first = words.get(0);
        Location hostAt = at(where, first.column());
        String entry = first.text();
        HostAddress address = HostAddress.ofEntry(entry);
        if (entry.strip().endsWith(":") && address.port() == null) {
            throw hostAt.error("host '" + entry + "' ends with ':'; a ':' after a host name must be followed by a port number");
        }
        List<String> names = expand(address.host(), hostAt);
        if (names.contains("---")) {
            throw hostAt.error("'---' is not a host name; this looks like a YAML file. Give it a .yml or .yaml extension");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        for (ShellWords.Word w : words.subList(1, words.size())) {
            int eq = w.text().indexOf('=');
            if (eq <= 0) {
                throw at(where, w.column()).error("expected key=value after host '" + entry + "', got '" + w.text()
                        + "' (quote values that contain spaces: key=\"a b\")");
            }
            vars.put(w.text().substring(0, eq), PythonLiteral.valueOf(w.text().substring(eq + 1)));
        }
        for (String name : names) {
            inventory.addHost(name, group, address.port());
            for (Map.Entry<String, Object> v : vars.entrySet()) {
                inventory.setHostVar(name, v.getKey(), v.getValue());
            }
        }
    }

    private void varLine(String line, String group, Location where) throws InventoryException {
        int eq = line.indexOf('=');
        String key = eq < 0 ? "" : line.substring(0, eq).strip();
        if (key.isEmpty()) {
            throw where.error("expected key=value in [" + group + ":vars], got '" + line + "'");
        }
        inventory.setGroupVar(group, key, PythonLiteral.valueOf(line.substring(eq + 1).strip()), where);
    }

    private void childLine(String line, String group, Location where) throws InventoryException {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            throw where.error("expected a group name in [" + group + ":children], got '" + line + "'");
        }
        String child = m.group(1);
        if (inventory.hasGroup(child)) {
            inventory.addChild(group, child, where);
            return;
        }
        Pending p = pending.get(child);
        if (p == null) {
            pending.put(child, new Pending(where, "children", new ArrayList<>(List.of(group))));
        } else {
            p.parents.add(group);
        }
    }

    private static List<String> expand(String host, Location where) throws InventoryException {
        if (!HostRange.hasRange(host)) {
            return List.of(host);
        }
        try {
            return HostRange.expand(host);
        } catch (HostRange.RangeException e) {
            throw where.error(e.getMessage());
        }
    }

    /** A column within the stripped line, moved to the raw line. */
    private static Location at(Location lineStart, int columnInStripped) {
        return new Location(lineStart.file(), lineStart.line(), lineStart.column() + columnInStripped - 1);
    }
}
