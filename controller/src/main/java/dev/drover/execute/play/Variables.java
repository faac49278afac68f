package dev.drover.execute.play;

import dev.drover.template.Unsafe;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables one task sees on one host, layered with Ansible's precedence (lowest first) for what
 * drover supports: inventory (group &lt; host, merged by the inventory) &lt; gathered facts &lt;
 * play {@code vars} &lt; {@code vars_files} &lt; block vars (outer to inner, include vars) &lt; task
 * vars &lt; {@code include_vars} &lt; {@code set_fact} / {@code register} &lt; extra vars
 * ({@code -e}) &lt; magic variables. Loop variables go on top of that, per item.
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
            boolean check, boolean diff, TagFilter tags, int verbosity) {
    }

    /** Variables for a task on {@code host}, given the vars of enclosing blocks and of the task itself. */
    static Map<String, Object> forTask(PlayScope play, HostState host, List<Map<String, Object>> blockVars,
            Map<String, Object> taskVars, boolean checkMode) {
        Map<String, Object> v = new HashMap<>(base(play, host));
        blockVars.forEach(v::putAll);
        v.putAll(taskVars);
        v.putAll(host.includeVars());
        v.putAll(host.hostFacts());
        v.putAll(play.extraVars());
        magic(v, play, host, checkMode);
        return v;
    }

    /** A host's variables as another host sees them in {@code hostvars}: no block or task vars. */
    static Map<String, Object> forHostvars(PlayScope play, HostState host) {
        Map<String, Object> v = new LinkedHashMap<>(base(play, host));
        v.putAll(host.includeVars());
        v.putAll(host.hostFacts());
        v.putAll(play.extraVars());
        return v;
    }

    private static Map<String, Object> base(PlayScope play, HostState host) {
        Map<String, Object> v = new LinkedHashMap<>(host.target().vars());
        Map<String, Object> facts = host.facts();
        if (!facts.isEmpty()) {
            facts.forEach((k, f) -> v.put("ansible_" + k, Unsafe.of(f)));
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
        v.put("hostvars", Unsafe.of(new Hostvars(play)));
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
     * so a task that never looks pays nothing.
     */
    static final class Hostvars extends AbstractMap<String, Object> {
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
            return computed.computeIfAbsent((String) key, k -> forHostvars(play, h));
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
}
