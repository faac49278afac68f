package dev.drover.execute.play;

import dev.drover.execute.TargetHost;
import dev.drover.template.Unsafe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a run knows about one host beyond its inventory: gathered facts, {@code set_fact} and
 * registered results, {@code include_vars}, handler notifications and whether it failed. Facts and
 * variables last for the whole run (later plays see them, as in Ansible); notifications and the
 * per-play flags are reset when a play starts.
 *
 * <p>Threading: only the host's own thread writes, while a task runs on it; other hosts' threads read
 * the variable layers through {@code hostvars}. Layers are replaced copy-on-write, never mutated in
 * place, so readers always see a complete map.
 */
final class HostState {
    /** The inventory host as this play reaches it (play {@code connection}/{@code remote_user} applied). */
    private volatile TargetHost target;
    private volatile Map<String, Object> facts = Map.of();
    /** Facts a module returned without the {@code ansible_} prefix ({@code getent_shadow}): vars by that name. */
    private volatile java.util.Set<String> bareFacts = java.util.Set.of();
    private volatile Map<String, Object> hostFacts = Map.of();
    private volatile Map<String, Object> includeVars = Map.of();
    private final Set<String> notified = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Handlers notified and not yet run, by identity; read and written on the run's main thread only. */
    final Set<Object> pendingHandlers = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Failed a task in the current play, not ignored (a rescue may clear it). */
    volatile boolean failed;
    volatile boolean unreachable;
    /** {@code meta: end_host}, or stopped by {@code any_errors_fatal} / {@code end_play}. */
    volatile boolean ended;

    /**
     * Role applications ({@link dev.drover.playbook.Role#key()}) with a task that did not skip on this
     * host in this play (Ansible's {@code Role._had_task_run}), and those of them that then reached their
     * end here (its {@code _completed}, set by the implicit {@code role_complete}). Written on the run's
     * main thread, from the outcomes of a task; a resumed run recomputes them from the replayed ones.
     */
    private final Set<String> rolesWithTaskRun = new java.util.HashSet<>();
    private final Set<String> rolesRun = new java.util.HashSet<>();

    /** One of the role application's tasks ran here (ok, changed or failed, ignored or not). */
    void roleTaskRan(String roleKey) {
        rolesWithTaskRun.add(roleKey);
    }

    /** The application reached its end on this host: it has run here if one of its tasks did. */
    void roleEnded(String roleKey) {
        if (rolesWithTaskRun.contains(roleKey)) {
            rolesRun.add(roleKey);
        }
    }

    /** Ansible's {@code Role.has_run(host)}, before {@code allow_duplicates} is considered. */
    boolean roleHasRun(String roleKey) {
        return rolesRun.contains(roleKey);
    }

    /** Tasks this host reached in the run, replayed ones included: part of each step's key. Host thread only. */
    private int visits;

    HostState(TargetHost target) {
        this.target = target;
    }

    /**
     * The next visit's number. A resumed run replays the tasks the interrupted run completed, so the
     * task it was in gets the same number, hence the same step key.
     */
    int nextVisit() {
        return ++visits;
    }

    String name() {
        return target.name();
    }

    TargetHost target() {
        return target;
    }

    /** Still runs tasks in this play. */
    boolean active() {
        return !failed && !unreachable && !ended;
    }

    void startPlay(TargetHost forPlay) {
        target = forPlay;
        failed = false;
        ended = false;
        notified.clear();
        pendingHandlers.clear();
        rolesWithTaskRun.clear();
        rolesRun.clear();
    }

    /** Gathered facts, without the {@code ansible_} prefix, as {@code ansible_facts} shows them. */
    Map<String, Object> facts() {
        return facts;
    }

    synchronized void addFacts(Map<String, Object> gathered) {
        Map<String, Object> next = new LinkedHashMap<>(facts);
        java.util.Set<String> bare = new java.util.HashSet<>(bareFacts);
        gathered.forEach((k, v) -> {
            boolean prefixed = k.startsWith("ansible_");
            String key = prefixed ? k.substring("ansible_".length()) : k;
            next.put(key, v);
            if (prefixed) {
                bare.remove(key);
            } else {
                bare.add(key);
            }
        });
        facts = Collections.unmodifiableMap(next);
        bareFacts = java.util.Set.copyOf(bare);
    }

    /** Names of facts injected as variables under their own name, not {@code ansible_<name>}. */
    java.util.Set<String> bareFacts() {
        return bareFacts;
    }

    /** {@code set_fact} values and registered results (these wrapped in {@link Unsafe}). */
    Map<String, Object> hostFacts() {
        return hostFacts;
    }

    /** Stores values that came from a host or a template: they are never rendered again. */
    synchronized void setHostFacts(Map<String, Object> values) {
        Map<String, Object> next = new LinkedHashMap<>(hostFacts);
        values.forEach((k, v) -> next.put(k, v instanceof Unsafe ? v : Unsafe.of(v)));
        hostFacts = Collections.unmodifiableMap(next);
    }

    /**
     * Stores {@code set_fact} values as the action gives them: those rendered from unsafe values are
     * wrapped in {@link Unsafe}; the others are rendered again when read, as Ansible's facts are.
     */
    synchronized void setFacts(Map<String, Object> values) {
        Map<String, Object> next = new LinkedHashMap<>(hostFacts);
        next.putAll(values);
        hostFacts = Collections.unmodifiableMap(next);
    }

    Map<String, Object> includeVars() {
        return includeVars;
    }

    synchronized void addIncludeVars(Map<String, Object> values) {
        Map<String, Object> next = new LinkedHashMap<>(includeVars);
        next.putAll(values);
        includeVars = Collections.unmodifiableMap(next);
    }

    void notify(String handlerOrTopic) {
        notified.add(handlerOrTopic);
    }

    /** The notifications so far, removed: a handler notified again later runs again at the next flush. */
    Set<String> drainNotifications() {
        synchronized (notified) {
            Set<String> out = new LinkedHashSet<>(notified);
            notified.clear();
            return out;
        }
    }

    /** Keeps failure details for a rescue's {@code ansible_failed_task} / {@code ansible_failed_result}. */
    volatile java.util.Map<String, Object> lastFailedTask;
    volatile java.util.Map<String, Object> lastFailedResult;

    boolean hasNotifications() {
        return !notified.isEmpty();
    }
}
