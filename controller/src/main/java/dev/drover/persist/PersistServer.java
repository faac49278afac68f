package dev.drover.persist;

import dev.drover.remote.AgentBootstrap;
import dev.drover.socket.SocketStreams;
import dev.drover.socket.UnixListener;
import dev.drover.remote.AgentException;
import dev.drover.remote.AgentOptions;
import dev.drover.transport.ConnectionSettings;
import dev.drover.transport.Transport;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The persist process: holds SSH connections and started agents between runs and lends them to
 * the CLIs of the same user over a Unix domain socket.
 *
 * <p>Lifecycle: {@link #start} secures the directory, binds {@code sock} (0600; a live server
 * already there makes this one stop at once, a stale socket file is replaced), and starts the
 * accept and expiry threads. Each client gets a thread: its first frame is {@code lease},
 * {@code status} or {@code stop}. An agent free for longer than its last lease's keep time is
 * shut down, a connection without agents is closed, and with nothing held and nothing leased for
 * the keep time the server stops. {@link #close} shuts every agent and connection.
 *
 * <p>A client whose uid ({@code SO_PEERCRED}) is not this process's owner is refused; the 0700
 * directory already keeps others from reaching the socket.
 */
public final class PersistServer implements AutoCloseable {
    private final PersistDir dir;
    private final TransportFactory transports;
    private final AgentBootstrap bootstrap;
    private final PrintStream log;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /**
     * Keys this process could not connect or start an agent for, until when: answered at once, so
     * a host the process cannot reach (a key needing a passphrase, an ssh-agent it does not see)
     * costs each run nothing before its direct connection, which works or reports the cause.
     */
    private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long keepMillis;
    private volatile long lastActivity = System.currentTimeMillis();
    private final UnixListener listener;
    private String owner;

    /** One held connection and the agents started over it. */
    private record Held(String key, Transport transport, Map<String, Object> settings, Map<String, Object> agent,
            List<HeldAgent> agents, long since) {
    }

    public PersistServer(PersistDir dir, TransportFactory transports, AgentBootstrap bootstrap, Duration keep, PrintStream log) {
        this.dir = dir;
        this.transports = transports;
        this.bootstrap = bootstrap;
        this.keepMillis = keep.toMillis();
        this.log = log;
        this.listener = new UnixListener(log, "drover persist");
    }

    /** @return false when another server already answers on the socket (this one then does nothing) */
    public boolean start() throws IOException {
        dir.secure();
        owner = Files.getOwner(dir.dir()).getName();
        if (Files.exists(dir.socket())) {
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(dir.socket()));
                return false;
            } catch (IOException staleSocket) {
                Files.deleteIfExists(dir.socket());
            }
        }
        listener.bind(dir.socket());
        daemon("drover-persist-accept", this::acceptLoop);
        daemon("drover-persist-expiry", this::expiryLoop);
        log.println("drover persist: listening on " + dir.socket() + " (pid " + ProcessHandle.current().pid() + ")");
        return true;
    }

    /** Blocks until the server stopped (idle, {@code drover persist stop}, or {@link #close}). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    private void acceptLoop() {
        while (!listener.closing()) {
            SocketChannel client = listener.accept();
            if (client == null) {
                return;
            }
            daemon("drover-persist-client", () -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        active.incrementAndGet();
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(owner)) {
                log.println("drover persist: refused a client of user " + peer.user().getName());
                return;
            }
            InputStream in = SocketStreams.in(client);
            OutputStream out = SocketStreams.out(client);
            Map<String, Object> request = Messages.receive(in);
            if (request == null) {
                return; // a probe: whether a process answers here (another server starting, a CLI after its run)
            }
            String type = String.valueOf(request.get("type"));
            switch (type) {
                case "lease" -> lease(request, in, out);
                case "status" -> Messages.send(out, status());
                case "stop" -> {
                    Messages.send(out, Map.of("type", "stopping"));
                    daemon("drover-persist-stop", this::close);
                }
                default -> Messages.send(out, Map.of("type", "refused", "message", "unknown request '" + type + "'"));
            }
        } catch (IOException | RuntimeException e) {
            log.println("drover persist: client failed: " + e);
        } finally {
            lastActivity = System.currentTimeMillis();
            active.decrementAndGet();
        }
    }

    @SuppressWarnings("unchecked")
    private void lease(Map<String, Object> request, InputStream in, OutputStream out) throws IOException {
        String key = (String) request.get("key");
        Map<String, Object> settings = (Map<String, Object>) request.get("settings");
        Map<String, Object> agentSpec = (Map<String, Object>) request.get("agent");
        long keep = ((Number) request.get("keep_ms")).longValue();
        keepMillis = keep;
        Long refused = refusedUntil.get(key);
        if (refused != null && refused > System.currentTimeMillis()) {
            Messages.send(out, Map.of("type", "refused", "message", "refused a moment ago"));
            return;
        }
        HeldAgent agent;
        boolean reused = false;
        boolean uploaded = false;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Held h = held.get(key);
            agent = null;
            if (h != null) {
                h.agents().removeIf(a -> !a.alive());
                for (HeldAgent a : h.agents()) {
                    if (a.tryLease()) {
                        agent = a;
                        reused = true;
                        break;
                    }
                }
            }
            try {
                for (int attempt = 0; agent == null; attempt++) {
                    boolean fresh = h == null;
                    if (h == null) {
                        ConnectionSettings cs = ReuseKey.settings(settings);
                        h = new Held(key, transports.open(cs), settings, agentSpec, new CopyOnWriteArrayList<>(),
                                System.currentTimeMillis());
                        held.put(key, h);
                    }
                    try {
                        AgentBootstrap.Started started = bootstrap.start(h.transport(), ReuseKey.agentOptions(agentSpec));
                        agent = new HeldAgent(h.transport().hostName(), started.client().channel());
                        agent.tryLease();
                        h.agents().add(agent);
                        uploaded = started.uploaded();
                    } catch (TransportException | AgentException e) {
                        if (fresh || attempt > 0) {
                            throw e;
                        }
                        drop(h); // the held connection broke since: connect afresh once
                        h = null;
                    }
                }
            } catch (TransportException | AgentException | RuntimeException e) {
                if (h != null && h.agents().isEmpty()) {
                    drop(h);
                }
                refusedUntil.put(key, System.currentTimeMillis() + Math.min(keep, 60_000));
                Messages.send(out, Map.of("type", "refused", "message", String.valueOf(e.getMessage())));
                return;
            }
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "leased");
        reply.put("reused", reused);
        reply.put("uploaded", uploaded);
        Messages.send(out, reply);
        agent.relay(in, out, keep);
    }

    private Map<String, Object> status() {
        List<Object> rows = new ArrayList<>();
        for (Held h : held.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", h.settings().get("host"));
            row.put("address", h.settings().get("address"));
            row.put("port", h.settings().get("port"));
            row.put("user", h.settings().get("user"));
            row.put("become", h.agent().get("become_user"));
            row.put("agents", h.agents().stream().filter(HeldAgent::alive).count());
            row.put("leased", h.agents().stream().filter(HeldAgent::leased).count());
            row.put("leases", h.agents().stream().mapToInt(HeldAgent::leases).sum());
            row.put("idle_ms", h.agents().stream().mapToLong(HeldAgent::idleMillis).min().orElse(0));
            row.put("connected_ms", System.currentTimeMillis() - h.since());
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "status");
        m.put("pid", ProcessHandle.current().pid());
        m.put("socket", dir.socket().toString());
        m.put("keep_ms", keepMillis);
        m.put("held", rows);
        return m;
    }

    private void expiryLoop() {
        while (!listener.closing()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            for (Held h : held.values()) {
                synchronized (locks.computeIfAbsent(h.key(), k -> new Object())) {
                    for (HeldAgent a : h.agents()) {
                        if (a.alive() && a.expired()) {
                            a.retire();
                        }
                    }
                    h.agents().removeIf(a -> !a.alive());
                    if (h.agents().isEmpty()) {
                        drop(h);
                    }
                }
            }
            if (held.isEmpty() && active.get() == 0 && System.currentTimeMillis() - lastActivity > keepMillis) {
                log.println("drover persist: idle, stopping");
                close();
            }
        }
    }

    private void drop(Held h) {
        held.remove(h.key(), h);
        for (HeldAgent a : h.agents()) {
            a.retire();
        }
        h.transport().close();
    }

    /** Stops listening, shuts every held agent down and closes every connection. Idempotent. */
    @Override
    public void close() {
        if (!listener.close(true)) {
            return;
        }
        held.values().parallelStream().forEach(this::drop);
        stopped.countDown();
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
