package dev.drover.acssim.mmt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * An AMP (module package): a zip with {@code module.properties} at its root and files that MMT copies
 * into the WAR by its default mapping: {@code config/} to {@code WEB-INF/classes/}, {@code lib/} to
 * {@code WEB-INF/lib/}, {@code licenses/} to {@code WEB-INF/licenses/}, {@code web/} to the WAR root.
 * A {@code file-mapping.properties} at the root adds or replaces mappings ({@code /src=/target}), and
 * with {@code include.default=false} replaces the defaults, as in MMT. Files outside every mapping
 * are not installed. Immutable.
 */
public final class AmpPackage {
    /** One file to install: its path in the WAR (no leading slash) and its bytes. */
    public static final class Mapped {
        public final String warPath;
        public final byte[] bytes;

        Mapped(String warPath, byte[] bytes) {
            this.warPath = warPath;
            this.bytes = bytes;
        }
    }

    static final String MODULE_PROPERTIES = "module.properties";
    static final String FILE_MAPPING = "file-mapping.properties";

    private final Path file;
    private final ModuleDetails details;
    private final List<Mapped> files;

    private AmpPackage(Path file, ModuleDetails details, List<Mapped> files) {
        this.file = file;
        this.details = details;
        this.files = files;
    }

    public static AmpPackage read(Path file) {
        WarArchive zip = WarArchive.read(file, "AMP");
        if (!zip.contains(MODULE_PROPERTIES)) {
            throw new MmtException("No module.properties file has been found in the installing .amp file '" + file + "'");
        }
        ModuleDetails details = ModuleDetails.parse(zip.bytes(MODULE_PROPERTIES), file + "/" + MODULE_PROPERTIES);
        Map<String, String> mappings = mappings(zip, file);
        List<Mapped> files = new ArrayList<Mapped>();
        for (String name : zip.names()) {
            if (name.endsWith("/")) {
                continue;
            }
            String target = map(name, mappings);
            if (target != null) {
                files.add(new Mapped(target, zip.bytes(name)));
            }
        }
        return new AmpPackage(file, details, Collections.unmodifiableList(files));
    }

    public Path file() {
        return file;
    }

    public ModuleDetails details() {
        return details;
    }

    /** The files to copy into the WAR, in the AMP's order. */
    public List<Mapped> files() {
        return files;
    }

    /** Source directory (no slashes at either end, "" = root) to target directory, longest source first. */
    private static Map<String, String> mappings(WarArchive zip, Path file) {
        Map<String, String> mappings = new LinkedHashMap<String, String>();
        Properties custom = new Properties();
        if (zip.contains(FILE_MAPPING)) {
            try {
                custom.load(new ByteArrayInputStream(zip.bytes(FILE_MAPPING)));
            } catch (IOException | IllegalArgumentException e) {
                throw new MmtException("Unable to read '" + file + "/" + FILE_MAPPING + "': " + e.getMessage(), e);
            }
        }
        if (Boolean.parseBoolean(custom.getProperty("include.default", "true").trim())) {
            mappings.put("config", "WEB-INF/classes");
            mappings.put("lib", "WEB-INF/lib");
            mappings.put("licenses", "WEB-INF/licenses");
            mappings.put("web", "");
        }
        custom.remove("include.default");
        for (String source : custom.stringPropertyNames()) {
            String target = custom.getProperty(source).trim();
            if (!source.startsWith("/") || !target.startsWith("/")) {
                throw new MmtException("File mapping sources and targets must start with '/', but '" + file + "/"
                        + FILE_MAPPING + "' maps '" + source + "' to '" + target + "'");
            }
            mappings.put(trimSlashes(source), trimSlashes(target));
        }
        List<Map.Entry<String, String>> ordered = new ArrayList<Map.Entry<String, String>>(mappings.entrySet());
        Collections.sort(ordered, (a, b) -> b.getKey().length() - a.getKey().length());
        Map<String, String> result = new LinkedHashMap<String, String>();
        for (Map.Entry<String, String> entry : ordered) {
            result.put(entry.getKey(), entry.getValue());
        }
        return result;
    }

    private static String map(String name, Map<String, String> mappings) {
        for (Map.Entry<String, String> mapping : mappings.entrySet()) {
            String source = mapping.getKey();
            String rest;
            if (source.isEmpty()) {
                rest = name;
            } else if (name.startsWith(source + "/")) {
                rest = name.substring(source.length() + 1);
            } else {
                continue;
            }
            return mapping.getValue().isEmpty() ? rest : mapping.getValue() + "/" + rest;
        }
        return null;
    }

    private static String trimSlashes(String path) {
        return path.trim().replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
