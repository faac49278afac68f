package dev.drover.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * {@code drover serve}'s web server (netty): one boss thread accepts, one I/O thread reads and
 * writes, two handler threads answer (they read journals from disk, so they are not the I/O thread).
 * Started by {@link #start}, stopped by {@link #close}, which closes the port and every open event
 * stream. A server embedded in {@code drover run --serve} runs on these daemon threads beside the
 * run and never calls into it: it only reads the journal the run writes.
 */
public final class ServeServer implements AutoCloseable {
    private final ServeConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final EventExecutorGroup handlers;
    private final Channel channel;
    private final ChannelGroup connections;

    private ServeServer(ServeConfig config, EventLoopGroup boss, EventLoopGroup io, EventExecutorGroup handlers, Channel channel,
            ChannelGroup connections) {
        this.config = config;
        this.connections = connections;
        this.boss = boss;
        this.io = io;
        this.handlers = handlers;
        this.channel = channel;
    }

    /** Checks {@code config} ({@link ServeConfig#check}) and listens; a taken port is an IOException naming it. */
    public static ServeServer start(ServeConfig config) throws IOException {
        return start(config, true);
    }

    /**
     * As {@link #start(ServeConfig)}; {@code parseHistory}: parse every journal of the state
     * directory now, in the background, so the runs list answers at once. A server beside a run
     * ({@code drover run --serve}) does not: its page is the run's, and the history, parsed in the
     * run's own JVM, would cost the run the CPU of reading every journal the state directory holds.
     */
    public static ServeServer start(ServeConfig config, boolean parseHistory) throws IOException {
        config.check();
        RunIndex index = RunIndex.forCurrentUser(config.state());
        Api api = new Api(index);
        EventLoopGroup boss = new NioEventLoopGroup(1, daemon("drover-serve-accept"));
        EventLoopGroup io = new NioEventLoopGroup(1, daemon("drover-serve-io"));
        EventExecutorGroup handlers = new DefaultEventExecutorGroup(2, daemon("drover-serve"));
        // Every run's event stream on one of the two answering threads: one tail per run, whoever watches.
        HttpHandler handler = new HttpHandler(api, new Feeds(api, handlers.next()), config.access(), config.tls().isPresent());
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        config.tls().ifPresent(t -> p.addLast(t.context().newHandler(ch.alloc())));
                        p.addLast(new HttpServerCodec());
                        p.addLast(new HttpObjectAggregator(64 * 1024));
                        p.addLast(handlers, handler);
                    }
                });
        try {
            Channel ch = b.bind(new InetSocketAddress(config.bind(), config.port())).sync().channel();
            // Parse the history once now, in the background, so the first visit does not wait for it.
            if (parseHistory) {
                handlers.execute(() -> index.list(r -> true));
            }
            return new ServeServer(config, boss, io, handlers, ch, connections);
        } catch (Exception e) {
            boss.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            io.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            handlers.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String why = e instanceof BindException ? "the port is taken or the address is not this machine's" : e.toString();
            throw new IOException("cannot listen on " + config.bind() + ":" + config.port() + ": " + why, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return new io.netty.util.concurrent.DefaultThreadFactory(name, true);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The server's base URL, ending in {@code /}. */
    public String url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return config.scheme() + "://" + host + ":" + port() + "/";
    }

    /** The URL a browser opens first: with the token, when there is one (the server then sets a cookie). */
    public String loginUrl(String path) {
        return url() + path + config.access().map(a -> "?token=" + a.token()).orElse("");
    }

    @Override
    public void close() {
        // Every connection first; then all threads together, each staying up until nothing was
        // handed to it for 100 ms (a closing connection's clean-up goes back and forth between them).
        channel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
        List<Future<?>> stopping = new java.util.ArrayList<>();
        for (EventExecutorGroup g : List.of(boss, io, handlers)) {
            stopping.add(g.shutdownGracefully(100, 2000, java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        stopping.forEach(Future::syncUninterruptibly);
    }
}
