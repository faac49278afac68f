/**
 * The node's HTTP endpoints (netty): the repository server API, discovery, for 6.x+ the readiness and
 * liveness probes, the public REST API's tickets, nodes and module packages ({@code PublicApi}), Share's
 * login page and Solr 4's backup commands. The server only renders what a
 * {@link dev.drover.acssim.http.Repository} reports and reads and writes documents through
 * {@link dev.drover.acssim.http.Documents}; it knows nothing of schemas, databases or startup. Threading:
 * netty's event loop calls both, which must be safe to use from any thread.
 */
package dev.drover.acssim.http;
