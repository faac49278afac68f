package dev.drover.acssim.node;

import dev.drover.acssim.persona.Patch;
import dev.drover.acssim.persona.Persona;
import dev.drover.acssim.schema.Schema;
import dev.drover.acssim.war.AlfrescoWar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.NumberFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Step 3 of a start, as ACS's SchemaBootstrap and PatchExecuter do it: when a schema script must run, take
 * the {@code alf_bootstrap_lock} marker (waiting, then failing, while another node or a crashed upgrade
 * holds it), then create or upgrade the schema, and drop the marker. A current schema is left alone, marker
 * or not. A downgrade is refused before the marker is touched.
 */
final class SchemaBootstrap {
    static final String LOGGER = "org.alfresco.repo.domain.schema.SchemaBootstrap";
    static final String PATCHES = "org.alfresco.repo.admin.patch.PatchExecuter";
    static final String PREVIOUS_FAILED = "A previous schema upgrade failed or was not completed."
            + " Revert to the original database before attempting the upgrade again.";

    private final NodeLog log;
    private final NodeSettings settings;
    private final Runnable halt;
    private final String server;

    SchemaBootstrap(NodeLog log, NodeSettings settings, Runnable halt) {
        this.log = log;
        this.settings = settings;
        this.halt = halt;
        this.server = settings.host;
    }

    /**
     * The schema step. The marker is taken only when a schema script is about to run (a fresh install, an
     * upgrade, or a schema fault that strikes); a start that finds the schema current never touches it.
     *
     * @return true when this start created the repository (its system content is still to be written)
     */
    boolean run(Connection c, AlfrescoWar war, Persona persona) throws StartupFailure, SQLException, InterruptedException {
        int target = war.schema();
        if (!Schema.isEmpty(c)) {
            int current = Schema.schemaNumber(c);
            if (current > target) {
                throw new StartupFailure(LOGGER, "Schema auto-update failed: the database is at schema " + current
                        + " but " + war.display() + " has schema " + target
                        + "; downgrading is not supported. Start the version that matches the database,"
                        + " or restore a backup taken before the upgrade.");
            }
        }
        Fault fault = settings.fault;
        boolean schemaFault = fault == Fault.SCHEMA_FAILURE || fault == Fault.CRASH_DURING_UPGRADE;
        if (!needsScripts(c, target) && !(schemaFault && !settings.faultOnlyOnUpgrade)) {
            log.info(LOGGER, "No changes were made to the schema.");
            log.info(PATCHES, "Checking for patches to apply ...");
            log.info(PATCHES, "No patches were required.");
            return false;
        }
        acquireMarker(c);
        // The marker is ours: read again, another node may have installed or upgraded while we waited.
        boolean empty = Schema.isEmpty(c);
        int current = empty ? 0 : Schema.schemaNumber(c);
        boolean upgrading = !empty && current < target;
        if (schemaFault && (upgrading || !settings.faultOnlyOnUpgrade)) {
            failMidway(c, persona, current, target, fault);
        }
        if (empty) {
            install(c, war, persona);
        } else if (current == target) {
            log.info(LOGGER, "No changes were made to the schema.");
            log.info(PATCHES, "Checking for patches to apply ...");
            log.info(PATCHES, "No patches were required.");
        } else {
            upgrade(c, persona, current, target);
        }
        Schema.dropMarker(c);
        return empty;
    }

    private static boolean needsScripts(Connection c, int target) throws SQLException {
        return Schema.isEmpty(c) || Schema.schemaNumber(c) < target;
    }

