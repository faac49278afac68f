package dev.drover.cli.thin;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The command worker's wire format, on its Unix socket. The client sends one request: {@link #MAGIC},
 * its {@link Identity}, the arguments, whether it has a terminal, and its pid (a long: the process
 * a run's journal and lock name). The worker answers with frames, each a type byte then its body:
 * {@link #FALLBACK} (a reason; nothing ran: the client runs the command itself), {@link #STDOUT} and
 * {@link #STDERR} (a length and bytes, written as they come), and last {@link #EXIT} (the exit code).
 * After its request the client sends only single bytes, {@link #SIGINT} or {@link #SIGTERM}, when
 * it gets that signal during a {@code run} (the run stops as in a CLI of its own); its end of the
 * socket closing (an exec's Ctrl-C, a kill) ends the command in the worker. Strings are an int
 * length and UTF-8 bytes. Both ends read and write the socket through
 * {@link dev.drover.socket.SocketStreams}.
 */
public final class Wire {
    public static final int MAGIC = 0x44525632; // "DRV2"
    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte EXIT = 'X';
    public static final byte FALLBACK = 'F';
    /** Client to worker, after the request: the client got SIGINT (Ctrl-C) or SIGTERM. */
    public static final byte SIGINT = 'I';
    public static final byte SIGTERM = 'T';
    /** Bounds what a request may claim, so a broken client cannot make the worker allocate gigabytes. */
    static final int MAX_STRING = 1 << 24;

    private Wire() {
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("bad string length in a command request");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Reads one type byte, or -1 at the end of the stream. */
    public static int readType(DataInputStream in) throws IOException {
        try {
            return in.readUnsignedByte();
        } catch (EOFException e) {
            return -1;
        }
    }
}
