package dev.drover.cli;

import dev.drover.cli.thin.Wire;
import dev.drover.report.Terminal;
import dev.drover.trace.Trace;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One thin client's command in a command worker ({@link CommandWorker}): runs it on the calling
 * thread, frames its output to the client, and is the command's {@link Invocation}.
 *
 * <p>Threads: the command's thread runs {@link Main#run}; a reader thread reads what the client
 * sends after its request, {@link Wire#SIGINT} and {@link Wire#SIGTERM} (a run's Ctrl-C and
 * SIGTERM, which the client passes on instead of dying), until the socket ends. A signal goes to
 * the handler the command installed ({@link Interrupts}: a run's orderly stop), or, with none, ends
 * the command as the signal's default would end a JVM of its own (exit 130 or 143). The socket
 * ending before the exit code was sent (the client killed or hung up) is the end of the client's
 * process: a run is hard-stopped (its journal ends "interrupted", its lock and agents are let go),
 * any other command's thread is interrupted and its output dropped.
 *
 * <p>{@link #halt} sends the exit code at once and drops whatever the command prints after it,
 * while the command's thread unwinds by itself; {@link #sendExit} sends one exit code only.
 */
final class WorkerCommand implements Invocation {
    private final SocketChannel client;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String[] args;
    private final long pid;
    private final Terminal.Client terminal;
    private volatile Thread command;
    private volatile Consumer<String> signals;
    /** Set when the client is gone or the command was halted: later output goes nowhere. */
    private volatile boolean cut;
    private boolean exitSent;
    private volatile boolean wrote;
    /** The worker's own last word after a refused question, which the discarding below lets through. */
    private volatile boolean finalWord;

    WorkerCommand(SocketChannel client, DataInputStream in, DataOutputStream out, String[] args, boolean console, long pid) {
        this.client = client;
        this.in = in;
        this.out = out;
        this.args = args;
        this.pid = pid;
        this.terminal = new Terminal.Client(console);
    }

    void run() throws IOException {
        command = Thread.currentThread();
        CommandWorker.daemon("drover-worker-client", this::readClient);
        PrintWriter stdout = writer(Wire.STDOUT);
        PrintWriter stderr = writer(Wire.STDERR);
        int code;
        Background background = new Background(false);
        Terminal.setForClient(terminal);
        try {
            code = Main.run(args, stdout, stderr, this, background);
        } finally {
            Terminal.setForClient(null);
            Thread.interrupted();
        }
        if (terminal.asked()) {
            if (!wrote) {
                CommandWorker.fallback(out, "asks on the terminal");
                return;
            }
            finalWord = true;
            stderr.println("drover: this command asks for a password on the terminal, which a command worker cannot:"
                    + " run it again with --no-persist");
            code = ExitCodes.BAD_INPUT;
        }
        stdout.flush();
        stderr.flush();
        sendExit(code);
        client.shutdownOutput();
        // The client has its answer: now the persist process, if this command found none, and the
        // command line of the next command like this one.
        background.start(note -> System.out.println("drover persist: command worker: " + note));
        Main.prepare(args);
    }

    private void readClient() {
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == Wire.SIGINT || b == Wire.SIGTERM) {
                    signal(b == Wire.SIGINT ? "INT" : "TERM");
                }
            }
        } catch (IOException e) {
            // a broken socket is a gone client
        }
        boolean answered;
        synchronized (this) {
            answered = exitSent;
        }
        if (!answered) {
            Consumer<String> handler = signals;
            if (handler != null) {
                handler.accept(Interrupts.LOST);
            } else {
                cut = true;
                command.interrupt();
            }
        }
    }

    private void signal(String name) {
        Consumer<String> handler = signals;
        if (handler != null) {
            handler.accept(name);
        } else {
            halt(name.equals("TERM") ? 143 : 130, () -> { });
        }
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public AutoCloseable onSignals(Consumer<String> handler) {
        Consumer<String> previous = signals;
        signals = handler;
        return () -> signals = previous;
    }

    @Override
    public void halt(int code, Runnable abort) {
        cut = true;
        abort.run();
        sendExit(code);
        command.interrupt();
    }

    /** Sends the exit code, once: the command's own, or a halt's before it. */
    private void sendExit(int code) {
        synchronized (this) {
            if (exitSent) {
                return;
            }
            exitSent = true;
        }
        try {
            synchronized (out) {
                Trace.mark("exit_sent", "-");
                out.writeByte(Wire.EXIT);
                out.writeInt(code);
                out.flush();
            }
        } catch (IOException e) {
            // the client is gone: nobody to tell
        }
    }

    private PrintWriter writer(byte type) {
        OutputStream frames = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len == 0 || cut) {
                    return; // the client is gone or was answered: what the command still prints goes nowhere
                }
                if (terminal.asked() && !finalWord) {
                    // After a refused question the command's own error is replaced by the
                    // client's run (nothing written before it) or by the worker's last word.
                    return;
                }
                wrote = true;
                try {
                    synchronized (out) {
                        out.writeByte(type);
                        out.writeInt(len);
                        out.write(b, off, len);
                        out.flush();
                    }
                } catch (IOException e) {
                    cut = true; // as for a terminal closed under a CLI: the run goes on until it sees why
                }
            }
        };
        return new PrintWriter(new OutputStreamWriter(frames, StandardCharsets.UTF_8), true);
    }
}
