package dev.drover.acssim.tools;

import dev.drover.acssim.config.Installation;
import dev.drover.acssim.schema.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** ACS installations with an embedded H2 repository for the data tools' tests, and a way to run the tools. */
final class TestInstallations {
    private TestInstallations() {
    }

    /** An installation whose properties point at H2 under its own alf_data; the database is empty. */
    static Path installation(Path home) throws IOException {
        Path properties = home.resolve(Installation.GLOBAL_PROPERTIES);
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, "dir.root=./alf_data\n"
                + "db.url=jdbc:h2:file:${dir.root}/h2_data/alf_dev\ndb.username=alfresco\ndb.password=alfresco\n");
        return home;
    }

    /** An installation as its first start leaves it: the tables, the 5.2.7 patches and a cluster name. */
    static Path started(Path home) throws IOException, SQLException {
        installation(home);
        try (Connection c = connect(home); Statement s = c.createStatement()) {
            Schema.createTables(c);
            s.executeUpdate("INSERT INTO alf_applied_patch (id, description, applied_to_schema, target_schema, applied_on_date,"
                    + " was_executed, succeeded, report) VALUES ('patch.db-V5.2-Bootstrap', 'Bootstrap, it''s done; really',"
                    + " 10205, 10205, TIMESTAMP '2019-09-09 08:16:40.123', TRUE, TRUE, NULL)");
            Schema.storeClusterName(c, "MainRepository-0c4f1d5e-8f1b-4a53-9d41-5c5a2a7f0001");
            s.executeUpdate("INSERT INTO alf_descriptor (original_version, original_schema) VALUES ('5.2.7', 10205)");
        }
        return home;
    }

    static Connection connect(Path home) throws SQLException {
        return Installation.load(home).database().connect();
    }

    /** What one tool run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    static Run run(Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ToolCommands.run(strings, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a tool that must succeed and returns its stdout. */
    static String ok(Object... args) {
        Run run = run(args);
        if (run.exit() != 0) {
            throw new AssertionError("exit " + run.exit() + ": " + run.err());
        }
        return run.out();
    }
}
