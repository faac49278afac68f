package dev.drover.execute.play;

import dev.drover.playbook.Block;
import dev.drover.playbook.Play;
import dev.drover.playbook.Role;
import dev.drover.playbook.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs notified handlers as Ansible 2.14 does: one pass per flush over the handlers in the order
 * the play defines them (not the order notified), each on the active hosts that notified it by name
 * or by a {@code listen} topic. A handler that notifies a later handler makes it run in the same
 * pass; one that notifies an earlier handler leaves it pending for the next flush; one that
 * notifies itself changes nothing (the host is already notified, and is cleared once it ran).
 *
 * <p>A role's handlers come as a role block: each answers to its name and to {@code role : name}
 * when it is the first handler of that name (Ansible's lookup), to a notification from its own
 * role's tasks, and runs with the role's variables.
 */
final class Handlers {
    /** Marks a notification bound to one role application's handlers; cannot appear in a name from YAML text. */
    private static final char BOUND = '\u0000';

    /** A handler as a flush runs it: with its role's chain and every name it answers to. */
    private record Entry(Task handler, Chain chain, Set<String> answersTo) {
    }

    private final Play play;
    /** The strategy's walk, which runs a handler like any task. */
    private final Batch.TaskWalk walk;
    /** {@code force_handlers}: hosts that failed after notifying still run their handlers. */
    private final boolean force;
    /** Grows when a dynamic include_role brings its role's handlers; flushes iterate over a snapshot. */
    private final List<Entry> entries;

    Handlers(Play play, Batch.TaskWalk walk, boolean force) {
        this.play = play;
        this.walk = walk;
        this.force = force;
        this.entries = new java.util.concurrent.CopyOnWriteArrayList<>(entries(play));
    }

    /**
     * What a task's {@code notify: name} records: bound to the handlers of the task's own role
     * (the application with the same {@link Role#key()}, which loaded them) when it has a handler of this name (Ansible looks up the task's role
     * first), else the name itself.
     */
    static String notification(Play play, Optional<Role> role, String name) {
        if (role.isEmpty()) {
            return name;
        }
        for (int i = 0; i < play.handlers().size(); i++) {
            if (play.handlers().get(i) instanceof Block b && b.role().isPresent()
                    && b.role().get().key().equals(role.get().key())) {
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

    private static List<Entry> entries(Play play) {
        Map<String, Task> firstByName = firstByName(play);
        List<Entry> all = new ArrayList<>();
        for (int index = 0; index < play.handlers().size(); index++) {
            Task entry = play.handlers().get(index);
            Optional<Role> role = entry instanceof Block b ? b.role() : Optional.empty();
            Chain chain = role.isPresent() ? Chain.of(play).enter(entry.options(), false, role) : Chain.of(play);
            for (Task handler : role.isPresent() ? ((Block) entry).block() : List.of(entry)) {
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
                all.add(new Entry(handler, chain, answersTo));
            }
        }
        return List.copyOf(all);
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

    /**
     * Handlers of a role loaded at run time (a dynamic {@code include_role}) join the play's, as in
     * Ansible 2.14 where the handler loaded last answers a name ({@code search_handlers_by_notification}):
     * notifications made so far stay with the handlers they reached, later ones reach these.
     *
     * @param hosts the batch, whose notifications so far are bound first
     */
    void addRole(List<Task> handlerBlocks, List<HostState> hosts) {
        if (handlerBlocks.isEmpty()) {
            return;
        }
        hosts.forEach(this::resolve);
        for (Task entry : handlerBlocks) {
            Block b = (Block) entry;
            Role r = b.role().orElseThrow();
            Chain chain = Chain.of(play).enter(b.options(), false, b.role());
            for (Task handler : b.block()) {
                Set<String> answersTo = new LinkedHashSet<>(handler.options().listen());
                handler.options().name().ifPresent(n -> {
                    for (String name : List.of(n, r.name() + " : " + n)) {
                        entries.forEach(e -> e.answersTo().remove(name));
                        answersTo.add(name);
                    }
                });
                entries.add(new Entry(handler, chain, answersTo));
            }
        }
    }

    /** The hosts a flush serves: the active ones, and with {@code force_handlers} the failed ones too. */
    boolean serves(HostState h) {
        return force ? !h.unreachable && !h.ended : h.active();
    }

    void flush(List<HostState> hosts) {
        for (Entry entry : entries) {
            List<HostState> notified = new ArrayList<>();
            for (HostState h : hosts) {
                resolve(h);
                if (serves(h) && h.pendingHandlers.contains(entry.handler())) {
                    notified.add(h);
                }
            }
            if (!notified.isEmpty()) {
                // A forced handler runs on a failed host, which stays failed afterwards.
                FailurePolicy.despiteFailure(notified, () ->
                        walk.run(List.of(entry.handler()), entry.chain(), notified, PlayListener.Kind.HANDLER));
                for (HostState h : notified) {
                    resolve(h);
                    h.pendingHandlers.remove(entry.handler());
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
            for (Entry entry : entries) {
                if (entry.answersTo().contains(name)) {
                    h.pendingHandlers.add(entry.handler());
                }
            }
        }
    }
}
