package dev.drover.inventory.pattern;

import dev.drover.protocol.text.Fnmatch;
import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matches one term of a host pattern (without its {@code &} or {@code !}), as Ansible's
 * {@code _match_one_pattern}: a name, a glob ({@code web*}, {@code node?}, {@code db[12]}) or a
 * regex ({@code ~web\d+}, matched from the start of the name), optionally followed by a subscript
 * ({@code [0]}, {@code [-1]}, {@code [1:3]}, {@code [2:]}) that picks from the matched hosts.
 *
 * <p>Groups are tried first: hosts of every matching group, with their child groups' hosts.
 * Host names are tried when no group matched, or always for regexes and globs. The special
 * groups {@code all} and {@code ungrouped} match like any other group. {@code localhost} (or
 * {@code 127.0.0.1}, {@code ::1}) matches the implicit localhost when the inventory lacks it.
 */
final class TermMatcher {
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\\]$",
            Pattern.DOTALL);

    /**
     * @param hosts         matched hosts in match order, no duplicates
     * @param matchedGroup  whether the term named at least one group (even an empty one)
     */
    record Match(List<Host> hosts, boolean matchedGroup) {
    }

    private TermMatcher() {
    }

    static boolean hasSubscript(String term) {
        return !term.startsWith("~") && SUBSCRIPT.matcher(term).matches();
    }

    static Match match(Inventory inventory, String term) throws InventoryException {
        String expr = term;
        Integer start = null;
        Integer end = null;
        if (!term.startsWith("~")) {
            Matcher m = SUBSCRIPT.matcher(term);
            if (m.matches()) {
                expr = m.group(1);
                if (m.group(2) != null) {
                    start = Integer.valueOf(m.group(2));
                } else {
                    start = Integer.valueOf(m.group(3));
                    end = m.group(5).isEmpty() ? -1 : Integer.valueOf(m.group(5));
                }
            }
        }
        Match all = enumerate(inventory, expr);
        if (start == null || all.hosts().isEmpty()) {
            return all;
        }
        List<Host> hosts = all.hosts();
        if (end == null) {
            int i = start < 0 ? hosts.size() + start : start;
            if (i < 0 || i >= hosts.size()) {
                throw new InventoryException("host pattern '" + term + "': index " + start + " is out of range; '" + expr
                        + "' matches " + hosts.size() + " host(s), so use 0 to " + (hosts.size() - 1) + " (or -1 for the last)");
            }
            return new Match(List.of(hosts.get(i)), all.matchedGroup());
        }
        int last = end == -1 ? hosts.size() - 1 : end;
        int from = Math.min(start, hosts.size());
        int to = Math.max(from, Math.min(last + 1, hosts.size()));
        return new Match(List.copyOf(hosts.subList(from, to)), all.matchedGroup());
    }

    private static Match enumerate(Inventory inventory, String expr) throws InventoryException {
        boolean regex = expr.startsWith("~");
        Pattern p = compile(expr);
        Map<String, Host> result = new LinkedHashMap<>();
        boolean matchedGroup = false;
        for (Group g : inventory.groups()) {
            if (matches(p, regex, g.name())) {
                matchedGroup = true;
                inventory.hostsOf(g.name()).forEach(h -> result.putIfAbsent(h.name(), h));
            }
        }
        boolean special = regex || expr.chars().anyMatch(c -> c == '.' || c == '?' || c == '*' || c == '[');
        if (!matchedGroup || special) {
            for (Host h : inventory.hosts()) {
                if (matches(p, regex, h.name())) {
                    result.putIfAbsent(h.name(), h);
                }
            }
        }
        if (result.isEmpty() && Inventory.LOCALHOST_NAMES.contains(expr)) {
            result.put(expr, inventory.host(expr).orElseThrow()); // Ansible's implicit localhost
        }
        return new Match(List.copyOf(result.values()), matchedGroup);
    }

    private static boolean matches(Pattern p, boolean regex, String name) {
        Matcher m = p.matcher(name);
        return regex ? m.lookingAt() : m.matches();
    }

    private static Pattern compile(String expr) throws InventoryException {
        if (expr.startsWith("~")) {
            try {
                return Pattern.compile(expr.substring(1));
            } catch (PatternSyntaxException e) {
                throw new InventoryException("host pattern '" + expr + "' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return Fnmatch.translate(expr);
    }

}
