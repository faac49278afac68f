package dev.drover.agent.module;

import dev.drover.protocol.FrameCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a module reports: {@code changed}, {@code failed}, optional {@code msg} and module fields
 * (rc, stdout, path, ...). Built fluently by the module, then turned into the wire map once.
 */
public final class ModuleResult {
    /**
     * The most a result may carry: it travels in one frame, with room kept for the reply's envelope.
     * Modules that return file content (slurp) size their refusals by this, not by the frame codec.
     */
    public static final long MAX_PAYLOAD_BYTES = FrameCodec.MAX_FRAME_BYTES - 65536L;

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ModuleResult(boolean changed, boolean failed) {
        fields.put("changed", changed);
        fields.put("failed", failed);
    }

    public static ModuleResult ok() {
        return new ModuleResult(false, false);
    }

    public static ModuleResult changed() {
        return new ModuleResult(true, false);
    }

    public static ModuleResult changed(boolean changed) {
        return new ModuleResult(changed, false);
    }

    public static ModuleResult failed(String msg) {
        return new ModuleResult(false, true).msg(msg);
    }

    /** Check mode for a module that cannot predict its effect (Ansible: "skipped" in check mode). */
    public static ModuleResult skipped(String msg) {
        return new ModuleResult(false, false).with("skipped", true).msg(msg);
    }

    public ModuleResult msg(String msg) {
        fields.put("msg", msg);
        return this;
    }

    public ModuleResult with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public boolean isChanged() {
        return Boolean.TRUE.equals(fields.get("changed"));
    }

    public boolean isFailed() {
        return Boolean.TRUE.equals(fields.get("failed"));
    }

    public Object get(String key) {
        return fields.get(key);
    }

    /** The wire form; a copy, so later changes to this builder do not leak into a sent frame. */
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(fields);
    }
}
