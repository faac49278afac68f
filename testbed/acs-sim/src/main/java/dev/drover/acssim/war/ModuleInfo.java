package dev.drover.acssim.war;

import java.util.Properties;

/** One module's {@code module.properties}: id, version, title, description, install date. Immutable. */
public final class ModuleInfo {
    private final String id;
    private final String version;
    private final String title;
    private final String description;
    private final String installDate;

    public ModuleInfo(String id, String version, String title, String description, String installDate) {
        this.id = id;
        this.version = version;
        this.title = title;
        this.description = description;
        this.installDate = installDate;
    }

    static ModuleInfo from(Properties p) {
        return new ModuleInfo(p.getProperty("module.id", ""), p.getProperty("module.version", ""),
                p.getProperty("module.title", ""), p.getProperty("module.description", ""),
                p.getProperty("module.installDate", ""));
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String installDate() {
        return installDate;
    }

    /** The text of a {@code module.properties} holding these values. */
    public String toProperties() {
        return "module.id=" + id + "\nmodule.version=" + version + "\nmodule.title=" + title
                + "\nmodule.description=" + description + "\nmodule.installDate=" + installDate + "\n";
    }

    /**
     * Compares dotted versions numerically, part by part ({@code 5.10 > 5.9}); a non-numeric part compares
     * as text. This is how ModuleVersionNumber orders module versions.
     */
    public static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c;
            try {
                c = Long.compare(Long.parseLong(p), Long.parseLong(q));
            } catch (NumberFormatException e) {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
