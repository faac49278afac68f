package dev.drover.persist;

import dev.drover.trace.Trace;
import dev.drover.protocol.FrameCodec;
import dev.drover.protocol.Json;
import dev.drover.protocol.Messages;
import dev.drover.remote.AgentClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One started agent the persist process holds, and the relay to whichever CLI leases it.
 *
 * <p>Threads: one reader thread per agent, for the agent's whole life, reads its frames and writes
 * them to the current lease's socket (or drops them when there is none: a result for a CLI that
 * has gone). The lease's own thread ({@link #relay}) reads the CLI's frames and writes them to the
 * agent; it is the only writer to the agent while leased, the expiry the only one otherwise.
 *
 * <p>A lease ends cleanly with the CLI's {@code shutdown} frame (not passed on: the agent stays) or
 * its end of stream, when no request is unanswered; otherwise the agent is retired (its channel
 * closed, so a step in flight continues on the host under its grace, as after a dropped connection).
 */
final class HeldAgent {
    private final String host;
    private final AgentClient.Channel channel;
    private final byte[] hello;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile OutputStream leaseOut;
    private boolean leased;
    private volatile boolean dead;
    private volatile long lastUse = System.currentTimeMillis();
    private volatile long keepMillis;
    private volatile int leases;

    HeldAgent(String host, AgentClient.Channel channel) throws IOException {
        this.host = host;
        this.channel = channel;
        this.hello = Json.write(channel.hello());
        Thread reader = new Thread(this::readAgent, "drover-persist-agent-" + host);
        reader.setDaemon(true);
        reader.start();
    }

    /** Marks the agent leased if it is alive and free. */
    synchronized boolean tryLease() {
        if (dead || leased) {
            return false;
        }
        leased = true;
        leases++;
        return true;
    }

    synchronized boolean leased() {
        return leased;
    }

    boolean alive() {
        return !dead;
    }

    int leases() {
        return leases;
    }

    long idleMillis() {
        return System.currentTimeMillis() - lastUse;
    }

    /** Free and unused for longer than the last lease asked to keep it. */
    synchronized boolean expired() {
        return !leased && idleMillis() > keepMillis;
    }

    /**
     * Serves one lease on this thread: sends the agent's hello, drops the CLI's, then passes the
     * CLI's frames on until it releases the agent or goes away.
     */
    void relay(InputStream cliIn, OutputStream cliOut, long keep) {
        boolean clean = false;
        try {
            FrameCodec.write(cliOut, hello);
            byte[] theirHello = FrameCodec.read(cliIn);
            if (theirHello == null) {
                clean = true;
                return;
            }
            leaseOut = cliOut;
            byte[] frame;
            while ((frame = FrameCodec.read(cliIn)) != null) {
                Trace.mark("relay_in", host);
                String type = Messages.type(frame);
                if (Messages.SHUTDOWN.equals(type)) {
                    break;
                }
                if (Messages.RUN.equals(type)) {
                    outstanding.incrementAndGet();
                }
                FrameCodec.write(channel.out(), frame);
                Trace.mark("relay_to_agent", host);
            }
            clean = outstanding.get() == 0;
        } catch (IOException e) {
            clean = false;
        } finally {
            leaseOut = null;
            release(clean && !dead, keep);
        }
    }

    private synchronized void release(boolean reusable, long keep) {
        leased = false;
        lastUse = System.currentTimeMillis();
        keepMillis = keep;
        if (!reusable) {
            retire();
        }
    }

    /** Ends the agent: asks it to exit and closes its channel. A step in flight keeps its grace. */
    void retire() {
        dead = true;
        try {
            FrameCodec.write(channel.out(), Json.write(Messages.shutdown()));
        } catch (IOException | RuntimeException e) {
            // gone already
        }
        channel.process().close();
    }

    private void readAgent() {
        try {
            byte[] frame;
            while ((frame = FrameCodec.read(channel.in())) != null) {
                Trace.mark("agent_frame", host);
                if (Messages.RESULT.equals(Messages.type(frame))) {
                    outstanding.decrementAndGet();
                }
                OutputStream out = leaseOut;
                if (out != null) {
                    try {
                        FrameCodec.write(out, frame);
                        Trace.mark("relay_to_cli", host);
                    } catch (IOException e) {
                        leaseOut = null; // the CLI went away; its lease thread sees the end too
                    }
                }
            }
        } catch (IOException e) {
            // the agent or its connection died: same as end of stream
        } finally {
            dead = true;
            OutputStream out = leaseOut;
            if (out != null) {
                try {
                    out.close(); // the CLI reads end of stream: agent lost, as over a direct connection
                } catch (IOException e) {
                    // nothing more to tell it
                }
            }
            channel.process().close();
        }
    }

    String host() {
        return host;
    }
}
