/**
 * drover's ControlPersist: a per-user background process ({@link PersistServer}, started by
 * {@code drover persist serve}) that keeps each host's SSH connection and started agents between
 * runs, and the CLI's side of it ({@link PersistClient}, an {@code AgentLeaser}).
 *
 * <p>It listens only on a Unix domain socket in a directory only the user can open ({@link PersistDir});
 * a lease is keyed by everything that decides who the agent runs as and whom it talks to
 * ({@link ReuseKey}); after the lease's reply the socket carries the agent protocol's frames
 * unchanged ({@link HeldAgent} relays them). Every failure here makes the CLI connect directly:
 * the process is an optimisation, never a requirement. Not here: SSH itself (transport) and the
 * agent start (remote).
 */
package dev.drover.persist;
