package dev.drover.inventory;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One inventory host and the variables set on it (host line, YAML host entry, host_vars files).
 * Group variables are not here: {@link Inventory#hostVars(String)} merges them.
 *
 * @param name          the inventory name ({@code inventory_hostname}), unique in an inventory
 * @param vars          variables set on the host itself, in the order they were set
 * @param inventoryFile the source file the host was first seen in (Ansible's
 *                      {@code inventory_file}); empty for hosts from a host list like
 *                      {@code -i 'a,b,'}
 * @param fileVars      variables from {@code host_vars/NAME} files next to the inventory sources;
 *                      they rank above {@link #vars}
 */
public record Host(String name, Map<String, Object> vars, Optional<Path> inventoryFile, Map<String, Object> fileVars) {

    public Host {
        Objects.requireNonNull(name, "name");
        // Values may be null (YAML ~, Python None), so Map.copyOf cannot be used.
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        Objects.requireNonNull(inventoryFile, "inventoryFile");
        fileVars = Collections.unmodifiableMap(new LinkedHashMap<>(fileVars));
    }

    /** A host without {@code host_vars} files. */
    public Host(String name, Map<String, Object> vars, Optional<Path> inventoryFile) {
        this(name, vars, inventoryFile, Map.of());
    }

    @Override
    public String toString() {
        return name;
    }
}
