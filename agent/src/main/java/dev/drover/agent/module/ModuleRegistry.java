package dev.drover.agent.module;

import dev.drover.protocol.text.Suggest;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Module name to factory. Built once at agent start; a lookup miss is an error that lists the known
 * modules, never a null.
 */
public final class ModuleRegistry {

    /** Creates a fresh module instance per request. Java 8 has no Supplier that may throw. */
    public interface Factory {
        Module create();
    }

    private final Map<String, Factory> factories = new TreeMap<>();

    public ModuleRegistry register(String name, Factory factory) {
        if (factories.put(name, factory) != null) {
            throw new IllegalStateException("module '" + name + "' registered twice");
        }
        return this;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    public Module create(String name) throws ModuleException {
        Factory f = factories.get(name);
        if (f == null) {
            String near = Suggest.closest(name, factories.keySet());
            throw new ModuleException("unknown module '" + name + "'"
                    + (near != null ? " (did you mean '" + near + "'?)" : "")
                    + "; this agent has: " + String.join(", ", factories.keySet()));
        }
        return f.create();
    }
}
