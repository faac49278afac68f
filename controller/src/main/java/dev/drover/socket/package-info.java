/**
 * Unix-socket plumbing shared by the local servers and their clients: {@link
 * dev.drover.socket.SocketStreams} (streams over a blocking socket channel that let one thread read
 * while another writes) and {@link dev.drover.socket.UnixListener} (a 0600 socket closed once). JDK
 * classes only: the thin client's jar packs this package next to {@code cli.thin} ({@code
 * LayeringTest} keeps both JDK-only); {@code SocketStreams}, which the thin client loads, has no
 * lambdas and no string concatenation either, so it costs the client's start no bootstrap methods. What travels over the sockets is not here: the command
 * worker's format is {@code cli.thin.Wire}, the persist process's the agent protocol's frames.
 */
package dev.drover.socket;
