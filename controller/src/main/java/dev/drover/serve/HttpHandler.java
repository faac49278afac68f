package dev.drover.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes one request (docs/serve.md). Read-only: only GET and HEAD are answered, and no route
 * changes anything. With a token configured, every request must present it ({@link Access}).
 *
 * <p>Threading: runs on the server's handler executor (not the I/O threads), since answers read
 * journals from disk. Stateless apart from the shared {@link Api}; sharable.
 */
@io.netty.channel.ChannelHandler.Sharable
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Pattern RUN = Pattern.compile("/api/runs/([^/]+)(/events|/changes|/output)?");
    private static final Pattern PAGE = Pattern.compile("/runs/([^/]+)");
    private static final String JSON = "application/json; charset=utf-8";

    private final Api api;
    private final Feeds feeds;
    private final Optional<Access> access;
    private final boolean secure;

    HttpHandler(Api api, Feeds feeds, Optional<Access> access, boolean secure) {
        this.api = api;
        this.feeds = feeds;
        this.access = access;
        this.secure = secure;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "drover serve is read-only: GET and HEAD only\n");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, req, r);
            return;
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String path = q.path();
        if (access.isPresent()) {
            String given = first(q, "token");
            if (given != null && access.get().matches(given) && !path.startsWith("/api/") && !path.equals("/metrics")) {
                // The URL printed at start: keep the token in a cookie, and out of the address bar and history.
                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SEE_OTHER);
                r.headers().set(HttpHeaderNames.LOCATION, path);
                r.headers().set(HttpHeaderNames.SET_COOKIE, Access.COOKIE + "=" + given + "; Path=/; HttpOnly; SameSite=Strict"
                        + (secure ? "; Secure" : ""));
                send(ctx, req, r);
                return;
            }
            Optional<String> presented = Access.presented(req.headers().get(HttpHeaderNames.AUTHORIZATION),
                    req.headers().get(HttpHeaderNames.COOKIE));
            if (presented.isEmpty() || !access.get().matches(presented.get())) {
                FullHttpResponse r = text(HttpResponseStatus.UNAUTHORIZED, "a token is required: open the URL drover serve"
                        + " printed at start, or send 'Authorization: Bearer <token>'\n");
                r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"drover\"");
                send(ctx, req, r);
                return;
            }
        }
        route(ctx, req, q, path);
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder q, String path) throws IOException {
        if (path.equals("/") || PAGE.matcher(path).matches()) {
            send(ctx, req, asset(path.equals("/") ? "index.html" : "run.html").orElseThrow());
            return;
        }
        if (path.startsWith("/assets/")) {
            send(ctx, req, asset(path.substring("/assets/".length())).orElseGet(() -> notFound("no such file")));
            return;
        }
        if (path.equals("/metrics")) {
            FullHttpResponse r = ok(Metrics.scrape(api.index().list(x -> true)), Metrics.CONTENT_TYPE);
            send(ctx, req, r);
            return;
        }
        if (path.equals("/api/runs")) {
            int limit = parse(first(q, "limit"), 1000);
            send(ctx, req, ok(api.runs(Optional.ofNullable(blank(first(q, "playbook"))), Optional.ofNullable(blank(first(q, "result"))),
                    limit), JSON));
            return;
        }
        Matcher m = RUN.matcher(path);
        if (m.matches()) {
            String id = m.group(1);
            if (m.group(2) == null) {
                send(ctx, req, api.run(id).map(b -> ok(b, JSON)).orElseGet(() -> notFound("no run '" + id + "' here")));
            } else if (m.group(2).equals("/events") || m.group(2).equals("/changes")) {
                events(ctx, req, id, m.group(2).equals("/changes"));
            } else {
                String task = first(q, "task");
                String host = first(q, "host");
                int play = parse(first(q, "play"), -1);
                Optional<byte[]> out = task == null || host == null ? Optional.empty() : api.output(id, play, task, host);
                send(ctx, req, out.map(b -> ok(b, JSON)).orElseGet(() -> notFound("no result of task " + task + " on " + host
                        + " in run " + id)));
            }
            return;
        }
        send(ctx, req, notFound("no page " + path));
    }

    private void events(ChannelHandlerContext ctx, FullHttpRequest req, String id, boolean changes) {
        Optional<RunRow> row = api.index().row(id);
        if (row.isEmpty()) {
            send(ctx, req, notFound("no run '" + id + "' here"));
            return;
        }
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        security(r);
        ctx.writeAndFlush(r);
        long last = parse(req.headers().get("Last-Event-ID"), 0);
        feeds.watch(ctx.channel(), row.get().id(), api.index().journal(row.get().id()).orElseThrow(), last, changes);
    }

    private static Optional<FullHttpResponse> asset(String name) {
        return Assets.get(name).map(a -> ok(a.bytes(), a.contentType()));
    }

    private static FullHttpResponse ok(byte[] body, String type) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    private static FullHttpResponse notFound(String why) {
        return text(HttpResponseStatus.NOT_FOUND, why + "\n");
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return r;
    }

    private static void security(HttpResponse r) {
        // The page loads only its own files; nothing is framed, sniffed or sent elsewhere.
        r.headers().set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        r.headers().set("X-Content-Type-Options", "nosniff");
        r.headers().set("Referrer-Policy", "no-referrer");
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r) {
        security(r);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setContentLength(r, r.content().readableBytes());
        if (req.method().equals(HttpMethod.HEAD)) {
            r.content().clear();
        }
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(r);
        } else {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String first(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static int parse(String s, int otherwise) {
        try {
            return s == null ? otherwise : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A browser that went away mid-answer, or a TLS handshake from a client that does not trust us.
        ctx.close();
    }

}
