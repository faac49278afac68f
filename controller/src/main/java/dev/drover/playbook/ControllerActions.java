package dev.drover.playbook;

import java.util.Set;

/**
 * Task actions the controller carries out itself instead of sending to an agent, as Ansible's
 * action plugins do. The parser accepts them as module names next to the agent's modules; the
 * executor dispatches on the same set, so the two cannot drift apart.
 */
public final class ControllerActions {

    /**
     * {@code template} renders on the controller and copies the result; {@code include_vars} reads
     * files on the controller; the others never touch a host.
     */
    public static final Set<String> NAMES = Set.of(
            "set_fact", "debug", "assert", "fail", "meta", "include_vars", "pause", "template",
            "add_host", "group_by");

    private ControllerActions() {
    }
}
