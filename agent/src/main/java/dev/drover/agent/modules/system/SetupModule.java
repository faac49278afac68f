package dev.drover.agent.modules.system;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.protocol.text.Fnmatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * {@code setup} (gather_facts): a compact set of Ansible's facts under {@code ansible_facts}, read
 * from /proc, /etc and the JVM without starting a process, plus drover's {@code ansible_java} and
 * {@code drover_java_version_major} about the JVM that runs the agent (which is the JVM an ACS
 * node runs when the agent uses the node's Java).
 *
 * <p>{@code gather_subset} follows Ansible: {@code all} (default), {@code min}, {@code hardware},
 * {@code network}, and {@code !name} to leave one out; {@code min} is always gathered.
 * {@code filter} keeps facts whose names match one of the shell-style globs. Changes nothing, so
 * check mode is the same run.
 */
public final class SetupModule implements Module {
    static final List<String> SUBSETS = Arrays.asList("all", "min", "hardware", "network");

    /** Ansible's parts of {@code min}, which is always gathered: naming one asks for no more than min. */
    static final List<String> MIN_PARTS = Arrays.asList("apparmor", "caps", "cmdline", "date_time", "distribution",
            "dns", "env", "fips", "local", "lsb", "pkg_mgr", "platform", "python", "selinux", "service_mgr",
            "ssh_pub_keys", "user");

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("gather_subset", "filter", "gather_timeout", "fact_path");
        List<String> requested = args.has("gather_subset") ? splitCommas(args.strings("gather_subset")) : Arrays.asList("all");
        Set<String> subsets = subsets(requested);
        List<Pattern> filters = new ArrayList<>();
        for (String glob : splitCommas(args.strings("filter"))) {
            filters.add(Fnmatch.translate(glob));
        }

        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        PlatformFacts.platform(facts);
        PlatformFacts.distribution(facts, FactFiles.shellVariables(osReleasePath()), FactFiles.firstLine("/etc/debian_version", null));
        PlatformFacts.managers(facts);
        RuntimeFacts.user(facts);
        RuntimeFacts.env(facts);
        TimeZone zone = TimeZone.getDefault();
        long nowMillis = System.currentTimeMillis();
        facts.put("ansible_date_time", DateTimeFacts.at(nowMillis, nowMillis % 1000 * 1000, zone, DateTimeFacts.abbreviations(zone)));
        RuntimeFacts.java(facts);
        PythonFacts.collect(facts, context.processes());
        if (subsets.contains("hardware")) {
            HardwareFacts.processors(facts);
            HardwareFacts.memory(facts);
            HardwareFacts.mounts(facts, warnings);
        }
        if (subsets.contains("network")) {
            NetworkFacts.collect(facts);
        }
        if (!filters.isEmpty()) {
            for (Iterator<String> names = facts.keySet().iterator(); names.hasNext(); ) {
                if (!matchesAny(filters, names.next())) {
                    names.remove();
                }
            }
        }
        facts.put("gather_subset", requested);
        facts.put("module_setup", true);
        ModuleResult result = ModuleResult.ok().with("ansible_facts", facts);
        return warnings.isEmpty() ? result : result.with("warnings", warnings);
    }

    /**
     * Ansible's rules: positives add, "!x" removes, a subset named explicitly wins over a removal
     * ({@code !all, hardware} is min and hardware), only negatives start from all; min always.
     */
    static Set<String> subsets(List<String> requested) throws ModuleException {
        Set<String> added = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        Set<String> explicit = new LinkedHashSet<>();
        for (String s : requested) {
            boolean not = s.startsWith("!");
            String name = not ? s.substring(1) : s;
            if (MIN_PARTS.contains(name)) {
                name = "min";
            }
            if (!SUBSETS.contains(name)) {
                throw new ModuleException("Bad subset '" + name + "' given to gather_subset; options allowed: "
                        + String.join(", ", SUBSETS));
            }
            Set<String> target = not ? removed : added;
            if (name.equals("all")) {
                target.addAll(Arrays.asList("hardware", "network"));
            } else if (!name.equals("min")) {
                target.add(name);
                if (!not) {
                    explicit.add(name);
                }
            }
        }
        boolean anyPositive = false;
        for (String s : requested) {
            anyPositive |= !s.startsWith("!");
        }
        if (!anyPositive) {
            added.addAll(Arrays.asList("hardware", "network"));
        }
        removed.removeAll(explicit);
        added.removeAll(removed);
        added.add("min");
        return added;
    }

    private static List<String> splitCommas(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.trim().isEmpty()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }


    private static boolean matchesAny(List<Pattern> filters, String name) {
        for (Pattern p : filters) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String osReleasePath() {
        return new java.io.File("/etc/os-release").exists() ? "/etc/os-release" : "/usr/lib/os-release";
    }
}
