package dev.drover.inventory.pattern;

import dev.drover.protocol.text.Suggest;
import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates Ansible host patterns against one inventory:
 *
 * <pre>
 * all  *                 every host
 * web1  web             a host, or a group (with its child groups' hosts)
 * web:db  web,db        union
 * web:&amp;acs              intersection: in web and in acs
 * all:!web1             exclusion
 * web*  node?  ~node\d  glob (whole name) and regex (from the start of the name)
 * web[0]  web[1:2]      subscripts on a term's hosts (inclusive range, from 0)
 * </pre>
 *
 * Unions are applied first, then intersections, then exclusions, whatever the written order
 * ({@code !a:b} is {@code b} minus {@code a}). A limit ({@code --limit}) is a second pattern the
 * selection is filtered by; {@code @file} in a limit reads one pattern per line from a file.
 */
public final class HostSelector {
    private static final int MAX_LISTED = 30;

    private final Inventory inventory;

    public HostSelector(Inventory inventory) {
        this.inventory = inventory;
    }

    /**
     * The hosts matching {@code pattern}.
     *
     * @throws InventoryException if no host matches (the message says which terms matched nothing,
     *                            suggests close names and lists the groups), or a term is malformed
     */
    public Selection select(String pattern) throws InventoryException {
        List<String> warnings = new ArrayList<>();
        List<Host> hosts = evaluate(PatternTerms.split(pattern), warnings);
        if (hosts.isEmpty()) {
            throw new InventoryException("host pattern '" + pattern + "' matches no hosts" + explain(warnings));
        }
        return new Selection(pattern, hosts, warnings);
    }

    /** {@link #select(String)} then {@link #limit(Selection, String)}; a null or blank limit is none. */
    public Selection select(String pattern, String limit) throws InventoryException {
        Selection s = select(pattern);
        return limit == null || limit.isBlank() ? s : limit(s, limit);
    }

    /**
     * Keeps the selected hosts that also match {@code limit} (Ansible's {@code --limit}), in the
     * selection's order. Items of the form {@code @path} are files with one pattern per line (blank
     * lines ignored), like Ansible's retry files; relative paths are resolved from the working
     * directory.
     *
     * @throws InventoryException if nothing is left, a limit file is missing, or a term is malformed
     */
    public Selection limit(Selection selection, String limit) throws InventoryException {
        List<String> terms = new ArrayList<>();
        for (String item : PatternTerms.split(limit)) {
            if (item.startsWith("@")) {
                terms.addAll(readLimitFile(item.substring(1)));
            } else {
                terms.add(item);
            }
        }
        List<String> warnings = new ArrayList<>(selection.warnings());
        List<String> limitWarnings = new ArrayList<>();
        List<Host> allowed = evaluate(terms, limitWarnings);
        Set<String> allowedNames = new HashSet<>();
        allowed.forEach(h -> allowedNames.add(h.name()));
        warnings.addAll(limitWarnings);
        List<Host> kept = selection.hosts().stream().filter(h -> allowedNames.contains(h.name())).toList();
        if (kept.isEmpty()) {
            String why = allowed.isEmpty() ? explain(limitWarnings)
                    : "; the limit matches " + names(allowed) + ", none of which the pattern selected ("
                            + names(selection.hosts()) + ")";
            throw new InventoryException("--limit '" + limit + "' leaves no hosts of pattern '" + selection.pattern() + "'"
                    + why);
        }
        return new Selection(selection.pattern(), kept, warnings);
    }

    /** Ansible's {@code _evaluate_patterns}. */
    private List<Host> evaluate(List<String> terms, List<String> warnings) throws InventoryException {
        // Keyed by name: hosts are unique by name, and hashing whole Host records (with their
        // variables) would be slow on big inventories.
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (String term : PatternTerms.order(terms)) {
            var exact = inventory.host(term).filter(h -> !inventory.isImplicit(h));
            if (exact.isPresent()) {
                hosts.putIfAbsent(term, exact.get());
                continue;
            }
            char op = term.charAt(0);
            String body = op == '!' || op == '&' ? term.substring(1) : term;
            if (body.isEmpty()) {
                throw new InventoryException("host pattern term '" + term + "' has nothing after '" + op + "'");
            }
            TermMatcher.Match m = TermMatcher.match(inventory, body);
            if (m.hosts().isEmpty() && !m.matchedGroup() && !body.equals(Group.ALL)) {
                warnings.add(notMatched(term, body));
            }
            Set<String> matched = new HashSet<>();
            m.hosts().forEach(h -> matched.add(h.name()));
            if (op == '!') {
                hosts.keySet().removeAll(matched);
            } else if (op == '&') {
                hosts.keySet().retainAll(matched);
            } else {
                m.hosts().forEach(h -> hosts.putIfAbsent(h.name(), h));
            }
        }
        return new ArrayList<>(hosts.values());
    }

    private String notMatched(String term, String body) {
        List<String> names = new ArrayList<>();
        inventory.groups().forEach(g -> names.add(g.name()));
        inventory.hosts().forEach(h -> names.add(h.name()));
        String close = Suggest.closest(body, names);
        String hint = close == null ? "" : " (did you mean '" + close + "'?)";
        if (TermMatcher.hasSubscript(body)) {
            hint += " (a trailing [..] picks hosts by position, as in Ansible; to match names by characters use a"
                    + " regex such as ~" + body + ")";
        }
        return "Could not match supplied host pattern, ignoring: " + term + hint;
    }

    private String explain(List<String> warnings) {
        StringBuilder sb = new StringBuilder();
        if (warnings.isEmpty()) {
            sb.append(" (every host its terms matched was removed by '&' or '!' terms, or they name empty groups)");
        }
        for (String w : warnings) {
            sb.append("; ").append(w.replace("Could not match supplied host pattern, ignoring: ", "nothing is named "));
        }
        List<String> groups = new ArrayList<>();
        for (Group g : inventory.groups()) {
            if (groups.size() == MAX_LISTED) {
                groups.add("... (" + inventory.groups().size() + " groups in all)");
                break;
            }
            groups.add(g.name() + " (" + inventory.hostsOf(g.name()).size() + ")");
        }
        sb.append(". Groups (hosts): ").append(String.join(", ", groups));
        return sb.toString();
    }

    private List<String> readLimitFile(String file) throws InventoryException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new InventoryException("limit file '" + file + "' not found (resolved to " + path.toAbsolutePath() + ")");
        }
        if (Files.isDirectory(path)) {
            throw new InventoryException("limit '@" + file + "' must be a file with one host per line, not a directory");
        }
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new InventoryException("cannot read limit file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static String names(Iterable<Host> hosts) {
        List<String> names = new ArrayList<>();
        hosts.forEach(h -> names.add(h.name()));
        return names.size() <= 10 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + ", ... (" + names.size() + " in all)";
    }
}
