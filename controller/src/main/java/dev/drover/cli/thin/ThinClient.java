package dev.drover.cli.thin;

import dev.drover.socket.SocketStreams;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The thin client the {@code ./drover} launcher starts for {@code --version} and, when a command
 * worker may be up, for {@code exec} and {@code run}: a JVM that loads JDK classes only (a few dozen beyond a hello
 * world) instead of drover's 29 MB jar.
 *
 * <p>{@code exec} and {@code run}: it looks for the worker whose {@link Identity} is its own (same jar, directory,
 * umask and environment) in the persist directory, sends it the arguments and copies the command's
 * stdout, stderr and exit code back. During an exec a signal ends this JVM as it would end the
 * full CLI (Ctrl-C exits 130, SIGTERM 143); the worker sees the socket close and stops the command.
 * During a run, Ctrl-C and SIGTERM are passed to the worker, which stops the run as the full CLI
 * does on them, and this JVM exits with the run's code (99). With no
 * such worker, or one that will not run this command (it answers {@link Wire#FALLBACK} before
 * anything ran), the full CLI runs as a child with this process's streams, and this process passes
 * SIGTERM and SIGHUP on to it and waits: the exit code is the child's. That child starts the worker
 * for the next run.
 *
 * <p>The launcher passes the drover jar as {@code -Ddrover.jar} and the full CLI's JVM options as
 * {@code -Ddrover.jvm} (one option a line). JDK classes only, no lambdas and no string
 * concatenation (each would cost a bootstrap at start-up).
 */
public final class ThinClient {
    /** Exit code when the worker's socket ended without an exit code: drover's internal error. */
    static final int LOST = 250;

    private ThinClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            version();
            System.exit(0);
        }
        String jar = System.getProperty("drover.jar");
        if (args.length == 1 && "--train".equals(args[0]) && jar != null) {
            System.exit(train(jar));
        }
        int code = jar == null ? -1 : served(args, jar);
        if (code < 0) {
            code = fallback(args, jar);
        }
        System.exit(code);
    }

    private static void version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ThinClient.class.getResourceAsStream("/dev/drover/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        StringBuilder b = new StringBuilder("drover ").append(p.getProperty("version", "dev")).append('\n')
                .append("java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append(")\n");
        System.out.print(b);
        System.out.flush();
    }

    /** Runs the command in a worker: its exit code, or -1 when no worker took it (nothing ran). */
    static int served(String[] args, String jar) {
        Path dir = persistDir();
        return dir == null ? -1 : served(args, jar, dir);
    }

    /**
     * {@code --train}, for the launcher's class-data archive of this client (see ./drover): one
     * served run against a stand-in worker on a socket of its own in a temporary directory, so that
     * the archive holds what a warm exec or run loads (the UNIX socket channel's classes, and the
     * lambdas the JDK spins for them, are most of this JVM's start-up after its own). Touches no
     * host, no persist directory and no worker. Its exit code: the stand-in's 0, or -1.
     */
    static int train(String jar) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("drover-thin-train");
        final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            String identity = Identity.of(jar, System.getProperty("user.dir"), System.getenv());
            server.bind(UnixDomainSocketAddress.of(dir.resolve(Identity.socketName(identity))));
            Thread standIn = new Thread(new Runnable() {
                @Override
                public void run() {
                    answer(server);
                }
            }, "drover-train");
            standIn.setDaemon(true);
            standIn.start();
            int code = served(new String[] {"run", "--train"}, jar, dir);
            standIn.join(10_000);
            return code;
        } finally {
            server.close();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** The stand-in worker of {@link #train}: reads one request as a worker does, prints a line, exits 0. */
    private static void answer(ServerSocketChannel server) {
        try (SocketChannel c = server.accept()) {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(SocketStreams.in(c), 8192));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(c), 8192));
            in.readInt();
            Wire.readString(in);
            for (int i = in.readInt(); i > 0; i--) {
                Wire.readString(in);
            }
            in.readBoolean();
            in.readLong();
            byte[] line = "trained\n".getBytes(StandardCharsets.UTF_8);
            out.writeByte(Wire.STDOUT);
            out.writeInt(line.length);
            out.write(line);
            out.writeByte(Wire.EXIT);
            out.writeInt(0);
            out.flush();
        } catch (IOException e) {
            // the client then reports a lost worker, and the training run fails: no archive
        }
    }

    private static int served(String[] args, String jar, Path dir) {
        String identity = Identity.of(jar, System.getProperty("user.dir"), System.getenv());
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(dir.resolve(Identity.socketName(identity))));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(ch), 8192));
            out.writeInt(Wire.MAGIC);
            Wire.writeString(out, identity);
            out.writeInt(args.length);
            for (String a : args) {
                Wire.writeString(out, a);
            }
            out.writeBoolean(System.console() != null);
            out.writeLong(pid());
            out.flush();
            if (isRun(args)) {
                passSignals(ch);
            }
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(SocketStreams.in(ch), 8192));
            PrintStream stdout = System.out;
            PrintStream stderr = System.err;
            boolean any = false;
            while (true) {
                int type = Wire.readType(in);
                if (type == Wire.FALLBACK && !any) {
                    ch.close();
                    return -1;
                }
                if (type == Wire.EXIT) {
                    int code = in.readInt();
                    stdout.flush();
                    stderr.flush();
                    return code;
                }
                if (type != Wire.STDOUT && type != Wire.STDERR) {
                    stderr.println("drover: the command worker ended without an exit code; run again with --no-persist");
                    return LOST;
                }
                any = true;
                int n = in.readInt();
                byte[] b = new byte[n];
                in.readFully(b);
                PrintStream to = type == Wire.STDOUT ? stdout : stderr;
                to.write(b, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            System.err.println("drover: the command worker ended without an exit code; run again with --no-persist");
            return LOST;
        }
    }

    /**
     * This process's id, from the {@code /proc/self} link where there is one: {@code ProcessHandle}'s
     * first use initialises its reaper's thread pool, lambdas and all, which an interpreted JVM pays
     * for in milliseconds.
     */
    static long pid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().pid();
        }
    }

    /** {@code drover run}, maybe after {@code --debug}: its Ctrl-C is an orderly stop, not the end of this JVM. */
    static boolean isRun(String[] args) {
        int first = args.length > 0 && "--debug".equals(args[0]) ? 1 : 0;
        return args.length > first && "run".equals(args[first]);
    }

    /**
     * A run's Ctrl-C and SIGTERM go to the worker, which stops the run as a CLI of its own would
     * (no new task, the recap, exit 99; a second one stops at once): this JVM keeps printing what
     * the worker sends until the exit code comes.
     */
    private static void passSignals(final SocketChannel ch) {
        SignalHandler pass = new SignalHandler() {
            @Override
            public void handle(Signal sig) {
                byte b = "TERM".equals(sig.getName()) ? Wire.SIGTERM : Wire.SIGINT;
                try {
                    SocketStreams.out(ch).write(b);
                } catch (IOException e) {
                    System.exit("TERM".equals(sig.getName()) ? 143 : 130); // no worker to tell: as by default
                }
            }
        };
        handle("INT", pass);
        handle("TERM", pass);
    }

    /** {@code $DROVER_PERSIST_DIR}, else ~/.cache/drover/persist/UID; null unless it is ours and 0700. */
    static Path persistDir() {
        try {
            String uid = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            String env = System.getenv("DROVER_PERSIST_DIR");
            Path dir = env != null && !env.isBlank() ? Path.of(env).toAbsolutePath()
                    : Path.of(System.getProperty("user.home"), ".cache", "drover", "persist", uid);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                    || !uid.equals(String.valueOf(Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)))) {
                return null;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            return perms.equals(PosixFilePermissions.fromString("rwx------")) ? dir : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Runs the full CLI as a child on this process's streams; its exit code. */
    static int fallback(String[] args, String jar) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvm = System.getProperty("drover.jvm", "");
        for (String option : jvm.split("\n")) {
            if (!option.isEmpty()) {
                cmd.add(option);
            }
        }
        cmd.add("-cp");
        cmd.add(jar == null ? "drover.jar" : jar);
        cmd.add("dev.drover.cli.Main");
        for (String a : args) {
            cmd.add(a);
        }
        Process child = new ProcessBuilder(cmd).inheritIO().start();
        // The terminal's Ctrl-C reaches the child (same process group): this process waits for it.
        // A signal sent to this process alone (timeout, systemd, kill PID) is passed on.
        SignalHandler pass = new SignalHandler() {
            @Override
            public void handle(Signal sig) {
                child.destroy();
            }
        };
        SignalHandler ignore = new SignalHandler() {
            @Override
            public void handle(Signal sig) {
                // the child got it too and answers for both
            }
        };
        handle("INT", ignore);
        handle("TERM", pass);
        handle("HUP", pass);
        return child.waitFor();
    }

    private static void handle(String name, SignalHandler h) {
        try {
            Signal.handle(new Signal(name), h);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a JVM started with -Xrs: the default stays
        }
    }
}
