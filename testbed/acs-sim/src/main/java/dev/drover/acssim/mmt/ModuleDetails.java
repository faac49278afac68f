package dev.drover.acssim.mmt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Properties;

/**
 * A module's {@code module.properties}: {@code module.id}, {@code module.version} (required),
 * {@code module.title}, {@code module.description}, {@code module.repo.version.min|max}, and in a
 * WAR {@code module.installDate} (ISO 8601) and {@code module.installState}. Other keys are kept as
 * they are. Immutable.
 */
public final class ModuleDetails {
    static final String ID = "module.id";
    static final String VERSION = "module.version";
    static final String TITLE = "module.title";
    static final String DESCRIPTION = "module.description";
    static final String REPO_MIN = "module.repo.version.min";
    static final String REPO_MAX = "module.repo.version.max";
    static final String INSTALL_DATE = "module.installDate";
    static final String INSTALL_STATE = "module.installState";

    private final Properties properties;
    private final ModuleVersion version;

    private ModuleDetails(Properties properties, ModuleVersion version) {
        this.properties = properties;
        this.version = version;
    }

    /** Parses module.properties bytes; {@code source} names the file in error messages. */
    public static ModuleDetails parse(byte[] bytes, String source) {
        Properties properties = new Properties();
        try {
            properties.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1));
        } catch (IOException | IllegalArgumentException e) {
            throw new MmtException("Unable to read module properties file '" + source + "': " + e.getMessage(), e);
        }
        String id = properties.getProperty(ID, "").trim();
        if (id.isEmpty()) {
            throw new MmtException("Module properties file '" + source + "' has no " + ID
                    + ": every module.properties needs module.id and module.version");
        }
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new MmtException("Module properties file '" + source + "': module.id '" + id
                    + "' may only contain letters, digits, '.', '_' and '-'");
        }
        String version = properties.getProperty(VERSION, "").trim();
        if (version.isEmpty()) {
            throw new MmtException("Module properties file '" + source + "' has no " + VERSION
                    + ": every module.properties needs module.id and module.version");
        }
        return new ModuleDetails(properties, ModuleVersion.parse(version));
    }

    /** A module with the given fields and no install data, for building AMPs. */
    public static ModuleDetails of(String id, String version, String title, String description) {
        Properties properties = new Properties();
        properties.setProperty(ID, id);
        properties.setProperty(VERSION, version);
        properties.setProperty(TITLE, title);
        properties.setProperty(DESCRIPTION, description);
        return parse(toBytes(properties), "module " + id);
    }

    public String id() {
        return properties.getProperty(ID).trim();
    }

    public ModuleVersion version() {
        return version;
    }

    public String title() {
        return properties.getProperty(TITLE, id());
    }

    public String description() {
        return properties.getProperty(DESCRIPTION, "");
    }

    /** {@code module.repo.version.min}, or null when the module does not restrict it. */
    public ModuleVersion repoVersionMin() {
        String min = properties.getProperty(REPO_MIN, "").trim();
        return min.isEmpty() ? null : ModuleVersion.parse(min);
    }

    /** {@code module.repo.version.max}, or null when the module does not restrict it. */
    public ModuleVersion repoVersionMax() {
        String max = properties.getProperty(REPO_MAX, "").trim();
        return max.isEmpty() ? null : ModuleVersion.parse(max);
    }

    /** The install date as MMT's list prints it ({@link Date#toString()}), or "null" like MMT when absent. */
    public String installDateForDisplay() {
        String raw = properties.getProperty(INSTALL_DATE, "").trim();
        if (raw.isEmpty()) {
            return "null";
        }
        try {
            return isoFormat().parse(raw).toString();
        } catch (ParseException e) {
            return raw;
        }
    }

    public String installState() {
        return properties.getProperty(INSTALL_STATE, "");
    }

    /** These details as installed into a WAR at {@code date}: state INSTALLED and the date in ISO 8601. */
    public ModuleDetails installed(Date date) {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty(INSTALL_DATE, isoFormat().format(date));
        copy.setProperty(INSTALL_STATE, "INSTALLED");
        return new ModuleDetails(copy, version);
    }

    /** The properties file, as {@link Properties#store} writes it (ISO-8859-1 with escapes). */
    public byte[] toBytes() {
        return toBytes(properties);
    }

    private static byte[] toBytes(Properties properties) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.ISO_8859_1)) {
            properties.store(writer, null);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static SimpleDateFormat isoFormat() {
        return new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }
}
