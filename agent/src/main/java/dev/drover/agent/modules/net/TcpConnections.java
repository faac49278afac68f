package dev.drover.agent.modules.net;

import dev.drover.agent.module.ModuleException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts active TCP connections to a local port from {@code /proc/net/tcp} and {@code tcp6}, for
 * {@code wait_for state=drained}, as Ansible's Linux implementation does: a connection counts when
 * its local port is the port, its state is one of the active states, its remote address is not
 * excluded, and its local address is one of the host's (any local address when the host is
 * {@code 0.0.0.0} or {@code ::}). IPv4-mapped IPv6 addresses compare as their IPv4 address.
 */
final class TcpConnections {
    static final List<String> DEFAULT_STATES = Arrays.asList(
            "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "SYN_RECV", "SYN_SENT", "TIME_WAIT");
    private static final Map<String, String> STATE_CODES = new LinkedHashMap<>();

    static {
        String[] names = {"ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT"};
        for (int i = 0; i < names.length; i++) {
            STATE_CODES.put(names[i], "0" + (i + 1));
        }
    }

    private final int port;
    private final Set<InetAddress> local;
    private final boolean anyLocal;
    private final Set<InetAddress> excluded;
    private final Set<String> states;
    private final List<Path> tables;

    TcpConnections(String host, int port, List<String> excludeHosts, List<String> activeStates, List<Path> tables)
            throws ModuleException {
        this.port = port;
        this.local = resolve(host, "host");
        boolean any = false;
        for (InetAddress a : local) {
            any |= a.isAnyLocalAddress();
        }
        this.anyLocal = any;
        this.excluded = new LinkedHashSet<>();
        for (String h : excludeHosts) {
            excluded.addAll(resolve(h, "exclude_hosts"));
        }
        this.states = new LinkedHashSet<>();
        for (String s : activeStates) {
            String code = STATE_CODES.get(s.toUpperCase());
            if (code == null) {
                throw new ModuleException("unknown active_connection_state (" + s + ") defined; known: "
                        + String.join(", ", STATE_CODES.keySet()));
            }
            states.add(code);
        }
        this.tables = tables;
    }

    static List<Path> linuxTables() {
        return Arrays.asList(Paths.get("/proc/net/tcp"), Paths.get("/proc/net/tcp6"));
    }

    int count() throws IOException {
        int active = 0;
        for (Path table : tables) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(table), StandardCharsets.US_ASCII))) {
                in.readLine(); // header
                for (String row = in.readLine(); row != null; row = in.readLine()) {
                    if (counts(row.trim().split("\\s+"))) {
                        active++;
                    }
                }
            } catch (NoSuchFileException noIpv6) {
                // A kernel without IPv6 has no tcp6 table.
            }
        }
        return active;
    }

    private boolean counts(String[] fields) {
        if (fields.length < 4 || !states.contains(fields[3])) {
            return false;
        }
        int colon = fields[1].indexOf(':');
        if (colon < 0 || Integer.parseInt(fields[1].substring(colon + 1), 16) != port) {
            return false;
        }
        InetAddress localAddress = address(fields[1]);
        InetAddress remoteAddress = address(fields[2]);
        if (remoteAddress != null && excluded.contains(remoteAddress)) {
            return false;
        }
        return anyLocal || local.contains(localAddress);
    }

    /** "0100007F:1F90" or the 32-digit IPv6 form: 32-bit words in host (little-endian) byte order. */
    static InetAddress address(String hexAddressAndPort) {
        String hex = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) (value >>> (8 * b));
            }
        }
        try {
            // getByAddress turns an IPv4-mapped IPv6 address into the plain IPv4 address.
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Set<InetAddress> resolve(String host, String argName) throws ModuleException {
        try {
            return new LinkedHashSet<>(Arrays.asList(InetAddress.getAllByName(host)));
        } catch (UnknownHostException e) {
            throw new ModuleException("cannot resolve " + argName + " '" + host + "'; give an IP address or a name this host can resolve");
        }
    }

    static List<String> stateNames() {
        return new ArrayList<>(STATE_CODES.keySet());
    }
}
