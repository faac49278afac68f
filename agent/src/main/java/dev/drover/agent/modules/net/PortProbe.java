package dev.drover.agent.modules.net;

import dev.drover.agent.module.ModuleException;
import dev.drover.agent.modules.files.PythonRegex;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;

/**
 * TCP checks for {@code wait_for}: can a connection be opened, and (with {@code search_regex}) does
 * what the server sends first match. Each probe opens and closes its own socket; the host name is
 * resolved once, up front, so a typo fails at once instead of looking like a stopped service.
 */
final class PortProbe {
    /** What a banner check keeps at most; Ansible keeps everything, a chatty server would grow memory. */
    static final int MAX_DATA = 1 << 20;

    private final String host;
    private final InetAddress address;
    private final int port;

    PortProbe(String host, int port) throws ModuleException {
        this.host = host;
        this.port = port;
        try {
            this.address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ModuleException("cannot resolve host '" + host + "': " + e.getMessage()
                    + "; give an IP address or a name this host can resolve");
        }
    }

    /** Opens a connection, or returns null when that fails (refused, unreachable, timed out). */
    Socket connect(long timeoutMillis) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(address, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            return null;
        }
    }

    /** True when a connection could be opened (it is closed again at once). */
    boolean accepts(long timeoutMillis) {
        Socket s = connect(timeoutMillis);
        closeQuietly(s);
        return s != null;
    }

    /**
     * Connects and reads until {@code regex} matches what the server sent, the server closes, or
     * {@code deadlineNanos} passes. Returns the matcher of the match, or null.
     */
    Matcher readUntil(PythonRegex regex, long connectTimeoutMillis, long deadlineNanos) {
        Socket s = connect(connectTimeoutMillis);
        if (s == null) {
            return null;
        }
        try {
            InputStream in = s.getInputStream();
            byte[] data = new byte[4096];
            int length = 0;
            while (true) {
                long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return null;
                }
                s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                if (length == data.length) {
                    if (data.length >= MAX_DATA) {
                        return null;
                    }
                    data = Arrays.copyOf(data, data.length * 2);
                }
                int n;
                try {
                    n = in.read(data, length, data.length - length);
                } catch (SocketTimeoutException timedOut) {
                    return null;
                }
                if (n < 0) {
                    return null;
                }
                length += n;
                Matcher m = regex.matcher(new String(data, 0, length, StandardCharsets.UTF_8));
                if (m.find()) {
                    return m;
                }
            }
        } catch (IOException e) {
            return null;
        } finally {
            closeQuietly(s);
        }
    }

    String describe() {
        return host + ":" + port;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing a probe socket cannot fail in a way that matters to the wait.
            }
        }
    }
}
