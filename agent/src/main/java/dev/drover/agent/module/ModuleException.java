package dev.drover.agent.module;

import java.util.LinkedHashMap;
import java.util.Map;

/** An expected failure: the request becomes a result with {@code failed: true} and this message. */
public class ModuleException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public ModuleException(String message) {
        super(message);
    }

    public ModuleException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Extra result fields to report with the failure (for example {@code rc}, {@code stderr}). */
    public ModuleException with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
