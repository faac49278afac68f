/**
 * Steps that outlive their connection: a {@code run} that carries a step key is claimed in a spool
 * directory on the host ({@code ~/.cache/drover/steps/<sha256(key)>/}, created with one atomic
 * mkdir), its pid, output and result are written there, and any later {@code run} with the same key
 * (a reconnect, a {@code --resume}) is answered from the spool instead of running again.
 * docs/PROTOCOL.md ("Steps and reattachment") is the contract; the session loop that keeps a step
 * alive after end of stream is {@link dev.drover.agent.Session}'s. Async jobs are steps too:
 * {@code async_start} starts detached {@code dev.drover.agent.AsyncJob} processes that own a spool, and
 * {@code async_status} reads it (docs/ARCHITECTURE.md, "Async jobs").
 */
package dev.drover.agent.step;
