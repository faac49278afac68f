package dev.drover.inventory.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ansible-inventory --list} (and {@code --export}, {@code --host}) output, byte for byte in
 * the common case: the same keys, keys sorted, four-space indentation, {@code ": "} after keys,
 * floats as Python prints them. Known difference: Ansible prints YAML dates as dates; drover reads
 * them as strings, which print the same.
 */
public final class InventoryJson {
    private static final ObjectWriter WRITER = writer();

    private InventoryJson() {
    }

    /** {@code ansible-inventory --list}: groups with hosts and children, flattened host vars. */
    public static String list(Inventory inventory) {
        return list(inventory, false);
    }

    /**
     * {@code ansible-inventory --list}, or with {@code export} {@code --list --export}: group
     * variables stay on their groups and {@code _meta.hostvars} holds only each host's own
     * variables, so the output is an inventory that recreates this one.
     */
    public static String list(Inventory inventory, boolean export) {
        Map<String, Object> result = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        formatGroup(inventory, inventory.group(Group.ALL).orElseThrow(), export, seen, result);
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (Host h : inventory.hosts()) {
            Map<String, Object> vars = export ? ownVars(h) : hostVars(inventory, h);
            if (!vars.isEmpty()) {
                hostvars.put(h.name(), vars);
            }
        }
        result.put("_meta", Map.of("hostvars", hostvars));
        return write(result);
    }

    /** {@code ansible-inventory --host NAME}: the host's merged variables. */
    public static String host(Inventory inventory, String host) throws InventoryException {
        return write(hostVars(inventory, inventory.requireHost(host)));
    }

    /** The merged variables {@code --list} and {@code --graph --vars} show: no magic variables. */
    static Map<String, Object> hostVars(Inventory inventory, Host host) {
        return withoutMagic(inventory.inventoryVars(host.name()));
    }

    /** A host's own variables (inventory, then host_vars files), as {@code --export} shows them. */
    private static Map<String, Object> ownVars(Host host) {
        Map<String, Object> vars = new LinkedHashMap<>(host.vars());
        vars.putAll(host.fileVars());
        return withoutMagic(vars);
    }

    /** A group's own variables as Ansible shows them: inventory, group_vars files, a non-default priority. */
    static Map<String, Object> groupVars(Group group) {
        Map<String, Object> vars = new LinkedHashMap<>(group.vars());
        vars.putAll(group.fileVars());
        if (group.priority() != Group.DEFAULT_PRIORITY) {
            vars.put("ansible_group_priority", group.priority());
        }
        return withoutMagic(vars);
    }

    private static void formatGroup(Inventory inv, Group group, boolean export, Set<String> seen,
            Map<String, Object> result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        result.put(group.name(), entry);
        if (!group.name().equals(Group.ALL) && !group.hosts().isEmpty()) {
            entry.put("hosts", group.hosts());
        }
        List<String> children = new ArrayList<>();
        for (String child : group.children()) {
            children.add(child);
            if (seen.add(child)) {
                formatGroup(inv, inv.group(child).orElseThrow(), export, seen, result);
            }
        }
        if (!children.isEmpty()) {
            entry.put("children", children);
        }
        if (export) {
            Map<String, Object> vars = groupVars(group);
            if (!vars.isEmpty()) {
                entry.put("vars", vars);
            }
        }
        if (entry.isEmpty()) {
            result.remove(group.name());
        }
    }

    private static Map<String, Object> withoutMagic(Map<String, Object> vars) {
        Map<String, Object> copy = new LinkedHashMap<>(vars);
        copy.keySet().removeAll(Inventory.MAGIC_VARS);
        return copy;
    }

    static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inventory values are always serializable", e);
        }
    }

    /** Python's {@code json.dumps(indent=4, sort_keys=True, ensure_ascii=False)} layout. */
    private static ObjectWriter writer() {
        DefaultIndenter indent = new DefaultIndenter("    ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indent)
                .withArrayIndenter(indent);
        SimpleModule pythonFloats = new SimpleModule().addSerializer(Double.class, new JsonSerializer<Double>() {
            @Override
            public void serialize(Double d, JsonGenerator gen, SerializerProvider provider) throws IOException {
                String repr = PythonText.floatRepr(d);
                gen.writeNumber(switch (repr) {
                    case "nan" -> "NaN";
                    case "inf" -> "Infinity";
                    case "-inf" -> "-Infinity";
                    default -> repr;
                });
            }
        });
        return new ObjectMapper().registerModule(pythonFloats)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writer(printer);
    }
}
