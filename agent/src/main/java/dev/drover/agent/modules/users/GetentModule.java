package dev.drover.agent.modules.users;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.module.ProcessRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code getent}: runs {@code getent DATABASE [KEY] [-s SERVICE]} and returns its entries as the fact
 * {@code getent_<database>}, a mapping of each entry's first field to its other fields, as Ansible's
 * getent module (passwd, shadow, group and gshadow split at ':', other databases at whitespace unless
 * {@code split} is given; a key found twice maps to a list of field lists). Reads only, so check mode
 * runs it too.
 */
public final class GetentModule implements Module {
    private static final List<String> COLON = Arrays.asList("passwd", "shadow", "group", "gshadow");

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("database", "key", "service", "split", "fail_key");
        String database = args.requireString("database");
        String key = args.string("key");
        String service = args.string("service");
        String split = args.string("split");
        boolean failKey = args.bool("fail_key", true);
        List<String> argv = new ArrayList<>(Arrays.asList("getent", database));
        if (key != null) {
            argv.add(key);
        }
        if (service != null) {
            argv.add("-s");
            argv.add(service);
        }
        if (split == null && COLON.contains(database)) {
            split = ":";
        }
        ProcessRunner.Completed done = ctx.processes().run(argv, null, Collections.<String, String>emptyMap(), null, 0);
        Map<String, Object> entries = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("getent_" + database, entries);
        if (done.rc == 0) {
            Map<String, Integer> seen = new HashMap<>();
            for (String line : done.stdout.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                List<String> record = split(line, split);
                String first = record.get(0);
                List<String> rest = new ArrayList<>(record.subList(1, record.size()));
                Integer count = seen.get(first);
                if (count == null) {
                    entries.put(first, rest);
                    seen.put(first, 1);
                } else {
                    if (count == 1) {
                        List<Object> all = new ArrayList<>();
                        all.add(entries.get(first));
                        entries.put(first, all);
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> all = (List<Object>) entries.get(first);
                    all.add(rest);
                    seen.put(first, count + 1);
                }
            }
            return ModuleResult.ok().with("ansible_facts", facts);
        }
        String msg = "Unexpected failure!";
        if (done.rc == 1) {
            msg = "Missing arguments, or database unknown.";
        } else if (done.rc == 2) {
            msg = "One or more supplied key could not be found in the database.";
            if (!failKey) {
                entries.put(key, null);
                return ModuleResult.ok().with("ansible_facts", facts).msg(msg);
            }
        } else if (done.rc == 3) {
            msg = "Enumeration not supported on this database.";
        }
        throw new ModuleException(msg);
    }

    /** Python's str.split: at every {@code sep}, or at runs of whitespace (none kept) when it is null. */
    static List<String> split(String line, String sep) {
        if (sep == null) {
            List<String> out = new ArrayList<>();
            for (String word : line.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    out.add(word);
                }
            }
            if (out.isEmpty()) {
                out.add("");
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int at = line.indexOf(sep); at >= 0 && !sep.isEmpty(); at = line.indexOf(sep, from)) {
            out.add(line.substring(from, at));
            from = at + sep.length();
        }
        out.add(line.substring(from));
        return out;
    }
}
