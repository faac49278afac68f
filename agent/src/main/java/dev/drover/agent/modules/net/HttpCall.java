package dev.drover.agent.modules.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTP(S) request for {@code uri} over {@link HttpURLConnection}, following redirects itself
 * (HttpURLConnection will not cross from http to https, and {@code redirected} must be known) and
 * answering a Basic challenge once. Transport failures become a {@link Reply} with status -1, as
 * Ansible's {@code fetch_url} reports them, so a playbook can retry {@code until} the status is 200.
 */
final class HttpCall {
    static final int MAX_REDIRECTS = 20;
    static final int MAX_BODY = 16 << 20;

    /** The outcome of a call. {@code headers} are the final response's, in arrival order. */
    static final class Reply {
        int status = -1;
        String url;
        boolean redirected;
        String message;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        boolean truncated;
    }

    String method;
    URL url;
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body;
    int timeoutMillis = 30_000;
    boolean validateCerts = true;
    String user;
    String password;
    boolean forceBasicAuth;
    /** Where a successful body is streamed (no size limit, {@code body} stays empty), or null to keep it in memory. */
    java.nio.file.Path sink;
    /** none, safe (GET and HEAD only) or all. */
    String followRedirects = "safe";
    /** Headers (lower case; {@code authorization} includes Basic auth) sent to the first URL only, not after a redirect. */
    final java.util.Set<String> unredirectedHeaders = new java.util.HashSet<>();
    /** Whether a gzip Content-Encoding is undone (Ansible's {@code decompress}). */
    boolean decompress = true;
    /** OpenSSL cipher names for TLS 1.2 and older (Ansible's {@code ciphers}), or null for the JVM's defaults. */
    List<String> ciphers;

    Reply execute() {
        Reply reply = new Reply();
        URL current = url;
        String verb = method;
        byte[] payload = body;
        boolean sendAuth = user != null && forceBasicAuth;
        try {
            for (int hop = 0; ; hop++) {
                reply.url = current.toString();
                HttpURLConnection c = open(current, verb, payload, sendAuth && sameOrigin(current, url)
                        && !(reply.redirected && unredirectedHeaders.contains("authorization")), reply.redirected);
                int status = c.getResponseCode();
                if (status == 401 && user != null && !sendAuth && basicChallenge(c)) {
                    discard(c);
                    sendAuth = true;
                    hop--;
                    continue;
                }
                String location = c.getHeaderField("Location");
                if (status >= 300 && status < 400 && status != 304 && location != null && follows(verb, status)) {
                    discard(c);
                    if (hop == MAX_REDIRECTS) {
                        reply.message = "Request failed: more than " + MAX_REDIRECTS + " redirects, last to " + location;
                        return reply;
                    }
                    current = new URL(current, location);
                    reply.redirected = true;
                    if (status <= 303 && !verb.equals("HEAD")) {
                        // As browsers and Python's urllib: 301/302/303 turn the request into a GET.
                        verb = "GET";
                        payload = null;
                    }
                    continue;
                }
                read(c, status, verb, reply);
                return reply;
            }
        } catch (IOException e) {
            reply.status = -1;
            reply.message = "Request failed: " + describe(e, current);
            return reply;
        }
    }

    private boolean follows(String verb, int status) {
        if (followRedirects.equals("all")) {
            return true;
        }
        return followRedirects.equals("safe") && (verb.equals("GET") || verb.equals("HEAD"));
    }