    private void acquireMarker(Connection c) throws SQLException, StartupFailure, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            if (Schema.createMarker(c)) {
                return;
            }
            if (attempt >= settings.lockRetries) {
                throw new StartupFailure(LOGGER, PREVIOUS_FAILED);
            }
            log.warn(LOGGER, "The schema is being updated by another node or a previous upgrade did not complete"
                    + " (table alf_bootstrap_lock exists); waiting " + settings.lockIntervalMs + " ms ("
                    + (attempt + 1) + " of " + settings.lockRetries + ").");
            Thread.sleep(settings.lockIntervalMs);
        }
    }

    private void install(Connection c, AlfrescoWar war, Persona persona) throws SQLException {
        log.info(LOGGER, "Executing database script " + script("create", "AlfrescoCreate") + ".");
        Schema.createTables(c);
        log.info(PATCHES, "Checking for patches to apply ...");
        for (Patch p : persona.installPatches()) {
            record(c, p, war.schema(), false);
        }
        String cluster = "MainRepository-" + UUID.randomUUID();
        Schema.storeClusterName(c, cluster);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alf_descriptor (original_version, original_schema) VALUES (?, ?)")) {
            ps.setString(1, war.display());
            ps.setInt(2, war.schema());
            ps.executeUpdate();
        }
        log.info(LOGGER, "Created the schema of " + war.display() + " (schema " + grouped(war.schema()) + ").");
    }

    private void upgrade(Connection c, Persona persona, int from, int target) throws SQLException, InterruptedException {
        List<Patch> patches = persona.upgradePatches(from);
        log.info(LOGGER, "Executing database script " + script("upgrade", "AlfrescoSchemaUpdate-" + from) + ".");
        log.info(PATCHES, "Checking for patches to apply ...");
        long slice = settings.upgradeDelayMs / Math.max(1, patches.size());
        for (Patch p : patches) {
            apply(c, p, target, slice);
        }
        log.info(PATCHES, "Applied " + patches.size() + " patch(es); schema upgraded from " + grouped(from) + " to "
                + grouped(target) + ".");
    }

    private void apply(Connection c, Patch p, int target, long millis) throws SQLException, InterruptedException {
        log.info(PATCHES, "Applying patch '" + p.id() + "' (" + p.description() + ").");
        Thread.sleep(millis / 2);
        log.info("org.alfresco.repo.batch.BatchProcessor", "Patch " + p.id() + " 50% complete, estimated complete at "
                + new Date(System.currentTimeMillis() + millis / 2) + ".");
        Thread.sleep(millis - millis / 2);
        record(c, p, target, true);
        log.info(PATCHES, "=== Applied patch === ID: " + p.id() + " RESULT: " + p.description() + " Done.");
    }

    /** schema-failure: half the patches, then a failed statement, marker left. crash: half, then halt. */
    private void failMidway(Connection c, Persona persona, int from, int target, Fault fault)
            throws SQLException, InterruptedException, StartupFailure {
        List<Patch> patches = from == 0 ? persona.installPatches() : persona.upgradePatches(from);
        log.info(LOGGER, "Executing database script " + script("upgrade", "AlfrescoSchemaUpdate-" + from) + ".");
        if (from == 0) {
            Schema.createTables(c);
        }
        long slice = settings.upgradeDelayMs / Math.max(1, patches.size());
        // Recorded at the schema they found: the scripts did not complete, so the schema stays below the
        // target and every later start must run them again, and finds the marker.
        for (Patch p : patches.subList(0, patches.size() / 2)) {
            apply(c, p, from, slice);
        }
        if (fault == Fault.CRASH_DURING_UPGRADE) {
            String next = patches.isEmpty() ? "patch.sim-crash" : patches.get(patches.size() / 2).id();
            log.info(PATCHES, "Applying patch '" + next + "' (the JVM is about to crash: fault crash-during-upgrade).");
            halt.run();
        }
        log.error(LOGGER, "Statement execution failed:\n   SQL: ALTER TABLE alf_node ADD COLUMN sim_fault_column"
                + " INT8 NOT NULL\n   Error: column \"sim_fault_column\" contains null values (fault schema-failure)\n"
                + "   File: " + script("upgrade", "AlfrescoSchemaUpdate-" + from) + "\n   Line: 42");
        throw new StartupFailure(LOGGER, "Schema auto-update failed");
    }

    private void record(Connection c, Patch p, int appliedTo, boolean executed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alf_applied_patch (id, description,"
                + " fixes_from_schema, fixes_to_schema, applied_to_schema, target_schema, applied_on_date,"
                + " applied_to_server, was_executed, succeeded, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.id());
            ps.setString(2, p.description());
            ps.setInt(3, 0);
            ps.setInt(4, p.targetSchema() - 1);
            ps.setInt(5, appliedTo);
            ps.setInt(6, p.targetSchema());
            ps.setTimestamp(7, new Timestamp(System.currentTimeMillis()));
            ps.setString(8, server);
            ps.setBoolean(9, executed);
            ps.setBoolean(10, true);
            ps.setString(11, executed ? p.description() + " Done." : "Not executed: installed at a later schema.");
            ps.executeUpdate();
        }
    }

    private static String script(String kind, String name) {
        return "classpath:alfresco/dbscripts/" + kind + "/org.hibernate.dialect.PostgreSQLDialect/" + name + ".sql";
    }

    /** Schema numbers as ACS prints them: {@code 10,205}. */
    static String grouped(int n) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n);
    }
}
