package dev.drover.execute;

import java.util.Map;

/** The outcome of one step on one host, in Ansible's vocabulary. */
public enum HostStatus {
    OK, CHANGED, SKIPPED, FAILED, UNREACHABLE;

    /** Classifies a module result map the way Ansible's callbacks do. */
    public static HostStatus of(Map<String, ?> result) {
        if (Boolean.TRUE.equals(result.get("unreachable"))) {
            return UNREACHABLE;
        }
        if (Boolean.TRUE.equals(result.get("failed"))) {
            return FAILED;
        }
        if (Boolean.TRUE.equals(result.get("skipped"))) {
            return SKIPPED;
        }
        return Boolean.TRUE.equals(result.get("changed")) ? CHANGED : OK;
    }
}
