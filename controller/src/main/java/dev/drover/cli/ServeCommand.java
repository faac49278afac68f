package dev.drover.cli;

import dev.drover.serve.Access;
import dev.drover.serve.ServeConfig;
import dev.drover.serve.ServeServer;
import dev.drover.serve.Tls;
import dev.drover.state.StateDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover serve}: the runs of a state directory in a browser, live, with a JSON API and
 * Prometheus metrics (docs/serve.md). Parses options, starts {@link ServeServer}, prints where it
 * listens, and waits for Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Watch runs live in a browser, browse their history, scrape their metrics.",
    "Read-only; listens on 127.0.0.1 unless --bind says otherwise, and then only with TLS and a token.",
    "Examples:",
    "  drover serve                                   http://127.0.0.1:" + ServeCommand.DEFAULT_PORT + "/",
    "  drover serve --state-dir /srv/upgrade/.drover --port 9000",
    "  drover serve --bind 10.0.0.5 --tls-self-signed  prints the certificate's fingerprint and a token, once"})
final class ServeCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8470;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT, description = "Port (default ${DEFAULT-VALUE}; 0: a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ServeConfig.LOOPBACK,
            description = "Address to listen on (default ${DEFAULT-VALUE}). Any other than loopback needs TLS and a token.")
    String bind;

    @Mixin
    StateOptions state;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) for HTTPS; with --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-self-signed", description = "HTTPS with a certificate made now (its SHA-256 fingerprint is printed).")
    boolean selfSigned;

    @Option(names = "--token-file", paramLabel = "FILE", description = "The token to require (default with TLS: a new one, printed once).")
    Path tokenFile;

    /** Set by {@code run --serve}: serve beside that run's process and end with it (and parse no history now). */
    @Option(names = "--beside-run", paramLabel = "PID", hidden = true)
    long besideRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServeConfig config = config();
        ServeServer server;
        try {
            server = ServeServer.start(config, besideRun == 0);
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "drover-serve-stop"));
        if (besideRun != 0) {
            // A run killed before it could stop its page must not leave the server behind.
            ProcessHandle.of(besideRun).ifPresentOrElse(run -> run.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        out.println("drover serve: the runs of " + config.state().runs() + " at " + server.url() + " (read-only; Ctrl-C stops)");
        config.tls().ifPresent(t -> out.println("TLS certificate SHA-256 fingerprint: " + t.fingerprint()));
        config.access().ifPresent(a -> {
            if (tokenFile == null) {
                out.println("Token (shown this once; Prometheus: authorization: {credentials: <token>}): " + a.token());
            }
            out.println("Open " + server.loginUrl(""));
        });
        out.println("Metrics: " + server.url() + "metrics   API: " + server.url() + "api/runs");
        out.flush();
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }

    /** The configuration the options ask for; a refused one is a {@link UserError} (exit 4) before anything listens. */
    ServeConfig config() throws IOException {
        StateDir dir = state.resolve();
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UserError("--tls-cert and --tls-key go together: give both, or --tls-self-signed");
        }
        if (tlsCert != null && selfSigned) {
            throw new UserError("--tls-self-signed or --tls-cert/--tls-key, not both");
        }
        boolean loopback;
        try {
            loopback = ServeConfig.isLoopback(bind);
        } catch (IOException e) {
            throw new UserError("--bind " + bind + ": no such address (" + e.getMessage() + ")");
        }
        if (!loopback && tlsCert == null && !selfSigned) {
            // Before anything is generated or bound: the check below says the same, this is only earlier.
            throw new UserError(new ServeConfig(dir, bind, port, Optional.empty(), Optional.of(Access.generate()))
                    .checkMessage().orElseThrow());
        }
        Optional<Tls> tls = Optional.empty();
        try {
            if (tlsCert != null) {
                tls = Optional.of(Tls.fromFiles(tlsCert, tlsKey));
            } else if (selfSigned) {
                tls = Optional.of(Tls.selfSigned(bind));
            }
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        }
        Optional<Access> access = Optional.empty();
        if (tokenFile != null) {
            try {
                access = Optional.of(Access.of(Files.readString(tokenFile)));
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("--token-file " + tokenFile + ": " + e.getMessage());
            }
        } else if (tls.isPresent()) {
            access = Optional.of(Access.generate());
        }
        ServeConfig config = new ServeConfig(dir, bind, port, tls, access);
        config.checkMessage().ifPresent(m -> {
            throw new UserError(m);
        });
        return config;
    }
}
