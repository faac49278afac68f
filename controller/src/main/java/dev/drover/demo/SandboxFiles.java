package dev.drover.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** The file and port chores of setting up a sandbox, each small and independent of the others. */
final class SandboxFiles {
    private SandboxFiles() {
    }

    /** The sandbox directory: the one given (absent or empty, never someone's files), else a fresh temporary one. */
    static Path prepareRoot(Optional<Path> dir) {
        try {
            if (dir.isEmpty()) {
                return Files.createTempDirectory("drover-demo-");
            }
            Path d = dir.get().toAbsolutePath().normalize();
            if (Files.exists(d)) {
                if (!Files.isDirectory(d)) {
                    throw new DemoException("--dir " + d + " is a file; name a new or empty directory for the sandbox");
                }
                try (Stream<Path> s = Files.list(d)) {
                    if (s.findAny().isPresent()) {
                        throw new DemoException("--dir " + d + " is not empty; the demo only writes into a new or empty"
                                + " directory (and deletes it afterwards unless --keep). Name another one, or delete it first.");
                    }
                }
            }
            return Files.createDirectories(d);
        } catch (IOException e) {
            throw new DemoException("cannot create the sandbox directory: " + e.getMessage(), e);
        }
    }

    /** {@code count} distinct free loopback ports (all held open together, so none is handed out twice). */
    static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new DemoException("cannot find free ports on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // a probe socket; nothing was sent on it
                }
            }
        }
    }

    /** Writes a new ed25519 client key ({@code file}, mode 600, and {@code file.pub}); returns its public key. */
    static PublicKey writeClientKey(Path file) throws IOException {
        KeyPair pair = NodeSshServer.generateEd25519();
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "drover-demo", null, out);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key " + file + ": " + e.getMessage(), e);
        }
        Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), PublicKeyEntry.toString(pair.getPublic()) + " drover-demo\n");
        return pair.getPublic();
    }

    /**
     * A bare installation directory holding only an {@code alfresco-global.properties} that points at a
     * repository and database: what the simulator's tools need to fingerprint a copy no node is
     * configured for.
     */
    static Path probeHome(SandboxLayout layout, String name, Path dirRoot, String dbUrl) {
        Path home = layout.root().resolve("probe").resolve(name);
        Path props = home.resolve("tomcat/shared/classes/alfresco-global.properties");
        try {
            Files.createDirectories(props.getParent());
            Files.writeString(props, "# drover demo: read-only view of a repository, for the simulator's fingerprint\n"
                    + "dir.root=" + dirRoot + "\ndb.driver=org.h2.Driver\ndb.url=" + dbUrl
                    + "\ndb.username=alfresco\ndb.password=alfresco\n");
        } catch (IOException e) {
            throw new DemoException("cannot write " + props + ": " + e.getMessage(), e);
        }
        return home;
    }

    /** Runs the tasks on threads of their own and waits for all; rethrows the first failure. */
    static void inParallel(List<Runnable> tasks) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Runnable task : tasks) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "drover-demo-setup");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoException("interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** Deletes a directory tree (the sandbox), deepest first. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    // a process still wrote into it; reported below by the root's survival
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DemoException("cannot delete the sandbox " + root + ": " + e.getMessage(), e);
        }
        if (Files.exists(root)) {
            throw new DemoException("cannot delete the sandbox " + root + " completely; delete it by hand");
        }
    }
}
