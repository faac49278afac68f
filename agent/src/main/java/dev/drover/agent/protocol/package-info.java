/**
 * The controller-agent wire format, shared by both sides (the controller depends on the thin agent
 * jar for exactly these classes). Preamble marker, length-prefixed JSON frames and the message
 * vocabulary; docs/PROTOCOL.md is the prose version. Nothing here does I/O on its own threads.
 * Compiled for Java 8.
 */
package dev.drover.agent.protocol;
