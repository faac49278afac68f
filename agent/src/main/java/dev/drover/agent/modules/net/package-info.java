/**
 * The net family: {@code wait_for} (ports, files, log lines, draining connections; the startup
 * gate of a rolling upgrade) and {@code uri} (HTTP(S) requests, for readiness probes and REST calls).
 *
 * <p>Pieces: {@link dev.drover.agent.modules.net.LogFollower} follows a log file incrementally
 * (absent, truncated, rotated files, partial lines) and {@code LineSearch} matches its lines;
 * {@code PortProbe} and {@code TcpConnections} check ports; {@code HttpCall} performs one request
 * with redirects and Basic authentication over {@link java.net.HttpURLConnection}, and
 * {@code RequestBody} encodes request bodies. Python regular expressions come from
 * {@code modules.files.PythonRegex}. Modules run on the agent's session thread and block it while
 * they wait; nothing here starts threads.
 */
package dev.drover.agent.modules.net;
