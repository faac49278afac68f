package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.Role;
import java.util.Optional;
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
    /** Marks a notification bound to one role application's handlers; cannot appear in a name from YAML text. */
    private static final char BOUND = '\u0000';

    private static final int MAX_PASSES = 16;

    private final Play play;
    private final LinearStrategy strategy;

    Handlers(Play play, LinearStrategy strategy) {
        this.play = play;
        this.strategy = strategy;
    }

    /**
     * What a task's {@code notify: name} records: bound to the handlers of the task's own role
     * application when that role has a handler of this name (Ansible looks up the task's role
     * first), else the name itself.
     */
    static String notification(Play play, Optional<Role> role, String name) {
        if (role.isEmpty()) {
            return name;
        }
        for (int i = 0; i < play.handlers().size(); i++) {
            if (play.handlers().get(i) instanceof Block b && b.role().isPresent() && b.role().get() == role.get()) {
                for (Task h : b.block()) {
                    if (h.options().name().map(n -> n.equals(name) || (role.get().name() + " : " + n).equals(name))
                            .orElse(false)) {
                        return qualified(i, name);
                    }
                }
            }
        }
        return name;
    }

    private static String qualified(int index, String name) {
        return BOUND + Integer.toString(index) + BOUND + name;
    }

    private static Map<String, Task> firstByName(Play play) {
        Map<String, Task> first = new HashMap<>();
        for (Task entry : play.handlers()) {
            Optional<Role> role = entry instanceof Block b ? b.role() : Optional.empty();
            for (Task h : role.isPresent() ? ((Block) entry).block() : List.of(entry)) {
                h.options().name().ifPresent(n -> {
                    first.putIfAbsent(n, h);
                    role.ifPresent(r -> first.putIfAbsent(r.name() + " : " + n, h));
                });
            }
        }
        return first;
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
            Map<String, Task> firstByName = firstByName(play);
            for (int index = 0; index < play.handlers().size(); index++) {
                Task entry = play.handlers().get(index);
                // A role's handlers come as a role block: each answers to its name and to
                // "role : name" when it is the first handler of that name (Ansible's lookup), to a
                // notification from its own role's tasks, and runs with the role's variables.
                Optional<Role> role = entry instanceof Block b ? b.role() : Optional.empty();
                Chain chain = role.isPresent() ? Chain.of(play).enter(entry.options(), false, role) : Chain.of(play);
                List<Task> each = role.isPresent() ? ((Block) entry).block() : List.of(entry);
                for (Task handler : each) {
                    Set<String> answersTo = new LinkedHashSet<>(handler.options().listen());
                    if (role.isEmpty()) {
                        handler.options().name().ifPresent(answersTo::add);
                    } else {
                        Role r = role.get();
                        int i = index;
                        handler.options().name().ifPresent(n -> {
                            answersTo.add(qualified(i, n));
                            answersTo.add(qualified(i, r.name() + " : " + n));
                            for (String name : List.of(n, r.name() + " : " + n)) {
                                if (firstByName.get(name) == handler) {
                                    answersTo.add(name);
                                }
                            }
                        });
                    }
                    List<HostState> notified = new ArrayList<>();
                    for (HostState h : hosts) {
                        Set<String> p = pending.get(h);
                        if (h.active() && p != null && p.stream().anyMatch(answersTo::contains)) {
                            notified.add(h);
                        }
                    }
                    if (!notified.isEmpty()) {
                        strategy.runList(List.of(handler), chain, notified, PlayListener.Kind.HANDLER);
                    }
                }
            }
        }
    }
}
