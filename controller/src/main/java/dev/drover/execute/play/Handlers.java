package dev.drover.execute.play;

import dev.drover.playbook.Play;
import dev.drover.playbook.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs notified handlers, in the order the play defines them (not the order notified), each once
 * per host per flush, on the active hosts that notified it by name or by a {@code listen} topic. A
 * handler may notify another: later passes run those, bounded so two handlers that notify each
 * other cannot loop forever.
 */
final class Handlers {
    private static final int MAX_PASSES = 16;

    private final Play play;
    private final LinearStrategy strategy;

    Handlers(Play play, LinearStrategy strategy) {
        this.play = play;
        this.strategy = strategy;
    }

    void flush(List<HostState> hosts) {
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            Map<HostState, Set<String>> pending = new HashMap<>();
            for (HostState h : hosts) {
                if (h.active() && h.hasNotifications()) {
                    pending.put(h, h.drainNotifications());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            for (Task handler : play.handlers()) {
                Set<String> answersTo = new LinkedHashSet<>(handler.options().listen());
                handler.options().name().ifPresent(answersTo::add);
                List<HostState> notified = new ArrayList<>();
                for (HostState h : hosts) {
                    Set<String> p = pending.get(h);
                    if (h.active() && p != null && p.stream().anyMatch(answersTo::contains)) {
                        notified.add(h);
                    }
                }
                if (!notified.isEmpty()) {
                    strategy.runList(List.of(handler), Chain.of(play), notified, PlayListener.Kind.HANDLER);
                }
            }
        }
    }
}
