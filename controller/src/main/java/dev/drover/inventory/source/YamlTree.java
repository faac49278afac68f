package dev.drover.inventory.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import dev.drover.inventory.InventoryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A YAML document read into nodes that remember where they were written, so inventory errors can
 * name {@code file:line:column}. Built on Jackson's streaming YAML parser, whose scalar typing
 * follows YAML 1.1 like PyYAML (which Ansible uses): {@code yes} is true, {@code 0755} is 493.
 * Anchors, aliases and {@code <<} merge keys are resolved here. Tags are ignored (so
 * {@code !unsafe} values are plain strings), except {@code !vault}, which is an error: drover
 * cannot decrypt it and must not pass ciphertext on as a value.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    sealed interface Node permits MapNode, ListNode, ScalarNode {
        Location where();

        /** The value as plain Java: Map (insertion ordered), List, String, Number, Boolean or null. */
        Object plain();

        /** For messages: "a mapping", "a list", "a string", ... */
        String kind();
    }

    record Entry(String key, Location where, Node value) {
    }

    record MapNode(Location where, Map<String, Entry> entries) implements Node {
        @Override
        public Object plain() {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach((k, e) -> m.put(k, e.value.plain()));
            return Collections.unmodifiableMap(m);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record ListNode(Location where, List<Node> items) implements Node {
        @Override
        public Object plain() {
            List<Object> l = new ArrayList<>();
            items.forEach(n -> l.add(n.plain()));
            return Collections.unmodifiableList(l);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    record ScalarNode(Location where, Object value) implements Node {
        @Override
        public Object plain() {
            return value;
        }

        @Override
        public String kind() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return value instanceof Number ? "a number" : "a string";
        }
    }

    /** Values in a file with every alias expanded, as {@link Node#plain()} makes them; the playbook reader's bound too. */
    static final long MAX_EXPANDED_NODES = 1_000_000;

    private final String file;
    private final YAMLParser parser;
    private final Consumer<String> warnings;
    private final Map<String, Node> anchors = new HashMap<>();
    /** Expanded size of each node an alias may name: aliases share nodes, {@link Node#plain()} copies them. */
    private final Map<Node, Long> sizes = new java.util.IdentityHashMap<>();
    private long expanded;

    private final dev.drover.vault.Vault vault;

    private YamlTree(String file, YAMLParser parser, Consumer<String> warnings, dev.drover.vault.Vault vault) {
        this.vault = vault;
        this.file = file;
        this.parser = parser;
        this.warnings = warnings;
    }

    /**
     * Reads the single document in {@code text}; null if there is none (empty file, only comments).
     *
     * @throws InventoryException for YAML syntax errors, with the position the parser reports
     */
    // Jackson 2.x throws its (deprecated) wrapper of SnakeYAML's exception; it is the only way to the
    // problem and context marks without depending on SnakeYAML directly.
    @SuppressWarnings("deprecation")
    static Node read(String file, String text, Consumer<String> warnings, dev.drover.vault.Vault vault)
            throws InventoryException {
        try (YAMLParser p = FACTORY.createParser(text)) {
            YamlTree tree = new YamlTree(file, p, warnings, vault);
            if (p.nextToken() == null) {
                return null;
            }
            Node root = tree.node();
            if (p.nextToken() != null) {
                throw tree.here().error("found a second YAML document (after '---'); an inventory file holds one");
            }
            return root;
        } catch (MarkedYAMLException e) {
            throw syntaxError(file, e);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String reason = e.getOriginalMessage().replaceAll("\\s+", " ").strip();
            throw InventoryException.at(file, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(),
                    "YAML syntax error: " + reason);
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read YAML: " + e.getMessage(), e);
        }
    }

    /** SnakeYAML's problem and context, without its multi-line snippets; marks count from 0. */
    @SuppressWarnings("deprecation")
    private static InventoryException syntaxError(String file, MarkedYAMLException e) {
        Mark problem = e.getProblemMark();
        StringBuilder reason = new StringBuilder("YAML syntax error: ").append(e.getProblem());
        if (e.getContext() != null) {
            reason.append(" (").append(e.getContext());
            Mark context = e.getContextMark();
            if (context != null) {
                reason.append(" that starts at line ").append(context.getLine() + 1).append(", column ")
                        .append(context.getColumn() + 1);
            }
            reason.append(')');
        }
        return InventoryException.at(file, problem == null ? 1 : problem.getLine() + 1,
                problem == null ? 1 : problem.getColumn() + 1, reason.toString());
    }

    private Location here() {
        JsonLocation l = parser.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }

    private Node node() throws IOException, InventoryException {
        Location where = here();
        JsonToken t = parser.currentToken();
        String anchor = t.isScalarValue() && parser.isCurrentAlias() ? null : parser.getObjectId();
        Node node;
        if (t == JsonToken.START_OBJECT) {
            node = mapping(where);
        } else if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(node());
            }
            node = new ListNode(where, Collections.unmodifiableList(items));
        } else if (parser.isCurrentAlias()) {
            Node target = anchors.get(parser.getText());
            if (target == null) {
                throw where.error("unknown YAML alias '*" + parser.getText() + "'; define the anchor '&"
                        + parser.getText() + "' before using it");
            }
            expanded += size(target);
            if (expanded > MAX_EXPANDED_NODES) {
                throw where.error("aliases expand this file to more than " + MAX_EXPANDED_NODES + " values; this looks"
                        + " like an alias bomb: use fewer nested aliases");
            }
            return target;
        } else {
            if ("vault".equals(parser.getTypeId())) {
                try {
                    String plain = vault.decryptString(parser.getText(), "this !vault value");
                    node = new ScalarNode(where, plain);
                    if (anchor != null) {
                        anchors.put(anchor, node);
                    }
                    return node;
                } catch (dev.drover.vault.VaultException e) {
                    throw where.error(e.getMessage());
                }
            }
            node = new ScalarNode(where, scalar(t));
        }
        expanded++;
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    /** The node's value count with aliases expanded; linear in distinct nodes, whatever the expansion. */
    private long size(Node node) {
        Long known = sizes.get(node);
        if (known != null) {
            return known;
        }
        long n = 1;
        if (node instanceof MapNode m) {
            for (Entry e : m.entries().values()) {
                n = Math.min(Long.MAX_VALUE / 2, n + size(e.value()));
            }
        } else if (node instanceof ListNode l) {
            for (Node item : l.items()) {
                n = Math.min(Long.MAX_VALUE / 2, n + size(item));
            }
        }
        sizes.put(node, n);
        return n;
    }

    private MapNode mapping(Location where) throws IOException, InventoryException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = here();
            parser.nextToken();
            Node value = node();
            if (key.equals("<<")) {
                merges.add(value);
                continue;
            }
            if (entries.containsKey(key)) {
                warnings.accept(keyAt + ": duplicate key '" + key + "' (first at line "
                        + entries.get(key).where.line() + "); using the last value, as Ansible does");
                entries.remove(key);
            }
            entries.put(key, new Entry(key, keyAt, value));
        }
        // YAML merge keys: keys written in this mapping win over merged ones, earlier merges over later.
        for (Node merge : merges) {
            List<Node> sources = merge instanceof ListNode l ? l.items() : List.of(merge);
            for (Node source : sources) {
                if (!(source instanceof MapNode m)) {
                    throw source.where().error("'<<' merges a mapping (or a list of mappings), found " + source.kind());
                }
                m.entries().forEach(entries::putIfAbsent);
            }
        }
        return new MapNode(where, Collections.unmodifiableMap(entries));
    }

    private Object scalar(JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return floating(parser.getText());
            default:
                return parser.getText();
        }
    }

    /** YAML's {@code .inf} and {@code .nan} are floats too; Jackson cannot convert them itself. */
    private Object floating(String text) throws IOException {
        String lower = text.toLowerCase();
        if (lower.endsWith(".inf")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals(".nan")) {
            return Double.NaN;
        }
        return parser.getDoubleValue();
    }
}
