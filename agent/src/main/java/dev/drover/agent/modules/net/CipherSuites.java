package dev.drover.agent.modules.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Ansible's {@code ciphers} for Java's TLS: OpenSSL cipher names (ECDHE-RSA-AES128-GCM-SHA256) are
 * mapped to the JVM's suite names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), and sockets are made with
 * those suites only. As Python's {@code SSLContext.set_ciphers}, the list applies to TLS 1.2 and
 * older: the JVM's TLS 1.3 suites stay enabled. OpenSSL's keywords and expressions (DEFAULT, HIGH,
 * !aNULL, @SECLEVEL) have no JVM counterpart and are refused by name.
 */
final class CipherSuites extends SSLSocketFactory {
    private static final Pattern NAME = Pattern.compile(
            "(?:(ECDHE|DHE)-(RSA|ECDSA)-)?(AES128|AES256|CHACHA20)(-GCM)?(?:-POLY1305)?(?:-(SHA|SHA256|SHA384))?");

    private final SSLSocketFactory delegate;
    private final String[] suites;

    CipherSuites(SSLSocketFactory delegate, String[] suites) {
        this.delegate = delegate;
        this.suites = suites.clone();
    }

    /**
     * The JVM's names for {@code openssl} (each entry may hold several names joined by ':'), among
     * {@code supported}, followed by the supported TLS 1.3 suites.
     *
     * @throws IllegalArgumentException naming the cipher that has no JVM counterpart
     */
    static String[] jsseNames(List<String> openssl, String[] supported) {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(supported));
        List<String> out = new ArrayList<>();
        for (String entry : openssl) {
            for (String name : entry.split(":")) {
                name = name.trim();
                if (name.isEmpty()) {
                    continue;
                }
                String jsse = jsseName(name);
                if (jsse == null) {
                    throw new IllegalArgumentException("cipher '" + name + "' is not an OpenSSL name of a single TLS suite"
                            + " that drover maps to Java's (such as ECDHE-RSA-AES128-GCM-SHA256 or TLS_AES_128_GCM_SHA256)");
                }
                if (known.contains(jsse) && !out.contains(jsse)) {
                    out.add(jsse);
                }
            }
        }
        for (String suite : supported) {
            if (suite.matches("TLS_(AES|CHACHA20)_.*") && !out.contains(suite)) {
                out.add(suite);
            }
        }
        return out.toArray(new String[0]);
    }

    /** The JVM's name of one OpenSSL cipher name, or null when it has none. */
    static String jsseName(String openssl) {
        String name = openssl.toUpperCase(Locale.ROOT);
        if (name.startsWith("TLS_")) {
            return name; // TLS 1.3 suites and IANA names are the same in both
        }
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return null;
        }
        String kx = m.group(1) == null ? "RSA" : m.group(1) + "_" + m.group(2);
        String cipher = m.group(3);
        if (cipher.equals("CHACHA20")) {
            return m.group(5) == null ? "TLS_" + kx + "_WITH_CHACHA20_POLY1305_SHA256" : null;
        }
        String bits = cipher.substring(3);
        String mac = m.group(5);
        if (mac == null) {
            return null;
        }
        return "TLS_" + kx + "_WITH_AES_" + bits + (m.group(4) != null ? "_GCM_" : "_CBC_") + mac;
    }

    private Socket limit(Socket s) {
        if (s instanceof SSLSocket) {
            ((SSLSocket) s).setEnabledCipherSuites(suites);
        }
        return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return suites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return limit(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return limit(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return limit(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return limit(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return limit(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return limit(delegate.createSocket(address, port, localAddress, localPort));
    }
}
