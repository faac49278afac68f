package dev.drover.playbook.parse;

import dev.drover.playbook.SourcePos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML document as a tree that remembers where each node was written. Mappings keep key order;
 * aliases are already replaced by the anchored node (which keeps its own position) and merge keys
 * ({@code <<}) are already applied.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    SourcePos pos();

    /** The node as plain Java values: LinkedHashMap, ArrayList, String, Boolean, numbers, null. */
    Object toPlain();

    /** A short description for error messages: "a mapping", "a list", "the string 'x'". */
    String describe();

    /** One {@code key: value} pair; the key's position is where the user wrote the key. */
    record Entry(String key, SourcePos keyPos, YamlNode value) {
    }

    record Mapping(List<Entry> entries, SourcePos pos) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public Object toPlain() {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Entry e : entries) {
                map.put(e.key(), e.value().toPlain());
            }
            return Collections.unmodifiableMap(map);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, SourcePos pos) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public Object toPlain() {
            List<Object> list = new ArrayList<>(items.size());
            for (YamlNode n : items) {
                list.add(n.toPlain());
            }
            return Collections.unmodifiableList(list);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is typed by YAML 1.1 rules (String, Boolean, Integer, Long,
     * BigInteger, Double or null); {@code text} is what the user wrote, without quotes.
     */
    record Scalar(Object value, String text, SourcePos pos) implements YamlNode {
        @Override
        public Object toPlain() {
            return value;
        }

        boolean isNull() {
            return value == null;
        }

        @Override
        public String describe() {
            return dev.drover.playbook.Coerce.describe(value);
        }
    }
}
