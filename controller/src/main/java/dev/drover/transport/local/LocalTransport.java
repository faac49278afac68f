package dev.drover.transport.local;

import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.RemoteProcess;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on the controller's own machine, as the controller's user. Their working directory
 * is the controller's, as under Ansible's local connection, where a module's relative path ({@code
 * dest: out.txt}, {@code command: ls}) means the directory ansible-playbook was started in, not the
 * home directory an SSH login starts in. Relative remote paths of uploads and downloads are the
 * home directory's, as over SFTP. Holds no resources between calls, so {@link #close()} has nothing
 * to release.
 */
public final class LocalTransport implements Transport {
    private final String hostName;
    private final Path home;
    private final Path workingDirectory;

    /** Commands run in {@code home}, as an SSH login's would. */
    public LocalTransport(String hostName, Path home) {
        this(hostName, home, home);
    }

    public LocalTransport(String hostName, Path home, Path workingDirectory) {
        this.hostName = hostName;
        this.home = home;
        this.workingDirectory = workingDirectory;
    }

    /**
     * The controller's own machine, commands in the controller's working directory (a command
     * worker's is its client's: workers serve only clients started in their directory).
     */
    public static LocalTransport open(ConnectionSettings settings) {
        return new LocalTransport(settings.hostName(), Path.of(System.getProperty("user.home")),
                Path.of(System.getProperty("user.dir")));
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public RemoteProcess exec(String command) throws TransportException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).directory(workingDirectory.toFile());
        pb.environment().put("HOME", home.toString());
        try {
            return new LocalProcess(pb.start());
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.IO, hostName, "cannot start /bin/sh: " + e.getMessage(), e);
        }
    }

    @Override
    public void upload(InputStream content, long length, String remotePath, int mode) throws TransportException {
        Path target = resolve(remotePath);
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, permissions(mode));
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.IO, hostName, "writing " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void download(String remotePath, Path local) throws TransportException {
        Path source = resolve(remotePath);
        try {
            Files.copy(source, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.IO, hostName, "reading " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    private Path resolve(String remotePath) {
        return remotePath.startsWith("/") ? Path.of(remotePath) : home.resolve(remotePath);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static final class LocalProcess implements RemoteProcess {
        private final Process process;

        LocalProcess(Process process) {
            this.process = process;
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public InputStream stderr() {
            return process.getErrorStream();
        }

        @Override
        public OptionalInt waitFor(Duration timeout) throws IOException {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the command", e);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
            }
        }
    }
}
