package dev.drover.execute.play;

import dev.drover.playbook.Play;
import dev.drover.playbook.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs notified handlers as Ansible 2.14 does: one pass per flush over the handlers in the order
 * the play defines them (not the order notified), each on the active hosts that notified it by name
 * or by a {@code listen} topic. A handler that notifies a later handler makes it run in the same
 * pass; one that notifies an earlier handler leaves it pending for the next flush; one that
 * notifies itself changes nothing (the host is already notified, and is cleared once it ran).
 */
final class Handlers {

    private final Play play;
    private final LinearStrategy strategy;
    /** {@code force_handlers}: hosts that failed after notifying still run their handlers. */
    private final boolean force;

    Handlers(Play play, LinearStrategy strategy, boolean force) {
        this.play = play;
        this.strategy = strategy;
        this.force = force;
    }

    /** The hosts a flush serves: the active ones, and with {@code force_handlers} the failed ones too. */
    boolean serves(HostState h) {
        return force ? !h.unreachable && !h.ended : h.active();
    }

    void flush(List<HostState> hosts) {
        for (Task handler : play.handlers()) {
            List<HostState> notified = new ArrayList<>();
            for (HostState h : hosts) {
                resolve(h);
                if (serves(h) && h.pendingHandlers.contains(handler)) {
                    notified.add(h);
                }
            }
            if (!notified.isEmpty()) {
                // A forced handler runs on a failed host, which stays failed afterwards.
                List<HostState> wasFailed = notified.stream().filter(h -> h.failed).toList();
                wasFailed.forEach(h -> h.failed = false);
                strategy.runList(List.of(handler), Chain.of(play), notified, PlayListener.Kind.HANDLER);
                wasFailed.forEach(h -> h.failed = true);
                for (HostState h : notified) {
                    resolve(h);
                    h.pendingHandlers.remove(handler);
                }
            }
        }
    }

    /** Turns a host's notified names and topics into the handlers that answer them. */
    private void resolve(HostState h) {
        if (!h.hasNotifications()) {
            return;
        }
        for (String name : h.drainNotifications()) {
            for (Task handler : play.handlers()) {
                if (answersTo(handler).contains(name)) {
                    h.pendingHandlers.add(handler);
                }
            }
        }
    }

    private static Set<String> answersTo(Task handler) {
        Set<String> names = new LinkedHashSet<>(handler.options().listen());
        handler.options().name().ifPresent(names::add);
        return names;
    }
}
