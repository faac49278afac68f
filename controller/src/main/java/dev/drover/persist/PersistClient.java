package dev.drover.persist;

import dev.drover.remote.AgentClient;
import dev.drover.remote.AgentException;
import dev.drover.remote.AgentLeaser;
import dev.drover.remote.AgentOptions;
import dev.drover.remote.HostAgent;
import dev.drover.socket.SocketStreams;
import dev.drover.transport.ConnectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The CLI's side: asks the persist process for each host's agent, and says when none answers (the
 * CLI then starts one for the next run, after its own command: {@code cli.Background}). Every failure
 * answers null, so the pool connects directly; failures of the process itself (not of the host)
 * print one note.
 */
public final class PersistClient implements AgentLeaser {
    private final PersistDir dir;
    private final Duration keep;
    private final String jarSha256;
    private final Consumer<String> notes;
    private final Runnable startServer;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean noted = new AtomicBoolean();

    /**
     * @param startServer called at most once, from a host's thread, when the socket does not answer:
     *     the CLI notes that it is to start the process once its command is done
     */
    public PersistClient(PersistDir dir, Duration keep, String jarSha256, Consumer<String> notes, Runnable startServer) {
        this.dir = dir;
        this.keep = keep;
        this.jarSha256 = jarSha256;
        this.notes = notes;
        this.startServer = startServer;
    }

    @Override
    public HostAgent lease(ConnectionSettings settings, AgentOptions options) {
        ReuseKey key = ReuseKey.of(settings, options, jarSha256);
        if (key == null) {
            return null;
        }
        SocketChannel ch;
        try {
            dir.check();
        } catch (IOException e) {
            if (Files.exists(dir.dir(), LinkOption.NOFOLLOW_LINKS)) {
                note(e.getMessage()); // a directory others could enter or replace: never used, nothing started there
            } else if (started.compareAndSet(false, true)) {
                startServer.run(); // the first run of this user: the process creates it
            }
            return null;
        }
        try {
            ch = connect(dir);
        } catch (IOException e) {
            if (started.compareAndSet(false, true)) {
                startServer.run();
            }
            return null;
        }
        try {
            InputStream in = SocketStreams.in(ch);
            OutputStream out = SocketStreams.out(ch);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "lease");
            request.put("key", key.key());
            request.put("keep_ms", keep.toMillis());
            request.put("settings", key.settings());
            request.put("agent", key.agent());
            Messages.send(out, request);
            // A wedged process must not hang the run: no answer within what a direct connect and
            // agent start may take closes the socket, and the run connects directly.
            AtomicBoolean answered = new AtomicBoolean();
            long limit = settings.connectTimeout().plus(options.startTimeout()).toMillis() + 30_000;
            SocketChannel toClose = ch;
            CompletableFuture.delayedExecutor(limit, TimeUnit.MILLISECONDS).execute(() -> {
                if (!answered.get()) {
                    closeQuietly(toClose);
                }
            });
            Map<String, Object> reply = Messages.receive(in);
            answered.set(true);
            if (reply == null || !"leased".equals(reply.get("type"))) {
                ch.close();
                if (reply == null) {
                    note(settings.hostName() + ": the persist process closed the lease");
                }
                return null; // refused: the direct connection reports the host's own error
            }
            AgentClient client = AgentClient.overRelay(settings.hostName(), new SocketProcess(ch, in, out));
            return new HostAgent(settings.hostName(), null, client, Boolean.TRUE.equals(reply.get("uploaded")));
        } catch (IOException | AgentException | RuntimeException e) {
            note(settings.hostName() + ": " + e.getMessage());
            closeQuietly(ch);
            return null;
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a broken socket
        }
    }

    private void note(String message) {
        if (noted.compareAndSet(false, true)) {
            notes.accept("persist process: " + message + "; connecting directly");
        }
    }

    static SocketChannel connect(PersistDir dir) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(dir.socket()));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Whether a persist process answers on {@code dir}'s socket now. */
    public static boolean answers(PersistDir dir) {
        try (SocketChannel ch = connect(dir)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks a running persist process for {@code type} (status or stop); empty reply when none runs. */
    public static Map<String, Object> ask(PersistDir dir, String type) throws IOException {
        dir.check();
        try (SocketChannel ch = connect(dir)) {
            Messages.send(SocketStreams.out(ch), Map.of("type", type));
            Map<String, Object> reply = Messages.receive(SocketStreams.in(ch));
            return reply == null ? Map.of() : reply;
        }
    }
}
