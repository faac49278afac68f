/**
 * The controller-agent wire format, the one module both sides depend on (module {@code protocol};
 * the agent jar carries these classes, the controller compiles against them and never against the
 * agent's own packages). Preamble marker, length-prefixed JSON frames, the message vocabulary, and
 * {@link dev.drover.protocol.ModuleNames}: the modules an agent of this build runs, which the
 * controller's parser accepts, and {@link dev.drover.protocol.ModuleArgs}: the arguments each takes,
 * which {@code drover check} holds tasks to. docs/PROTOCOL.md is the prose version. Nothing here does I/O on its
 * own threads. Compiled for Java 8.
 */
package dev.drover.protocol;
