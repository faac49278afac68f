package dev.drover.agent.modules.net;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import dev.drover.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code uri}: one HTTP(S) request with Ansible's arguments and return fields (status, url,
 * redirected, msg, elapsed, the response headers lowercased with {@code -} as {@code _}, content,
 * json). Differences from Ansible, also in docs/modules/uri.md:
 *
 * <ul>
 * <li>A transport failure (refused, timeout, TLS) is status -1 with a message naming host and port.</li>
 * <li>{@code content} is also returned on failure, so the reason a probe failed shows.</li>
 * <li>Check mode runs GET, HEAD and OPTIONS (they change nothing) and skips other methods.</li>
 * <li>No {@code dest}, {@code src}, {@code form-multipart}, {@code unix_socket}, client
 *     certificates or proxies: this module is for probes and REST calls.</li>
 * <li>{@code elapsed} is fractional seconds.</li>
 * </ul>
 *
 * <p>The password ({@code url_password} or the URL's user info) is never part of the result.
 */
public final class UriModule implements Module {
    private static final Set<String> SAFE_METHODS = new HashSet<>(Arrays.asList("GET", "HEAD", "OPTIONS", "TRACE"));
    private static final Set<String> OWN_FIELDS = new HashSet<>(Arrays.asList(
            "changed", "failed", "msg", "status", "url", "redirected", "elapsed", "content", "json",
            "skipped", "warnings", "exception"));

    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("url", "method", "body", "body_format", "headers", "status_code", "return_content", "timeout",
                "validate_certs", "url_username", "user", "url_password", "password", "force_basic_auth",
                "follow_redirects", "creates", "removes");
        HttpCall call = new HttpCall();
        String urlText = args.requireString("url");
        call.method = args.string("method", "GET");
        if (!call.method.matches("[A-Z]+")) {
            throw new ModuleException("Parameter 'method' needs to be a single word in uppercase, like GET or POST.");
        }
        call.url = parseUrl(urlText);
        call.headers.putAll(args.stringMap("headers"));
        String format = args.string("body_format", "raw").toLowerCase(Locale.ROOT);
        call.body = RequestBody.encode(args.asMap().get("body"), format, call.headers);
        List<Integer> statusCodes = statusCodes(args);
        boolean returnContent = args.bool("return_content", false);
        double timeout = args.decimal("timeout", 30);
        if (!(timeout > 0)) {
            throw new ModuleException("argument 'timeout' must be a number of seconds above 0; got " + args.string("timeout"));
        }
        call.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.round(timeout * 1000));
        call.validateCerts = args.bool("validate_certs", true);
        credentials(args, call);
        call.followRedirects = redirectPolicy(args.string("follow_redirects", "safe"));

        String creates = args.string("creates");
        if (creates != null && new File(creates).exists()) {
            return ModuleResult.ok().with("stdout", "skipped, since '" + creates + "' exists").msg("skipped, since '" + creates + "' exists");
        }
        String removes = args.string("removes");
        if (removes != null && !new File(removes).exists()) {
            return ModuleResult.ok().with("stdout", "skipped, since '" + removes + "' does not exist")
                    .msg("skipped, since '" + removes + "' does not exist");
        }
        if (context.checkMode() && !SAFE_METHODS.contains(call.method)) {
            return ModuleResult.skipped("check mode: " + call.method + " " + withoutUserInfo(call.url) + " not sent");
        }

        long t0 = System.nanoTime();
        HttpCall.Reply reply = call.execute();
        double elapsed = Math.round((System.nanoTime() - t0) / 1_000_000.0) / 1000.0;
        return result(reply, statusCodes, returnContent, elapsed);
    }

    private static ModuleResult result(HttpCall.Reply reply, List<Integer> statusCodes, boolean returnContent, double elapsed) {
        boolean ok = statusCodes.contains(reply.status);
        ModuleResult r = ok ? ModuleResult.ok()
                : ModuleResult.failed("Status code was " + reply.status + " and not " + statusCodes + ": " + reply.message);
        for (Map.Entry<String, String> h : reply.headers.entrySet()) {
            String key = h.getKey().replace('-', '_').toLowerCase(Locale.ROOT);
            if (!OWN_FIELDS.contains(key)) {
                r.with(key, h.getValue());
            }
        }
        r.with("redirected", reply.redirected).with("url", stripUserInfo(reply.url)).with("status", reply.status);
        if (ok) {
            r.msg(reply.message);
        }
        r.with("elapsed", elapsed);
        String contentType = header(reply, "Content-Type");
        String content = reply.body == null ? null : new String(reply.body, charset(contentType));
        if (content != null && (returnContent || !ok)) {
            r.with("content", content);
        }
        if (reply.body != null && reply.body.length > 0 && isJson(contentType)) {
            try {
                r.with("json", Json.parseValue(reply.body));
            } catch (IOException notJson) {
                // Ansible leaves json out when a "JSON" response does not parse.
            }
        }
        if (reply.truncated) {
            r.with("warnings", java.util.Collections.singletonList("response body cut at " + (HttpCall.MAX_BODY >> 20) + " MiB"));
        }
        return r;
    }

    private static URL parseUrl(String text) throws ModuleException {
        try {
            URL url = new URL(text);
            if (!url.getProtocol().equals("http") && !url.getProtocol().equals("https")) {
                throw new ModuleException("url must start with http:// or https://; got " + withoutUserInfo(url));
            }
            if (url.getHost().isEmpty()) {
                throw new ModuleException("url has no host: " + withoutUserInfo(url));
            }
            return url;
        } catch (MalformedURLException e) {
            throw new ModuleException("url is not a valid URL (" + e.getMessage() + "): " + stripUserInfo(text));
        }
    }

    private static void credentials(Args args, HttpCall call) throws ModuleException {
        String user = args.has("url_username") ? args.string("url_username") : args.string("user");
        String password = args.has("url_password") ? args.string("url_password") : args.string("password");
        String info = call.url.getUserInfo();
        if (info != null) {
            // As Ansible: credentials in the URL are used when the arguments give none.
            int colon = info.indexOf(':');
            if (user == null) {
                user = decode(colon < 0 ? info : info.substring(0, colon));
            }
            if (password == null && colon >= 0) {
                password = decode(info.substring(colon + 1));
            }
            try {
                call.url = new URL(withoutUserInfo(call.url));
            } catch (MalformedURLException impossible) {
                throw new ModuleException("url is not a valid URL: " + withoutUserInfo(call.url));
            }
        }
        call.user = user;
        call.password = password;
        call.forceBasicAuth = args.bool("force_basic_auth", false);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, "UTF-8");
        } catch (java.io.UnsupportedEncodingException impossible) {
            return s;
        }
    }

    private static String redirectPolicy(String value) throws ModuleException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "none": case "no": case "false":
                return "none";
            case "safe":
                return "safe";
            case "all": case "yes": case "true": case "urllib2":
                return "all";
            default:
                throw new ModuleException("argument 'follow_redirects' must be one of all, no, none, safe, urllib2, yes; got '" + value + "'");
        }
    }

    private static List<Integer> statusCodes(Args args) throws ModuleException {
        List<Integer> codes = new ArrayList<>();
        for (String s : args.has("status_code") ? args.strings("status_code") : Arrays.asList("200")) {
            for (String part : s.split(",")) {
                try {
                    codes.add(Integer.parseInt(part.trim()));
                } catch (NumberFormatException e) {
                    throw new ModuleException("argument 'status_code' must be a status code or a list of them; got '" + s + "'");
                }
            }
        }
        return codes;
    }

    private static String header(HttpCall.Reply reply, String name) {
        for (Map.Entry<String, String> h : reply.headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** Ansible's test: the subtype names json or javascript (application/json, application/hal+json, ...). */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        String sub = type.substring(type.indexOf('/') + 1);
        return sub.contains("json") || sub.contains("javascript");
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException unknown) {
                        break;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String withoutUserInfo(URL url) {
        return stripUserInfo(url.toString());
    }

    /** Drops "user:password@" from a URL's text, so no password reaches the result. */
    static String stripUserInfo(String url) {
        return url == null ? null : url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
