package dev.drover.acssim.node;

import dev.drover.acssim.SimException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The injectable faults (docs/testbed-acs-sim.md "Faults"). */
public enum Fault {
    NONE, SCHEMA_FAILURE, CRASH_DURING_UPGRADE, HANG, CONTENT_INTEGRITY, WRONG_CLUSTER_NAME, LISTENER_FAILURE;

    /** The name used in {@code sim.fault} and the {@code sim-fault} file, e.g. {@code schema-failure}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The fault in effect: the first line of {@code <home>/sim-fault} if that file exists, else
     * {@code property} (the value of {@code sim.fault}, may be null).
     */
    public static Fault select(Path home, String property) {
        Path file = home.resolve("sim-fault");
        String value = property;
        String where = "sim.fault";
        if (Files.isRegularFile(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                value = lines.isEmpty() ? "" : lines.get(0);
                where = file.toString();
            } catch (IOException e) {
                throw new SimException("cannot read " + file + ": " + e.getMessage());
            }
        }
        return parse(value == null ? "" : value.trim(), where);
    }

    static Fault parse(String value, String where) {
        if (value.isEmpty() || value.equals("none")) {
            return NONE;
        }
        for (Fault f : values()) {
            if (f.label().equals(value)) {
                return f;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Fault f : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(f.label());
        }
        throw new SimException(where + ": unknown fault '" + value + "'; known faults: " + known);
    }
}
