/**
 * The {@code local} transport: commands run as child processes of the controller through
 * {@code /bin/sh -c}, files are copied on the local filesystem. Used for {@code ansible_connection=local}
 * hosts and by tests; it runs the same agent jar as SSH hosts do.
 */
package dev.drover.transport.local;
