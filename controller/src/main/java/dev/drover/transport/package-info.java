/**
 * The small transport contract every connection type implements: exec a command with streaming
 * stdio, upload, download, close. {@code ssh/} (sshj) and {@code local/} (child processes) are the
 * implementations. Printing never travels through a transport; it knows nothing of agents or
 * playbooks.
 */
package dev.drover.transport;
