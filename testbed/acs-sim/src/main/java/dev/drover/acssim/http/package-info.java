/**
 * The node's HTTP endpoints (netty): the repository server API, discovery, and for 6.x+ the readiness and
 * liveness probes. The server only renders what a {@link dev.drover.acssim.http.Repository} reports; it
 * knows nothing of schemas or startup. Threading: netty's event loop calls the repository view, which must
 * be safe to read from any thread.
 */
package dev.drover.acssim.http;
