package dev.drover.playbook.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import dev.drover.template.Unsafe;
import dev.drover.vault.Envelope;
import dev.drover.vault.Vault;
import dev.drover.vault.VaultException;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads one YAML file into a {@link YamlNode} tree with positions. Resolves aliases (to the anchored
 * node) and merge keys ({@code <<: *defaults}, explicit keys win); rejects duplicate keys, which
 * YAML would silently collapse to the last one, and more than one document per file.
 */
final class YamlReader {
    private static final String YAML_TAG = "tag:yaml.org,2002:";
    /** Far beyond any real playbook; stops "billion laughs" documents before they exhaust memory. */
    static final long MAX_EXPANDED_NODES = 1_000_000;

    private final SourceFiles sources;
    /** Decrypts vaulted files and {@code !vault} values, and learns their plaintext as secrets. */
    private final Vault vault;

    YamlReader(SourceFiles sources, Vault vault) {
        this.sources = sources;
        this.vault = vault;
    }

    /**
     * The file's single document, or empty if the file holds none (blank or only comments).
     *
     * @param requestedAt where the file was named, for the error if it is missing; null for the
     *                    file the user gave
     */
    Optional<YamlNode> read(Path file, SourcePos requestedAt) throws PlaybookException {
        String text = sources.read(file, requestedAt);
        if (!Envelope.isVaulted(text)) {
            return parse(file, text);
        }
        // A whole file encrypted with ansible-vault: every value in it is a secret.
        String plain;
        try {
            plain = new String(vault.decrypt(text, "this file"), StandardCharsets.UTF_8);
        } catch (VaultException e) {
            throw sources.error(new SourcePos(file, 1, 1), e.getMessage(), "");
        }
        sources.remember(file, plain);
        Optional<YamlNode> root = parse(file, plain);
        root.ifPresent(r -> vault.redactor().addAll(r.toPlain()));
        return root;
    }

    /** Like {@link #read} for text that is not in a file (a command-line value); {@code origin} names it. */
    Optional<YamlNode> readText(Path origin, String text) throws PlaybookException {
        sources.remember(origin, text);
        return parse(origin, text);
    }

    private Optional<YamlNode> parse(Path file, String text) throws PlaybookException {
        try (EventYamlParser parser = EventYamlParser.open(text)) {
            TreeBuilder builder = new TreeBuilder(file, parser);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = builder.node(first);
            if (parser.nextToken() != null) {
                throw sources.error(builder.pos(parser.event().getStartMark()),
                        "a second YAML document ('---') in one file",
                        "a playbook or task file holds exactly one document; move the rest to its own file");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw new YamlSyntaxErrors(sources).translate(file, e);
        } catch (IOException e) {
            throw sources.error(new SourcePos(file, 1, 1), "cannot read " + file + ": " + (java.nio.file.Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage())), "", e);
        }
    }

    /** Pulls tokens for one document and builds nodes; holds the anchors seen so far. */
    private final class TreeBuilder {
        private final Path file;
        private final EventYamlParser parser;
        private final Map<String, YamlNode> anchors = new HashMap<>();
        /** Size of each anchored node when fully expanded, to bound alias expansion. */
        private final Map<String, Long> anchorSizes = new HashMap<>();
        /** Nodes in the document with every alias expanded, as {@link YamlNode#toPlain()} would make. */
        private long expandedSize;

        TreeBuilder(Path file, EventYamlParser parser) {
            this.file = file;
            this.parser = parser;
        }

        SourcePos pos(Mark mark) {
            return new SourcePos(file, mark.getLine() + 1, mark.getColumn() + 1);
        }

        YamlNode node(JsonToken token) throws IOException, PlaybookException {
            Event event = parser.event();
            long sizeBefore = expandedSize;
            YamlNode node;
            String anchor;
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                CollectionStartEvent start = (CollectionStartEvent) event;
                anchor = start.getAnchor();
                boolean unsafe = "!unsafe".equals(start.getTag());
                if (!unsafe) {
                    checkCollectionTag(start);
                }
                node = token == JsonToken.START_OBJECT ? mapping(pos(start.getStartMark())) : sequence(pos(start.getStartMark()));
                if (unsafe) {
                    // Ansible wraps the whole list or mapping: none of its strings is ever a template.
                    node = new YamlNode.Scalar(Unsafe.of(node.toPlain()), "", node.pos());
                }
            } else if (event instanceof AliasEvent alias) {
                YamlNode target = anchors.get(alias.getAnchor());
                if (target == null) {
                    throw sources.error(pos(alias.getStartMark()), "unknown alias '*" + alias.getAnchor() + "'",
                            "define the anchor '&" + alias.getAnchor() + "' on a node above this line");
                }
                expandedSize += anchorSizes.get(alias.getAnchor());
                if (expandedSize > MAX_EXPANDED_NODES) {
                    throw sources.error(pos(alias.getStartMark()), "aliases expand this file to more than "
                            + MAX_EXPANDED_NODES + " values", "this looks like an alias bomb; use fewer nested aliases");
                }
                return target;
            } else if (event instanceof ScalarEvent scalar) {
                anchor = scalar.getAnchor();
                node = scalar(scalar);
            } else {
                throw new IllegalStateException("unexpected YAML event " + event + " for token " + token);
            }
            expandedSize++;
            if (anchor != null) {
                anchors.put(anchor, node);
                anchorSizes.put(anchor, expandedSize - sizeBefore);
            }
            return node;
        }

