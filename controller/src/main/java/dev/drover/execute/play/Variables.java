package dev.drover.execute.play;

import dev.drover.template.OwnScopeVars;
import dev.drover.template.Templater;
import dev.drover.template.Unsafe;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.drover.playbook.Role;
import java.util.Set;

/**
 * The variables one task sees on one host, layered with Ansible's precedence (lowest first) for what
 * drover supports: role defaults (every play-wide role's, then the task's own role with its
 * dependency chain) &lt; inventory (group &lt; host, merged by the inventory) &lt; gathered facts
 * &lt; play {@code vars} &lt; {@code vars_files} &lt; role vars (every play-wide role's, then the
 * task's role's) &lt; block vars (outer to inner, include vars) &lt; task vars &lt;
 * {@code include_vars} &lt; {@code set_fact} / {@code register} &lt; role params &lt; extra vars
 * ({@code -e}) &lt; magic variables. Loop variables go on top of that, per item. This is the order
 * of Ansible 2.14's {@code VariableManager.get_vars}.
 *
 * <p>Each call builds a new map; nothing is shared with the model or the host state. Values from
 * hosts stay wrapped in {@link Unsafe}, so templates never render them.
 */
final class Variables {
    private Variables() {
    }

    /** The play-wide inputs: the same for every host and task of a batch. */
    record PlayScope(Map<String, Object> playVars, Map<String, Object> varsFiles, Map<String, Object> extraVars,
            List<String> playHosts, List<String> batch, Map<String, HostState> hosts, Path playbookDir,
            boolean check, boolean diff, TagFilter tags, int verbosity, PlayRoles roles,
            java.util.function.Supplier<Templater> templater) {
        /** Without a run's templater: one is built when a template first reads hostvars. */
        PlayScope(Map<String, Object> playVars, Map<String, Object> varsFiles, Map<String, Object> extraVars,
                List<String> playHosts, List<String> batch, Map<String, HostState> hosts, Path playbookDir,
                boolean check, boolean diff, TagFilter tags, int verbosity, PlayRoles roles) {
            this(playVars, varsFiles, extraVars, playHosts, batch, hosts, playbookDir, check, diff, tags, verbosity, roles,
                    Templater::jinja);
        }
    }

    /** Variables for a task on {@code host}, given where it sits (blocks, includes, role) and its own vars. */
    static Map<String, Object> forTask(PlayScope play, HostState host, Chain chain,
            Map<String, Object> taskVars, boolean checkMode) {
        return forTask(play, host, chain.vars(), chain.role(), taskVars, checkMode);
    }

    /** Variables for a task outside any role, given the vars of enclosing blocks and of the task itself. */
    static Map<String, Object> forTask(PlayScope play, HostState host, List<Map<String, Object>> blockVars,
            Map<String, Object> taskVars, boolean checkMode) {
        return forTask(play, host, blockVars, Optional.empty(), taskVars, checkMode);
    }

    private static Map<String, Object> forTask(PlayScope play, HostState host, List<Map<String, Object>> blockVars,
            Optional<Role> role, Map<String, Object> taskVars, boolean checkMode) {
        Map<String, Object> v = new HashMap<>(play.roles().defaults());
        role.ifPresent(r -> v.putAll(r.defaults()));
        v.putAll(base(play, host));
        v.putAll(play.roles().vars());
        role.ifPresent(r -> v.putAll(r.vars()));
        blockVars.forEach(v::putAll);
        v.putAll(taskVars);
        v.putAll(host.includeVars());
        v.putAll(host.hostFacts());
        role.ifPresent(r -> v.putAll(r.params()));
        v.putAll(play.extraVars());
        magic(v, play, host, checkMode);
        v.put("role_names", play.roles().names());
        v.put("ansible_role_names", play.roles().names());
        role.ifPresent(r -> {
            v.put("role_name", r.name());
            v.put("ansible_role_name", r.name());
            v.put("role_path", r.path().toAbsolutePath().normalize().toString());
        });
        // Where Ansible looks for a task's relative files: the role's directory first, then the playbook's.
        List<Object> searchPath = new java.util.ArrayList<>();
        role.ifPresent(r -> searchPath.add(r.path().toAbsolutePath().normalize().toString()));
        searchPath.add(v.get("playbook_dir"));
        v.put("ansible_search_path", searchPath);
        return v;
    }

