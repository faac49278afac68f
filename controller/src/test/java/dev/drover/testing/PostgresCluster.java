package dev.drover.testing;

import dev.drover.transport.ExecResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts and stops one private PostgreSQL cluster: {@code initdb} into a fresh temporary directory
 * (owned by the server's user), a superuser with a random password, password authentication
 * (scram-sha-256) for every connection, the server listening on 127.0.0.1 only at a free port, its
 * unix socket in the temporary directory (never {@code /var/run/postgresql}, so it cannot clash with
 * a system cluster), durability switched off for speed. {@link #stop()} stops the server at once and
 * deletes the directory. Used by {@link PostgresLab}, which owns the single instance of a JVM.
 */
final class PostgresCluster {
    static final String HOST = "127.0.0.1";
    static final String SUPERUSER = "drover";
    private static final int PORT_ATTEMPTS = 5;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    final PostgresInstallation installation;
    final Path dir;
    final int port;
    final String superuserPassword;

    private PostgresCluster(PostgresInstallation installation, Path dir, int port, String superuserPassword) {
        this.installation = installation;
        this.dir = dir;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Path log() {
        return dir.resolve("postgres.log");
    }

    static PostgresCluster start(PostgresInstallation installation) {
        Path dir = createOwnedTempDir(installation);
        String password = randomSecret();
        Path pwfile = dir.resolve("pwfile");
        writeOwned(installation, pwfile, password + "\n");
        run(installation, "initdb", List.of("-D", dir.resolve("data").toString(), "-U", SUPERUSER, "--pwfile=" + pwfile,
                "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"));
        delete(pwfile);
        String lastFailure = "";
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freePort();
            String options = "-c listen_addresses=" + HOST + " -p " + port + " -k " + dir
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60";
            ExecResult started = OpenSshLabProcesses.runMerged(installation.command("pg_ctl", List.of("-D",
                    dir.resolve("data").toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60",
                    "-o", options, "start")), COMMAND_TIMEOUT);
            if (started.exitCode() == 0) {
                return new PostgresCluster(installation, dir, port, password);
            }
            lastFailure = started.stdout().strip() + "\n" + tail(dir.resolve("postgres.log"));
            if (!lastFailure.contains("could not bind") && !lastFailure.contains("already in use")) {
                break;
            }
        }
        throw new IllegalStateException("PostgreSQL in " + dir + " did not start:\n" + lastFailure);
    }

    /** Stops the server without waiting for clients (the tests are over) and deletes its directory. */
    void stop() {
        OpenSshLabProcesses.runMerged(installation.command("pg_ctl",
                List.of("-D", dataDir().toString(), "-m", "immediate", "-w", "stop")), COMMAND_TIMEOUT);
        deleteTree(dir);
    }

    private static ExecResult run(PostgresInstallation installation, String program, List<String> args) {
        List<String> argv = installation.command(program, args);
        ExecResult result = OpenSshLabProcesses.runMerged(argv, COMMAND_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited with " + result.exitCode() + ":\n"
                    + result.stdout().strip());
        }
        return result;
    }

    /** A 0700 directory under java.io.tmpdir, owned by the server's user so initdb may create the data directory in it. */
    private static Path createOwnedTempDir(PostgresInstallation installation) {
        try {
            Path dir = Files.createTempDirectory("drover-postgres-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            chown(installation, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static void writeOwned(PostgresInstallation installation, Path file, String content) {
        try {
            Files.writeString(file, content);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            chown(installation, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void chown(PostgresInstallation installation, Path path) throws IOException {
        if (installation.runAs().isPresent()) {
            UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(installation.runAs().get());
            Files.setOwner(path, owner);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no server log " + log + ")";
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        } catch (IOException e) {
            return; // best effort at JVM exit: the directory is under the temp dir
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // keep going: leave what cannot be removed to the temp cleaner
            }
        }
    }
}