        private YamlNode mapping(SourcePos pos) throws IOException, PlaybookException {
            Map<String, YamlNode.Entry> own = new LinkedHashMap<>();
            List<YamlNode> merges = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                Event keyEvent = parser.event();
                if (!(keyEvent instanceof ScalarEvent key)) {
                    throw sources.error(pos(keyEvent.getStartMark()), "an alias cannot be used as a mapping key",
                            "write the key out");
                }
                SourcePos keyPos = pos(key.getStartMark());
                YamlNode value = node(parser.nextToken());
                if (key.isPlain() && key.getTag() == null && key.getValue().equals("<<")) {
                    merges.add(value);
                    continue;
                }
                YamlNode.Entry previous = own.put(key.getValue(), new YamlNode.Entry(key.getValue(), keyPos, value));
                if (previous != null) {
                    throw sources.error(keyPos, "duplicate key '" + key.getValue() + "' (first written at line "
                                    + previous.keyPos().line() + ", column " + previous.keyPos().column() + ")",
                            "YAML would keep only the last value; remove one of them");
                }
            }
            if (merges.isEmpty()) {
                return new YamlNode.Mapping(List.copyOf(own.values()), pos);
            }
            return new YamlNode.Mapping(merge(merges, own), pos);
        }

        /** PyYAML's merge: merged keys first (earlier sources win), then explicit keys override. */
        private List<YamlNode.Entry> merge(List<YamlNode> merges, Map<String, YamlNode.Entry> own)
                throws PlaybookException {
            Map<String, YamlNode.Entry> result = new LinkedHashMap<>();
            for (YamlNode source : merges) {
                List<YamlNode> maps = source instanceof YamlNode.Sequence seq ? seq.items() : List.of(source);
                for (YamlNode m : maps) {
                    if (!(m instanceof YamlNode.Mapping mapping)) {
                        throw sources.error(m.pos(), "the merge key '<<' needs a mapping or a list of mappings, got "
                                + m.describe(), "merge an anchored mapping, e.g. '<<: *defaults'");
                    }
                    for (YamlNode.Entry e : mapping.entries()) {
                        result.putIfAbsent(e.key(), e);
                    }
                }
            }
            result.putAll(own);
            return List.copyOf(result.values());
        }

        private YamlNode sequence(SourcePos pos) throws IOException, PlaybookException {
            List<YamlNode> items = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                items.add(node(t));
            }
            return new YamlNode.Sequence(items, pos);
        }

        private YamlNode scalar(ScalarEvent event) throws PlaybookException {
            SourcePos pos = pos(event.getStartMark());
            String text = event.getValue();
            String tag = event.getTag();
            if (tag == null) {
                return new YamlNode.Scalar(event.isPlain() ? Yaml11Scalars.resolvePlain(text) : text, text, pos);
            }
            if (tag.equals("!vault")) {
                try {
                    String plain = vault.decryptString(text, "this !vault value");
                    // Ansible's AnsibleVaultEncryptedUnicode: never a template, and 'is vault_encrypted'.
                    return new YamlNode.Scalar(Unsafe.vaulted(plain), plain, pos);
                } catch (VaultException e) {
                    throw sources.error(pos, e.getMessage(), "");
                }
            }
            if (tag.equals("!unsafe")) {
                // Ansible's AnsibleUnsafeText: the string is a value, never a template, wherever it goes.
                return new YamlNode.Scalar(Unsafe.of(text), text, pos);
            }
            try {
                Object value = switch (tag) {
                    case "!", YAML_TAG + "str" -> text;
                    case YAML_TAG + "int" -> Yaml11Scalars.toInt(text);
                    case YAML_TAG + "float" -> Yaml11Scalars.toFloat(text);
                    case YAML_TAG + "bool" -> Yaml11Scalars.toBool(text);
                    case YAML_TAG + "null" -> null;
                    default -> throw unsupportedTag(pos, tag);
                };
                return new YamlNode.Scalar(value, text, pos);
            } catch (NumberFormatException e) {
                throw sources.error(pos, "'" + text + "' is not valid for tag " + tag, "remove the tag or fix the value");
            } catch (IllegalArgumentException e) {
                throw sources.error(pos, e.getMessage() + " (tag " + tag + ")", "remove the tag or fix the value");
            }
        }

        private void checkCollectionTag(CollectionStartEvent event) throws PlaybookException {
            String tag = event.getTag();
            if (tag != null && !tag.equals("!") && !tag.equals(YAML_TAG + "map") && !tag.equals(YAML_TAG + "seq")) {
                throw unsupportedTag(pos(event.getStartMark()), tag);
            }
        }

        private PlaybookException unsupportedTag(SourcePos pos, String tag) {
            return switch (tag) {
                case "!vault" -> sources.error(pos, "vault-encrypted values (!vault) are not supported by drover",
                        "pass secrets as extra variables or from a file outside the playbook");
                default -> sources.error(pos, "unsupported YAML tag '" + tag + "'", "remove the tag");
            };
        }
    }
}