    /**
     * A host's variables as {@code hostvars} holds them, as Ansible's (its {@code get_vars} without the
     * play): inventory, facts, include_vars, set_fact and registered values, extra vars; no play,
     * vars_files, role, block or task vars.
     */
    static Map<String, Object> forHostvars(PlayScope play, HostState host) {
        Map<String, Object> v = new LinkedHashMap<>(host.target().vars());
        Map<String, Object> facts = host.facts();
        facts.forEach((k, f) -> v.put("ansible_" + k, Unsafe.of(f)));
        v.put("ansible_facts", Unsafe.of(facts));
        v.putAll(host.includeVars());
        v.putAll(host.hostFacts());
        v.putAll(play.extraVars());
        v.put("inventory_hostname", host.name());
        return v;
    }

    private static Map<String, Object> base(PlayScope play, HostState host) {
        Map<String, Object> v = new LinkedHashMap<>(host.target().vars());
        Map<String, Object> facts = host.facts();
        if (!facts.isEmpty()) {
            // Ansible injects each fact under the name its module gave it: setup's ansible_distribution,
            // getent's getent_shadow.
            java.util.Set<String> bare = host.bareFacts();
            facts.forEach((k, f) -> v.put(bare.contains(k) ? k : "ansible_" + k, Unsafe.of(f)));
        }
        v.put("ansible_facts", Unsafe.of(facts));
        v.putAll(play.playVars());
        v.putAll(play.varsFiles());
        return v;
    }

    private static void magic(Map<String, Object> v, PlayScope play, HostState host, boolean checkMode) {
        v.put("inventory_hostname", host.name());
        // Ansible's connection sets ansible_host to the inventory name when the inventory does not.
        v.putIfAbsent("ansible_host", host.name());
        v.put("hostvars", new Hostvars(play));
        // As Ansible: the batch's hosts that have not failed or become unreachable so far.
        List<String> live = play.batch().stream().filter(n -> {
            HostState h = play.hosts().get(n);
            return h == null || !(h.failed || h.unreachable);
        }).toList();
        v.put("play_hosts", live);
        v.put("ansible_play_batch", live);
        v.put("ansible_play_hosts", live);
        v.put("ansible_play_hosts_all", play.playHosts());
        v.put("ansible_check_mode", checkMode);
        v.put("ansible_diff_mode", play.diff());
        v.put("ansible_verbosity", play.verbosity());
        v.put("playbook_dir", play.playbookDir().toAbsolutePath().normalize().toString());
        v.put("ansible_run_tags", List.copyOf(play.tags().only()));
        v.put("ansible_skip_tags", List.copyOf(play.tags().skip()));
    }

    /**
     * {@code hostvars}: every host of the play by name, each computed when a template first reads it,
     * so a task that never looks pays nothing. A host's value is rendered with that host's variables
     * when read, as Ansible's {@code HostVarsVars}: a template using a variable the host does not have
     * is given back as it is, and a result made from unsafe values is unsafe (so not rendered again
     * by whatever stores it).
     */
    static final class Hostvars extends AbstractMap<String, Object> implements OwnScopeVars {
        private final PlayScope play;
        private final Map<String, Object> computed = new HashMap<>();

        Hostvars(PlayScope play) {
            this.play = play;
        }

        @Override
        public synchronized Object get(Object key) {
            HostState h = play.hosts().get(key);
            if (h == null) {
                return null;
            }
            return computed.computeIfAbsent((String) key, k -> new HostScope(forHostvars(play, h), play.templater()));
        }

        @Override
        public boolean containsKey(Object key) {
            return play.hosts().containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> entries = new LinkedHashSet<>();
            for (String name : play.hosts().keySet()) {
                entries.add(new SimpleImmutableEntry<>(name, get(name)));
            }
            return entries;
        }
    }

    /** One host's variables in {@code hostvars}, each rendered with the host's own variables on read. */
    static final class HostScope extends AbstractMap<String, Object> {
        private final Map<String, Object> vars;
        private final java.util.function.Supplier<Templater> templater;
        private final Map<String, Object> rendered = new HashMap<>();

        HostScope(Map<String, Object> vars, java.util.function.Supplier<Templater> templater) {
            this.vars = vars;
            this.templater = templater;
        }

        @Override
        public synchronized Object get(Object key) {
            if (!vars.containsKey(key)) {
                return null;
            }
            Object raw = vars.get(key);
            if (raw instanceof Unsafe) {
                return raw;
            }
            return rendered.computeIfAbsent((String) key, k -> templater.get().renderKeepingUnsafe(raw, vars, true));
        }

        @Override
        public boolean containsKey(Object key) {
            return vars.containsKey(key);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> entries = new LinkedHashSet<>();
            for (String name : vars.keySet()) {
                entries.add(new SimpleImmutableEntry<>(name, get(name)));
            }
            return entries;
        }
    }
}