    private HttpURLConnection open(URL target, String verb, byte[] payload, boolean auth, boolean redirected) throws IOException {
        HttpURLConnection c = (HttpURLConnection) target.openConnection();
        if (c instanceof HttpsURLConnection && (!validateCerts || ciphers != null)) {
            tls((HttpsURLConnection) c);
        }
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(timeoutMillis);
        c.setReadTimeout(timeoutMillis);
        try {
            c.setRequestMethod(verb);
        } catch (ProtocolException e) {
            throw new ProtocolException("method " + verb + " is not supported by Java's HTTP client on this host"
                    + " (GET, POST, HEAD, OPTIONS, PUT, DELETE and TRACE are)");
        }
        c.setRequestProperty("User-Agent", "drover-httpget");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!redirected || !unredirectedHeaders.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                c.setRequestProperty(h.getKey(), h.getValue());
            }
        }
        if (auth) {
            String token = java.util.Base64.getEncoder().encodeToString(
                    (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
            c.setRequestProperty("Authorization", "Basic " + token);
        }
        if (payload != null) {
            // Buffered, not streamed: in streaming mode HttpURLConnection cannot report a 401.
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(payload);
            }
        }
        return c;
    }

    private static boolean sameOrigin(URL a, URL b) {
        return a.getProtocol().equalsIgnoreCase(b.getProtocol()) && a.getHost().equalsIgnoreCase(b.getHost())
                && (a.getPort() == -1 ? a.getDefaultPort() : a.getPort()) == (b.getPort() == -1 ? b.getDefaultPort() : b.getPort());
    }

    private static boolean basicChallenge(HttpURLConnection c) {
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            if ("WWW-Authenticate".equalsIgnoreCase(h.getKey())) {
                for (String challenge : h.getValue()) {
                    if (challenge.trim().toLowerCase(java.util.Locale.ROOT).startsWith("basic")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void read(HttpURLConnection c, int status, String verb, Reply reply) throws IOException {
        reply.status = status;
        for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
            if (h.getKey() != null) {
                reply.headers.put(h.getKey(), String.join(", ", h.getValue()));
            }
        }
        String length = c.getHeaderField("Content-Length");
        reply.message = status >= 400
                ? "HTTP Error " + status + ": " + (c.getResponseMessage() == null ? "" : c.getResponseMessage())
                : "OK (" + (length == null ? "unknown" : length) + " bytes)";
        InputStream in = status >= 400 ? c.getErrorStream() : verb.equals("HEAD") ? null : c.getInputStream();
        if (in == null) {
            reply.body = new byte[0];
            return;
        }
        if (decompress && "gzip".equalsIgnoreCase(c.getContentEncoding())) {
            in = new GZIPInputStream(in);
        }
        if (sink != null && status < 300) {
            try (InputStream body = in) {
                java.nio.file.Files.copy(body, sink, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            reply.body = new byte[0];
            return;
        }
        try (InputStream body = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            for (int n; (n = body.read(buf)) > 0; ) {
                if (out.size() + n > MAX_BODY) {
                    out.write(buf, 0, MAX_BODY - out.size());
                    reply.truncated = true;
                    break;
                }
                out.write(buf, 0, n);
            }
            reply.body = out.toByteArray();
        }
    }

    private static void discard(HttpURLConnection c) {
        try {
            InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
            if (in != null) {
                byte[] buf = new byte[4096];
                while (in.read(buf) > 0) {
                    // Reading to the end lets the connection be reused.
                }
                in.close();
            }
        } catch (IOException ignored) {
            c.disconnect();
        }
    }

    private String describe(IOException e, URL target) {
        String where = target.getHost() + ":" + (target.getPort() == -1 ? target.getDefaultPort() : target.getPort());
        if (e instanceof ConnectException) {
            return "connection refused by " + where + " (" + e.getMessage() + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + where + " within " + timeoutMillis / 1000.0 + " s (" + e.getMessage() + ")";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + target.getHost();
        }
        if (e instanceof SSLException) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                // Python's words (Ansible's targets match on them), then the JVM's.
                return "TLS error with " + where + ": certificate verify failed: Hostname mismatch, certificate is not valid for '"
                        + target.getHost() + "' (" + m + ")";
            }
            if (m.contains("handshake_failure") && ciphers != null) {
                return "TLS error with " + where + ": handshake failure (the server accepts none of the ciphers "
                        + String.join(":", ciphers) + "): " + m;
            }
            return "TLS error with " + where + ": " + m
                    + (m.contains("PKIX") || m.contains("certificate") ? " (the server's certificate is not trusted by"
                    + " this JVM; add its CA to the JVM's truststore, or set validate_certs: false for a test server)" : "");
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * This connection's TLS: without certificate checks when validate_certs is false (asked for
     * explicitly: this connection only, never a JVM-wide default), and with the given ciphers.
     */
    private void tls(HttpsURLConnection c) throws IOException {
        javax.net.ssl.SSLSocketFactory factory;
        if (!validateCerts) {
            factory = trustEverything(c);
        } else {
            try {
                factory = SSLContext.getDefault().getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        if (ciphers != null) {
            factory = new CipherSuites(factory, CipherSuites.jsseNames(ciphers, factory.getSupportedCipherSuites()));
        }
        c.setSSLSocketFactory(factory);
    }

    private static javax.net.ssl.SSLSocketFactory trustEverything(HttpsURLConnection c) throws IOException {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trustAll}, null);
            c.setHostnameVerifier((host, session) -> true);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS without certificate checks: " + e.getMessage(), e);
        }
    }
}
