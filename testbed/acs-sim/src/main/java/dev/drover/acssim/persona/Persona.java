package dev.drover.acssim.persona;

import dev.drover.acssim.SimException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The versions of docs/testbed-acs-sim.md, "Versions (personas)". */
public enum Persona {
    V5_1_0("5.1.0", 9019, "r118286-b51", 8, "7.0.59"),
    V5_2_7("5.2.7", 10205, "r94d70ba6-b12", 8, "7.0.59"),
    V6_2_2("6.2.2", 13001, "rd0f4dcd9-b44", 11, "8.5.43"),
    V7_4_1("7.4.1", 17001, "r2c8d7b4e-b17", 11, "9.0.83");

    /** All patches of all versions, ascending by target schema. */
    private static final List<Patch> CATALOG = Collections.unmodifiableList(Arrays.asList(
            new Patch("patch.db-V5.0-ContentUrlEncryptionTables", "Adds the tables for encrypted content URLs.", 8009),
            new Patch("patch.db-V5.0-remove-alf_server", "Removes the alf_server table.", 8022),
            new Patch("patch.db-V5.1-metadata-query-indexes", "Adds indexes for metadata queries.", 9002),
            new Patch("patch.migrateTenantsFromAttrsToTable", "Migrates tenants from attributes to the alf_tenant table.", 9019),
            new Patch("patch.db-V5.2-remove-jbpm-tables-from-db", "Removes the jBPM tables.", 10001),
            new Patch("patch.db-V5.2-add-exp-idx-alf-node", "Adds the expanded index on alf_node.", 10005),
            new Patch("patch.sitesSpaceAspects", "Adds aspects to the sites space.", 10100),
            new Patch("patch.db-V5.2-upgrade-to-activiti-5.22", "Upgrades the Activiti tables to 5.22.", 10205),
            new Patch("patch.db-V6.0-change-set-indexes", "Rebuilds the change set indexes.", 11000),
            new Patch("patch.db-V6.1-ContentUrlKeys", "Adds content URL key columns.", 12000),
            new Patch("patch.db-V6.2-alf_auth_status", "Adds the alf_auth_status table.", 13001),
            new Patch("patch.db-V7.0-drop-activiti-feed-format", "Drops the Activiti feed format column.", 14001),
            new Patch("patch.db-V7.1-remove-jbpm-columns", "Removes the remaining jBPM columns.", 15001),
            new Patch("patch.db-V7.3-add-timestamp-indexes", "Adds the timestamp indexes.", 16001),
            new Patch("patch.db-V7.4-ShortenedIndexNames", "Shortens index names.", 17001)));

    private final String version;
    private final int schema;
    private final String build;
    private final int minJava;
    private final String tomcat;

    Persona(String version, int schema, String build, int minJava, String tomcat) {
        this.version = version;
        this.schema = schema;
        this.build = build;
        this.minJava = minJava;
        this.tomcat = tomcat;
    }

    /** The persona of {@code version}, or an error listing the known versions. */
    public static Persona of(String version) {
        for (Persona p : values()) {
            if (p.version.equals(version)) {
                return p;
            }
        }
        throw new SimException("unknown ACS version '" + version + "'; the simulator knows " + versions());
    }

    /** "5.1.0, 5.2.7, 6.2.2, 7.4.1". */
    public static String versions() {
        StringBuilder sb = new StringBuilder();
        for (Persona p : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.version);
        }
        return sb.toString();
    }

    public String version() {
        return version;
    }

    /** The WAR's {@code version.schema}. */
    public int schema() {
        return schema;
    }

    /** {@code version.build}, e.g. {@code r94d70ba6-b12}. */
    public String build() {
        return build;
    }

    public int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    public int minor() {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    public int patchLevel() {
        return Integer.parseInt(version.split("\\.")[2]);
    }

    /** The lowest Java feature version it runs on (8 for 5.x, 11 for 6.x and later). */
    public int minJava() {
        return minJava;
    }

    /** The bundled Tomcat's version. */
    public String tomcat() {
        return tomcat;
    }

    /** 6.0 added the readiness and liveness probes. */
    public boolean hasProbes() {
        return major() >= 6;
    }

    /** 5.2 renamed the product from "Alfresco" to "Alfresco Content Services" (also in the success line). */
    public String productName() {
        return major() > 5 || minor() >= 2 ? "Alfresco Content Services" : "Alfresco";
    }

    /** 5.2 and later refuse the old multi-tenancy context files. */
    public boolean refusesMtContextFiles() {
        return major() > 5 || minor() >= 2;
    }

    /** Tomcat 9 reports {@code Server startup in [N] milliseconds}; 7 and 8.5 {@code Server startup in N ms}. */
    public String serverStartupLine(long millis) {
        return tomcat.startsWith("9.") ? "Server startup in [" + millis + "] milliseconds"
                : "Server startup in " + millis + " ms";
    }

    /** Patches a fresh install of this version records: all up to its schema. */
    public List<Patch> installPatches() {
        return patchesBetween(0, schema);
    }

    /** Patches an upgrade from {@code fromSchema} applies: those above it, up to this version's schema. */
    public List<Patch> upgradePatches(int fromSchema) {
        return patchesBetween(fromSchema, schema);
    }

    private static List<Patch> patchesBetween(int above, int upTo) {
        List<Patch> out = new ArrayList<>();
        for (Patch p : CATALOG) {
            if (p.targetSchema() > above && p.targetSchema() <= upTo) {
                out.add(p);
            }
        }
        return out;
    }
}
