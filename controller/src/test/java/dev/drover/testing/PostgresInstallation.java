package dev.drover.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where PostgreSQL's server programs are and which user runs them. Debian and Ubuntu install them
 * under {@code /usr/lib/postgresql/<major>/bin} (not on the PATH); the newest major wins, and
 * {@code -Ddrover.postgres.bin=DIR} picks another directory. {@code initdb} refuses to run as root,
 * so as root every server program runs as the {@code postgres} system user (through {@code runuser},
 * or {@code su} where util-linux has no runuser); as anyone else it runs as that user. Immutable.
 *
 * @param bin     the directory holding initdb, pg_ctl, postgres, psql, pg_dump, pg_restore
 * @param runAs   the system user the server runs as, or empty to run as the JVM's own user
 * @param version the first line of {@code postgres --version}
 */
record PostgresInstallation(Path bin, Optional<String> runAs, String version) {

    static final String BIN_PROPERTY = "drover.postgres.bin";
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final List<String> SERVER_PROGRAMS = List.of("initdb", "pg_ctl", "postgres");

    /** Finds the installation, or throws {@link PostgresUnavailable} saying what is missing and how to get it. */
    static PostgresInstallation find() {
        Path bin = binDirectory();
        Optional<String> runAs = Optional.empty();
        if (runningAsRoot()) {
            if (!systemUserExists("postgres")) {
                throw new PostgresUnavailable("running as root and there is no 'postgres' system user to run initdb"
                        + " (initdb refuses root; the postgresql package creates that user)");
            }
            runAs = Optional.of("postgres");
        }
        return new PostgresInstallation(bin, runAs, probeVersion(bin));
    }

    /** A program of this installation ({@code psql}, {@code pg_dump}, ...); an unknown one is an error naming the directory. */
    Path program(String name) {
        Path program = bin.resolve(name);
        if (!Files.isExecutable(program)) {
            throw new IllegalArgumentException("no executable " + name + " in " + bin);
        }
        return program;
    }

    /** The argv that runs {@code program} with {@code args} as the server's user. */
    List<String> command(String program, List<String> args) {
        List<String> argv = new ArrayList<>();
        String path = program(program).toString();
        if (runAs.isEmpty()) {
            argv.add(path);
            argv.addAll(args);
        } else if (Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"))) {
            argv.addAll(List.of("runuser", "-u", runAs.get(), "--", path));
            argv.addAll(args);
        } else {
            StringBuilder line = new StringBuilder(quote(path));
            args.forEach(a -> line.append(' ').append(quote(a)));
            argv.addAll(List.of("su", "-s", "/bin/sh", runAs.get(), "-c", line.toString()));
        }
        return argv;
    }

    private static Path binDirectory() {
        String pinned = System.getProperty(BIN_PROPERTY, "").strip();
        if (!pinned.isEmpty()) {
            Path bin = Path.of(pinned);
            if (!hasServerPrograms(bin)) {
                throw new PostgresUnavailable("-D" + BIN_PROPERTY + "=" + pinned + " has no " + String.join(", ", SERVER_PROGRAMS));
            }
            return bin;
        }
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            throw new PostgresUnavailable("PostgreSQL is not installed (no " + DEBIAN_ROOT
                    + "; apt-get install postgresql, or point -D" + BIN_PROPERTY + " at its bin directory)");
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.map(v -> v.resolve("bin")).filter(PostgresInstallation::hasServerPrograms)
                    .max(Comparator.comparing(PostgresInstallation::majorOf))
                    .orElseThrow(() -> new PostgresUnavailable("PostgreSQL server programs (" + String.join(", ", SERVER_PROGRAMS)
                            + ") are not installed under " + DEBIAN_ROOT + "/*/bin (apt-get install postgresql)"));
        } catch (IOException e) {
            throw new PostgresUnavailable("cannot list " + DEBIAN_ROOT + ": " + e.getMessage());
        }
    }

    private static boolean hasServerPrograms(Path bin) {
        return SERVER_PROGRAMS.stream().allMatch(p -> Files.isExecutable(bin.resolve(p)));
    }

    private static int majorOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean systemUserExists(String user) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.anyMatch(l -> l.startsWith(user + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String probeVersion(Path bin) {
        var result = OpenSshLabProcesses.runMerged(List.of(bin.resolve("postgres").toString(), "--version"),
                java.time.Duration.ofSeconds(30));
        if (result.exitCode() != 0) {
            throw new PostgresUnavailable(bin.resolve("postgres") + " --version failed: " + result.stdout().strip());
        }
        return result.stdout().strip().lines().findFirst().orElse("postgres (unknown version)");
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The tier cannot run on this machine: skip, don't fail (unless all tiers are required). */
    static final class PostgresUnavailable extends RuntimeException {
        PostgresUnavailable(String reason) {
            super(reason);
        }
    }
}
