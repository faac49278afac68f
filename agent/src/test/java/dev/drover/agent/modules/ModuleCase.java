package dev.drover.agent.modules;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One data-driven module case, read from {@code modules/<module>/<case>.json}. The format is
 * described in {@code src/test/resources/modules/README.md}; this class only reads it, rejecting
 * unknown keys so a misspelt expectation cannot pass silently.
 *
 * @param module   the folder name, which is the module's registered name
 * @param name     the file name without {@code .json}
 * @param source   the case file
 * @param raw      the parsed file, {@code ${tmp}} not yet substituted
 * @param defaults the module's {@code _defaults.json} (empty if there is none)
 */
record ModuleCase(String module, String name, Path source, Map<String, Object> raw, Map<String, Object> defaults) {
    static final String DEFAULTS_FILE = "_defaults.json";

    private static final Set<String> KEYS = Set.of("description", "requires", "args", "check", "diff", "files",
            "expect", "idempotent", "check_predicts");
    private static final Set<String> EXPECT_KEYS = Set.of("failed", "changed", "msg_contains", "result", "files");
    private static final Set<String> DEFAULT_KEYS = Set.of("why", "idempotent", "check_predicts");

    static ModuleCase read(String module, Path file, Map<String, Object> defaults) throws IOException {
        Map<String, Object> raw = parse(file);
        unknownKeys(file, "", raw.keySet(), KEYS);
        unknownKeys(file, "expect.", map(raw.get("expect")).keySet(), EXPECT_KEYS);
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        return new ModuleCase(module, name, file, raw, defaults);
    }

    /** Reads {@code _defaults.json}; an opt-out must say why, so the reason stays next to the cases. */
    static Map<String, Object> readDefaults(Path file) throws IOException {
        Map<String, Object> defaults = parse(file);
        unknownKeys(file, "", defaults.keySet(), DEFAULT_KEYS);
        if (!(defaults.get("why") instanceof String why) || why.isBlank()) {
            throw new IllegalArgumentException(file + ": say in \"why\" why these cases opt out of "
                    + "the automatic checks");
        }
        return defaults;
    }

    /** A case's own value, else its module's default, else {@code fallback}. */
    boolean flag(String key, boolean fallback) {
        Object v = raw.containsKey(key) ? raw.get(key) : defaults.get(key);
        return v == null ? fallback : (Boolean) v;
    }

    List<String> requires() {
        List<String> out = new ArrayList<>();
        if (raw.get("requires") instanceof List<?> list) {
            for (Object o : list) {
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

    /** True when {@code expect.result} names the field, so the case is about that field. */
    boolean expectsResultField(String field) {
        return map(map(raw.get("expect")).get("result")).containsKey(field);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? new LinkedHashMap<>() : (Map<String, Object>) o;
    }

    /** A deep copy with {@code ${tmp}} replaced in every string and key. */
    static Object substitute(Object value, Path tmp) {
        if (value instanceof String s) {
            return s.replace("${tmp}", tmp.toString());
        }
        if (value instanceof Map<?, ?> m && m.get("$matches") instanceof String regex) {
            // Inside a regular expression the temp dir must match literally.
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("$matches", regex.replace("${tmp}", Pattern.quote(tmp.toString())));
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put((String) substitute(String.valueOf(e.getKey()), tmp), substitute(e.getValue(), tmp));
            }
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(substitute(o, tmp));
            }
            return out;
        }
        return value;
    }

    private static Map<String, Object> parse(Path file) throws IOException {
        Map<String, Object> map = JSON.std.mapFrom(Files.readString(file));
        if (map == null) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        return map;
    }

    private static void unknownKeys(Path file, String prefix, Set<String> keys, Set<String> known) {
        for (String key : keys) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + prefix + key + "'; known: "
                        + known.stream().sorted().toList());
            }
        }
    }
}
