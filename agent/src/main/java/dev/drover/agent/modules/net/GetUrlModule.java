package dev.drover.agent.modules.net;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.agent.modules.files.AtomicWrite;
import dev.drover.agent.modules.files.Backups;
import dev.drover.agent.modules.files.Checksums;
import dev.drover.agent.modules.files.FileAttributes;
import dev.drover.agent.modules.files.PathArgs;
import dev.drover.agent.modules.files.PathInfo;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code get_url}: downloads {@code url} (http, https, file) to {@code dest} as Ansible's module:
 * an existing file whose {@code checksum} ({@code algorithm:hex} or {@code algorithm:URL} of a
 * checksum list) matches is not downloaded again; otherwise the body is streamed to a temporary
 * file (no size limit), compared by sha1 with {@code dest}, moved into place atomically only when it
 * differs, and checked against {@code checksum} (a mismatch removes the file and fails). Without a
 * checksum an existing file is asked for with If-Modified-Since unless {@code force}. Check mode
 * sends HEAD. Result: {@code url, dest, elapsed, status_code, msg, checksum_src, checksum_dest,
 * md5sum, backup_file} and the path fields.
 */
public final class GetUrlModule implements Module {
    private static final Pattern DISPOSITION = Pattern.compile("attachment; ?filename=\"?([^\"]+)");

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("url", "dest", "backup", "checksum", "timeout", "headers", "tmp_dest", "force", "http_agent",
                "validate_certs", "url_username", "username", "url_password", "password", "force_basic_auth",
                "mode", "owner", "group", "decompress", "unredirected_headers", "ciphers", "use_netrc");
        String url = args.requireString("url");
        Path dest = PathArgs.require(args, "dest");
        boolean force = args.bool("force", false);
        FileAttributes attributes = FileAttributes.from(args);
        ModuleResult result = ModuleResult.ok().with("checksum_dest", null).with("checksum_src", null)
                .with("dest", dest.toString()).with("elapsed", 0).with("url", url);
        for (String cipher : args.strings("ciphers")) {
            for (String name : cipher.split(":")) {
                if (!name.trim().isEmpty() && CipherSuites.jsseName(name.trim()) == null) {
                    throw failure(result, "ciphers: '" + name.trim() + "' is not an OpenSSL name of a single TLS suite that"
                            + " drover maps to Java's (such as ECDHE-RSA-AES128-GCM-SHA256 or TLS_AES_128_GCM_SHA256)");
                }
            }
        }
        String algorithm = null;
        String checksum = "";
        if (!args.string("checksum", "").isEmpty()) {
            String[] parts = args.string("checksum").split(":", 2);
            if (parts.length < 2) {
                throw failure(result, "The checksum parameter has to be in format <algorithm>:<checksum>");
            }
            algorithm = parts[0];
            if (!Arrays.asList(Checksums.ALGORITHMS).contains(algorithm)) {
                throw failure(result, "unsupported checksum algorithm '" + algorithm + "'; supported: "
                        + String.join(", ", Checksums.ALGORITHMS));
            }
            checksum = parts[1].matches("(?i)(https?|ftp|file):.*") ? fromList(args, ctx, parts[1], url, result) : parts[1];
            checksum = checksum.replaceAll("\\W+", "").toLowerCase(Locale.ROOT);
            if (!checksum.matches("[0-9a-f]+")) {
                throw failure(result, "The checksum format is invalid");
            }
        }
        boolean destIsDir = Files.isDirectory(dest);
        Long lastModified = null;
        if (!destIsDir && Files.exists(dest)) {
            boolean mismatch = !force && !checksum.isEmpty() && !checksum.equals(Checksums.of(dest, algorithm));
            if (!force && !checksum.isEmpty() && !mismatch) {
                boolean changed = attributes.apply(dest, ctx.checkMode());
                result.with("changed", changed)
                        .msg(changed ? "file already exists but file attributes changed" : "file already exists");
                PathInfo.addTo(result, dest);
                return result;
            }
            lastModified = dest.toFile().lastModified();
            force |= mismatch;
        }
        long start = System.currentTimeMillis();
        Path tmp = tempFile(args, result);
        try {
            HttpCall.Reply reply = download(args, ctx, url, ctx.checkMode() ? "HEAD" : "GET", force, force ? null : lastModified, tmp);
            long elapsed = (System.currentTimeMillis() - start) / 1000;
            result.with("elapsed", elapsed);
            // The request's own outcomes report url, dest and elapsed only, as Ansible's url_get.
            ModuleResult early = ModuleResult.ok().with("url", url).with("dest", dest.toString()).with("elapsed", elapsed);
            if (reply.status == 304) {
                early.with("status_code", 304).msg("HTTP Error 304: Not Modified");
                PathInfo.addTo(early, dest);
                return early;
            }
            if (reply.status == -1) {
                // Python's urllib words for the commonest failure, so that playbooks matching it keep working.
                throw failure(early, reply.message.startsWith("Request failed: connection refused")
                        ? "Request failed: <urlopen error [Errno 111] Connection refused>" : reply.message);
            }
            if (reply.status != 200 && !url.startsWith("file:")) {
                throw failure(early, "Request failed").with("status_code", reply.status).with("response", reply.message);
            }
            if (destIsDir) {
                dest = dest.resolve(fileName(reply));
                result.with("dest", dest.toString());
            }
            result.with("checksum_src", Checksums.sha1(tmp));
            if (Files.exists(dest)) {
                if (!Files.isWritable(dest)) {
                    throw failure(result, "Destination " + dest + " is not writable");
                }
                result.with("checksum_dest", Checksums.sha1(dest));
            } else if (!Files.isDirectory(dest.toAbsolutePath().getParent())) {
                throw failure(result, "Destination " + dest.toAbsolutePath().getParent() + " does not exist");
            }
            boolean differs = !String.valueOf(result.get("checksum_src")).equals(String.valueOf(result.get("checksum_dest")));
            if (ctx.checkMode()) {
                return result.with("changed", differs).msg(reply.message);
            }
            if (differs) {
                if (args.bool("backup", false) && Files.exists(dest)) {
                    result.with("backup_file", Backups.create(dest));
                }
                final Path from = tmp;
                AtomicWrite.write(dest, out -> Files.copy(from, out));
            }
            result.with("changed", differs);
            if (!checksum.isEmpty()) {
                String actual = Checksums.of(dest, algorithm);
                if (!checksum.equals(actual)) {
                    Files.deleteIfExists(dest);
                    throw failure(result, "The checksum for " + dest + " did not match " + checksum + "; it was " + actual + ".");
                }
            }
            if (attributes.apply(dest, false)) {
                result.with("changed", true);
            }
            result.with("md5sum", Checksums.of(dest, "md5")).msg(reply.message);
            // As Ansible 2.14: a file:// URL has no HTTP status, and its result says status_code null.
            result.with("status_code", url.startsWith("file:") ? null : reply.status);
            PathInfo.addTo(result, dest);
            return result;
        } catch (IOException e) {
            throw failure(result, "failed to create temporary content file: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /** The checksum for the url's file name in a checksum list (sha256sum's format) at {@code listUrl}. */
    private static String fromList(Args args, ModuleContext ctx, String listUrl, String url, ModuleResult result)
            throws ModuleException {
        HttpCall.Reply reply = download(args, ctx, listUrl, "GET", false, null, null);
        if (reply.status != 200 && !listUrl.startsWith("file:")) {
            throw failure(result, "Request failed").with("status_code", reply.status).with("response", reply.message);
        }
        String name = urlFileName(url);
        String[] lines = new String(reply.body, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 1 && lines[0].trim().split("\\s+").length == 1) {
            return lines[0];
        }
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            if (parts.length == 2) {
                String file = parts[1].startsWith(" ") || parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
                if (file.replaceFirst("^[./]+", "").equals(name)) {
                    return parts[0];
                }
            }
        }
        throw failure(result, "Unable to find a checksum for file '" + name + "' in '" + listUrl + "'");
    }

    private static HttpCall.Reply download(Args args, ModuleContext ctx, String url, String method, boolean force,
            Long ifModifiedSince, Path sink) throws ModuleException {
        if (url.startsWith("file:")) {
            return local(url, method, sink);
        }
        HttpCall call = new HttpCall();
        try {
            call.url = new URL(url);
        } catch (MalformedURLException e) {
            throw new ModuleException("invalid url '" + url + "': " + e.getMessage());
        }
        call.method = method;
        call.sink = sink;
        call.timeoutMillis = (int) (args.decimal("timeout", 10) * 1000);
        call.validateCerts = args.bool("validate_certs", true);
        call.user = PathArgs.first(args, "url_username", "username");
        call.password = PathArgs.first(args, "url_password", "password");
        call.forceBasicAuth = args.bool("force_basic_auth", false);
        call.headers.put("User-Agent", args.string("http_agent", "ansible-httpget"));
        call.decompress = args.bool("decompress", true);
        call.ciphers = args.has("ciphers") ? args.strings("ciphers") : null;
        for (String h : args.strings("unredirected_headers")) {
            call.unredirectedHeaders.add(h.toLowerCase(Locale.ROOT));
        }
        if (force) {
            call.headers.put("Cache-Control", "no-cache");
        } else if (ifModifiedSince != null) {
            SimpleDateFormat http = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
            http.setTimeZone(TimeZone.getTimeZone("GMT"));
            call.headers.put("If-Modified-Since", http.format(new Date(ifModifiedSince)));
        }
        // The task's headers may replace those above, as in Ansible's Request.open.
        call.headers.putAll(args.stringMap("headers"));
        if (call.user == null && args.bool("use_netrc", true)) {
            // As Ansible: credentials of the URL's host in $NETRC (the task's environment first) or
            // ~/.netrc become a Basic Authorization header, which wins over one in headers.
            String[] login = Netrc.lookup(ctx.environment().containsKey("NETRC") ? ctx.environment().get("NETRC")
                    : System.getenv("NETRC"), call.url.getHost());
            if (login != null) {
                call.headers.put("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (login[0] + ":" + login[1]).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return call.execute();
    }

    private static HttpCall.Reply local(String url, String method, Path sink) {
        HttpCall.Reply reply = new HttpCall.Reply();
        reply.url = url;
        try {
            Path file = Paths.get(new URL(url).toURI());
            reply.body = sink == null ? Files.readAllBytes(file) : new byte[0];
            if (sink != null && !method.equals("HEAD")) {
                Files.copy(file, sink, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            reply.status = 200;
            reply.message = "OK (" + Files.size(file) + " bytes)";
        } catch (Exception e) {
            reply.message = "Request failed: <urlopen error [Errno 2] No such file or directory: '" + url.replaceFirst("^file:/*", "/") + "'>";
        }
        return reply;
    }

    private static Path tempFile(Args args, ModuleResult result) throws ModuleException {
        Path dir;
        if (args.has("tmp_dest")) {
            dir = PathArgs.expand(args.string("tmp_dest"));
            if (!Files.isDirectory(dir)) {
                throw failure(result, dir + (Files.exists(dir) ? " is a file but should be a directory." : " directory does not exist."));
            }
        } else {
            // As Ansible's module tmpdir: the agent's temporary directory, so that an unchanged
            // download leaves dest's directory untouched.
            dir = Paths.get(System.getProperty("java.io.tmpdir"));
        }
        try {
            return Files.createTempFile(dir, ".get_url", ".tmp");
        } catch (IOException e) {
            throw failure(result, "failed to create temporary content file: " + e.getMessage());
        }
    }

    private static String fileName(HttpCall.Reply reply) {
        for (Map.Entry<String, String> h : reply.headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase("Content-Disposition")) {
                Matcher m = DISPOSITION.matcher(h.getValue());
                if (m.lookingAt()) {
                    return Paths.get(m.group(1)).getFileName().toString();
                }
            }
        }
        return urlFileName(reply.url);
    }

    /** Ansible's url_filename: the last path segment, "index.html" when there is none. */
    static String urlFileName(String url) {
        String path = url.replaceFirst("[?#].*$", "").replaceFirst("^[a-zA-Z]+://[^/]*", "");
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? "index.html" : name;
    }

    private static ModuleException failure(ModuleResult result, String msg) {
        ModuleException e = new ModuleException(msg);
        for (Map.Entry<String, Object> f : result.toMap().entrySet()) {
            if (!f.getKey().equals("failed") && !f.getKey().equals("msg")) {
                e.with(f.getKey(), f.getValue());
            }
        }
        return e;
    }
}
