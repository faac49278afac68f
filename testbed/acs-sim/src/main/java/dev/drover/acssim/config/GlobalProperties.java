package dev.drover.acssim.config;

import dev.drover.acssim.SimException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * {@code alfresco-global.properties} after {@code ${name}} expansion, the way Spring's placeholder
 * configurer resolves it in ACS: a reference to an undefined name stays as written, a cycle is an error.
 * Immutable.
 */
public final class GlobalProperties {
    private final Path source;
    private final Map<String, String> values;

    private GlobalProperties(Path source, Map<String, String> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Reads {@code file} (ISO-8859-1, as {@link Properties} does) and expands references; {@code overrides}
     * replace raw values before expansion (used to make {@code dir.root} absolute).
     */
    public static GlobalProperties read(Path file, Map<String, String> overrides) {
        Properties raw = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            raw.load(in);
        } catch (IOException e) {
            throw new SimException("cannot read " + file + ": " + e.getMessage()
                    + " (is --home an ACS installation? it needs tomcat/shared/classes/alfresco-global.properties)");
        }
        Map<String, String> merged = new LinkedHashMap<>();
        for (String name : new TreeSet<>(raw.stringPropertyNames())) {
            merged.put(name, raw.getProperty(name).trim());
        }
        merged.putAll(overrides);
        return of(file, merged);
    }

    /** Properties from a map (tests, defaults); expands references like {@link #read}. */
    public static GlobalProperties of(Path source, Map<String, String> raw) {
        Map<String, String> expanded = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            expanded.put(name, expand(source, raw, name, raw.get(name), new TreeSet<String>()));
        }
        return new GlobalProperties(source, expanded);
    }

    private static String expand(Path source, Map<String, String> raw, String name, String value,
            TreeSet<String> resolving) {
        if (!resolving.add(name)) {
            throw new SimException(source + ": property '" + name + "' refers to itself through " + resolving
                    + "; break the cycle");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            int end = start < 0 ? -1 : value.indexOf('}', start + 2);
            if (start < 0 || end < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            String ref = value.substring(start + 2, end);
            if (raw.containsKey(ref)) {
                out.append(expand(source, raw, ref, raw.get(ref), resolving));
            } else {
                out.append(value, start, end + 1);
            }
            i = end + 1;
        }
        resolving.remove(name);
        return out.toString();
    }

    /** The file these came from. */
    public Path source() {
        return source;
    }

    /** The expanded value, or {@code fallback} when the property is not set or empty. */
    public String get(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public boolean getBoolean(String name, boolean fallback) {
        String v = get(name, null);
        return v == null ? fallback : Boolean.parseBoolean(v.trim());
    }

    public int getInt(String name, int fallback) {
        return (int) getLong(name, fallback);
    }

    public long getLong(String name, long fallback) {
        String v = get(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new SimException(source + ": property '" + name + "' must be a whole number, not '" + v + "'");
        }
    }

    /** All expanded properties, sorted by name. */
    public Map<String, String> asMap() {
        return values;
    }
}
