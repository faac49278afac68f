package dev.drover.acssim.http;

import dev.drover.acssim.solr.SolrReplication;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;

/**
 * The node's HTTP listener on {@code alfresco.host:alfresco.port}. One boss and one worker thread (daemon
 * threads: the node's main thread decides when the JVM ends). {@link #close()} stops accepting and
 * releases the port.
 */
public final class HttpServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;

    private HttpServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds and starts serving.
     *
     * @throws Exception the bind failure (port in use, address not local)
     */
    public static HttpServer start(String host, int port, Repository repo) throws Exception {
        return start(host, port, repo, null);
    }

    /**
     * Binds and starts serving, with Solr 4's replication handler when {@code solr} is not null (5.x).
     *
     * @throws Exception the bind failure (port in use, address not local)
     */
    public static HttpServer start(String host, int port, Repository repo, SolrReplication solr) throws Exception {
        return start(host, port, new Endpoints(repo, solr));
    }

    /**
     * Binds and starts serving the whole node: the repository with its public REST API on {@code docs}, Solr 4
     * when {@code solr} is not null, Share's login page when {@code share}.
     *
     * @throws Exception the bind failure (port in use, address not local)
     */
    public static HttpServer start(String host, int port, Repository repo, SolrReplication solr, Documents docs,
            String adminPassword, boolean share) throws Exception {
        return start(host, port, new Endpoints(repo, solr, docs, adminPassword, share));
    }

    private static HttpServer start(String host, int port, final Endpoints endpoints) throws Exception {
        EventLoopGroup group = new NioEventLoopGroup(2, r -> {
            Thread t = new Thread(r, "http-nio-" + port);
            t.setDaemon(true);
            return t;
        });
        try {
            Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 << 20),
                                    new Handler(endpoints));
                        }
                    }).bind(new InetSocketAddress(host, port)).sync().channel();
            return new HttpServer(group, ch);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS).awaitUninterruptibly();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Endpoints endpoints;

        Handler(Endpoints endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            byte[] in = new byte[req.content().readableBytes()];
            req.content().readBytes(in);
            Endpoints.Response r = endpoints.handle(new Endpoints.Request(req.method().name(), req.uri(),
                    req.headers().get(HttpHeaderNames.AUTHORIZATION), req.headers().get(HttpHeaderNames.CONTENT_TYPE), in));
            byte[] body = r.bytes;
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(r.status), Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (r.status == 401) {
                res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Alfresco\"");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
