package dev.drover.cli;

import dev.drover.cli.thin.Identity;
import dev.drover.cli.thin.Wire;
import dev.drover.persist.PersistDir;
import dev.drover.report.Terminal;
import dev.drover.socket.SocketStreams;
import dev.drover.socket.UnixListener;
import dev.drover.trace.Trace;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A command worker ({@code drover persist work}): a warm JVM that runs {@code drover exec} and {@code run} for the
 * thin client ({@link dev.drover.cli.thin.ThinClient}), so a warm run costs the client a JVM with a
 * few dozen JDK classes instead of drover's start-up, class loading and cold JIT.
 *
 * <p>It is started by an exec or run that ran in its own JVM, when its command is done ({@link Background}; in the
 * same JVM as the persist process when that is started too: {@code persist serve --work}), detached, with that
 * CLI's working directory, umask and environment, and serves only clients whose {@link Identity} is
 * exactly its own: everything a command reads from its process (relative paths, {@code ANSIBLE_*},
 * {@code DROVER_*}, {@code NO_COLOR}, {@code lookup('env')}) is what the client's own JVM would read.
 * Its socket is {@code <persist dir>/cmd-<hash of the identity>.sock}, 0600 in the 0700 directory,
 * and a client of another uid ({@code SO_PEERCRED}) is refused. Whether the client has a terminal
 * comes with the request ({@link Terminal}); a password prompt, which needs the client's terminal,
 * sends the command back to the client. Each command runs on a thread of its own ({@link WorkerCommand}),
 * as the client's {@link Invocation}: a run gets the client's Ctrl-C and SIGTERM over the socket and
 * a hard stop ends that command only; the client's socket closing (an exec's Ctrl-C, a kill) stops
 * it as the end of its own JVM would have.
 * With no command for the keep time, the worker exits.
 */
final class CommandWorker implements AutoCloseable {
    /** Options that ask on the terminal, and the one that keeps a run away from any background process. */
    private static final Set<String> REFUSED = Set.of("-k", "--ask-pass", "-K", "--ask-become-pass", "-J",
            "--ask-vault-pass", "--ask-vault-password", "--no-persist");
    /** The commands a worker runs: the ones an operator repeats, for which drover's start-up is most of the wait. */
    static final Set<String> SERVED = Set.of("exec", "run");

    private final PersistDir dir;
    private final Duration keep;
    private final PrintStream log;
    private final String identity;
    private final AtomicInteger active = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long lastActivity = System.currentTimeMillis();
    private final UnixListener listener;
    private Path socket;
    private String owner;

    CommandWorker(PersistDir dir, Duration keep, PrintStream log) {
        this.dir = dir;
        this.keep = keep;
        this.log = log;
        this.listener = new UnixListener(log, "drover persist: command worker");
        this.identity = ownIdentity();
    }

    static String ownIdentity() {
        return Identity.of(System.getProperty("java.class.path"), System.getProperty("user.dir"), System.getenv());
    }

    /** Whether a worker for this process's directory and environment answers in {@code dir} now. */
    static boolean answers(PersistDir dir) {
        Path sock = dir.dir().resolve(Identity.socketName(ownIdentity()));
        if (!Files.exists(sock)) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            return true;
        } catch (IOException stale) {
            return false; // a new worker replaces the socket file
        }
    }

    /** @return false when a worker with this identity already answers (this one then does nothing) */
    boolean start() throws IOException {
        dir.secure();
        owner = Files.getOwner(dir.dir()).getName();
        socket = dir.dir().resolve(Identity.socketName(identity));
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return false;
            } catch (IOException stale) {
                Files.deleteIfExists(socket);
            }
        }
        listener.bind(socket);
        daemon("drover-worker-accept", this::acceptLoop);
        daemon("drover-worker-idle", this::idleLoop);
        log.println("drover persist: command worker on " + socket + " for " + System.getProperty("user.dir")
                + " (pid " + ProcessHandle.current().pid() + ")");
        return true;
    }

    /** Blocks until the worker stopped listening and its last command ended. */
    void awaitStopped() throws InterruptedException {
        stopped.await();
        while (active.get() > 0) {
            Thread.sleep(50);
        }
    }

    private void acceptLoop() {
        while (!listener.closing()) {
            SocketChannel client = listener.accept();
            if (client == null) {
                return;
            }
            active.incrementAndGet();
            daemon("drover-worker-command", () -> serve(client));
        }
    }

    private void idleLoop() {
        while (!listener.closing()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            if (active.get() == 0 && System.currentTimeMillis() - lastActivity > keep.toMillis()) {
                log.println("drover persist: command worker for " + System.getProperty("user.dir") + " idle, stopping");
                close();
            }
            // A socket file removed or replaced (drover persist stop, a new worker) ends this one.
            if (!listener.closing() && !Files.exists(socket)) {
                close();
            }
        }
    }

    private void serve(SocketChannel client) {
        Trace.mark("worker_accept", "-");
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(owner)) {
                log.println("drover persist: command worker refused a client of user " + peer.user().getName());
                return;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(SocketStreams.in(client)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(client)));
            if (in.readInt() != Wire.MAGIC) {
                return;
            }
            String theirs = Wire.readString(in);
            int argc = in.readInt();
            if (argc < 0 || argc > 100_000) {
                return;
            }
            String[] args = new String[argc];
            for (int i = 0; i < argc; i++) {
                args[i] = Wire.readString(in);
            }
            boolean console = in.readBoolean();
            long pid = in.readLong();
            String refusal = !theirs.equals(identity) ? "another directory, environment or jar" : refusal(args);
            if (refusal != null) {
                fallback(out, refusal);
                return;
            }
            Trace.mark("worker_args", "-");
            new WorkerCommand(client, in, out, args, console, pid).run();
        } catch (IOException | RuntimeException e) {
            log.println("drover persist: command worker: " + e);
        } finally {
            lastActivity = System.currentTimeMillis();
            active.decrementAndGet();
        }
    }

    static void fallback(DataOutputStream out, String reason) throws IOException {
        out.writeByte(Wire.FALLBACK);
        Wire.writeString(out, reason);
        out.flush();
    }

    /** Why this worker sends {@code args} back to the client, or null when it runs them. */
    static String refusal(String[] args) {
        int first = args.length > 0 && args[0].equals("--debug") ? 1 : 0;
        if (args.length <= first || !SERVED.contains(args[first])) {
            return "not an exec or a run";
        }
        for (int i = first + 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            boolean clusterAsking = a.length() > 2 && a.charAt(0) == '-' && a.charAt(1) != '-'
                    && a.chars().skip(1).allMatch(Character::isLetter) && a.chars().anyMatch(c -> c == 'k' || c == 'K' || c == 'J');
            if (REFUSED.contains(a) || clusterAsking || a.equals("--persist=0")
                    || (a.equals("--persist") && i + 1 < args.length && args[i + 1].equals("0"))) {
                return "asks on the terminal or keeps away from the persist process: " + a;
            }
        }
        return null;
    }

    /** Stops listening; commands running finish (their clients still wait for them). Idempotent. */
    @Override
    public void close() {
        if (listener.close(false)) {
            stopped.countDown();
        }
    }

    /** Paths of the workers' sockets in {@code dir}. */
    static List<Path> sockets(PersistDir dir) {
        List<Path> found = new ArrayList<>();
        try (var files = Files.newDirectoryStream(dir.dir(), "cmd-*.sock")) {
            files.forEach(found::add);
        } catch (IOException e) {
            // no directory: no workers
        }
        return found;
    }

    static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
