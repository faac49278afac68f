package dev.drover.agent.modules;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One data-driven module case, read from {@code modules/<module>/<case>.json}:
 *
 * <pre>{@code
 * {
 *   "description": "what this case shows",                 (optional)
 *   "requires": ["root"],      (optional) "root": skipped without root (fails under -Ddrover.requireAllTiers=true);
 *                              "nonroot": shows unprivileged behaviour, skipped when running as root
 *   "args": { ... },                                        module arguments; "${tmp}" is the case's temp dir
 *   "check": false, "diff": false,                          run in check / diff mode
 *   "files": {                                              starting state, paths relative to ${tmp}
 *     "a.txt": "content",
 *     "b.bin": {"base64": "AAE=", "mode": "0600", "mtime": 1700000000},
 *     "c.zip": {"fixture": "fixtures/c.zip"},               copied from modules/<module>/
 *     "d": {"dir": true, "mode": "0750"},
 *     "e": {"link": "a.txt"}
 *   },
 *   "expect": {
 *     "failed": false, "changed": true, "msg_contains": "...",
 *     "result": { subset of the result; "$matches"/"$contains"/"$file"/"$absent" objects match loosely },
 *     "files": {"a.txt": "exact content", "gone": null,
 *               "d": {"dir": true, "mode": "0750"}, "e": {"link": "a.txt"},
 *               "f": {"contains": "x", "mode": "0644", "exists": true, "base64": "..."}}
 *   },
 *   "idempotent": true,      (default) a successful changing run, repeated, reports changed=false and touches nothing
 *   "check_predicts": true   (default) check mode on a fresh copy predicts changed/failed and touches nothing
 * }
 * }</pre>
 */
final class ModuleCase {
    private static final Set<String> KEYS = new HashSet<>(Arrays.asList("description", "requires", "args", "check",
            "diff", "files", "expect", "idempotent", "check_predicts"));
    private static final Set<String> EXPECT_KEYS = new HashSet<>(Arrays.asList("failed", "changed", "msg_contains",
            "result", "files"));

    final String module;
    final String name;
    final Path source;
    final Map<String, Object> raw;

    private ModuleCase(String module, String name, Path source, Map<String, Object> raw) {
        this.module = module;
        this.name = name;
        this.source = source;
        this.raw = raw;
    }

    static ModuleCase read(String module, Path file) throws IOException {
        Map<String, Object> raw = JSON.std.mapFrom(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        for (String key : raw.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "'; known: " + KEYS);
            }
        }
        for (String key : map(raw.get("expect")).keySet()) {
            if (!EXPECT_KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key 'expect." + key + "'; known: " + EXPECT_KEYS);
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new ModuleCase(module, name, file, raw);
    }

    boolean flag(String key, boolean fallback) {
        Object v = raw.get(key);
        return v == null ? fallback : (Boolean) v;
    }

    List<String> requires() {
        List<String> out = new ArrayList<>();
        Object v = raw.get("requires");
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    Map<String, Object> args(Path tmp) {
        return map(substitute(raw.get("args"), tmp));
    }

    Map<String, Object> files(Path tmp) {
        return map(substitute(raw.get("files"), tmp));
    }

    Map<String, Object> expect(Path tmp) {
        return map(substitute(raw.get("expect"), tmp));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? new LinkedHashMap<String, Object>() : (Map<String, Object>) o;
    }

    /** A deep copy with {@code ${tmp}} replaced in every string and key. */
    static Object substitute(Object value, Path tmp) {
        if (value instanceof String) {
            return ((String) value).replace("${tmp}", tmp.toString());
        }
        if (value instanceof Map && ((Map<?, ?>) value).get("$matches") instanceof String) {
            // Inside a regular expression the temp dir must match literally.
            String regex = (String) ((Map<?, ?>) value).get("$matches");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("$matches", regex.replace("${tmp}", java.util.regex.Pattern.quote(tmp.toString())));
            return out;
        }
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put((String) substitute(String.valueOf(e.getKey()), tmp), substitute(e.getValue(), tmp));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                out.add(substitute(o, tmp));
            }
            return out;
        }
        return value;
    }
}
