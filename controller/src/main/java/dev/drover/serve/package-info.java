/**
 * {@code drover serve}: a small read-only web server over a state directory's run journals
 * (docs/serve.md). The runs list, one run's live grid, a host's output, the JSON API with its event
 * stream, and Prometheus metrics.
 *
 * <p>Data flow: {@link dev.drover.serve.RunIndex} lists the journals the serving user owns, each
 * read from where its last read stopped ({@code RowFold}); a run's page data comes from a
 * {@code RunModel} (its {@code Grid}) fed line by line by a {@code JournalTail} that follows the
 * growing file, so a run started before the page opened, or still running, reads the same way.
 * The page draws the server's model: a snapshot, then the parts each poll changed
 * ({@code EventStream}); it folds no journal lines itself. Nothing here writes a journal or talks to a run: the run's
 * only cost is the file it writes anyway.
 *
 * <p>Safety: {@link dev.drover.serve.ServeConfig} binds loopback by default and refuses any other
 * address without TLS ({@link dev.drover.serve.Tls}; BouncyCastle makes the self-signed certificate,
 * an exception to its home in {@code transport.ssh}) and a token ({@link dev.drover.serve.Access}).
 * Secrets: the journal masked them when it was written; pages show its values as they are.
 *
 * <p>Not here: command-line parsing (the CLI's {@code ServeCommand}), and netty outside this
 * package.
 */
package dev.drover.serve;
