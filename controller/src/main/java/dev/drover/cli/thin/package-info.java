/**
 * The thin client: what {@code ./drover} starts for {@code --version} and for an {@code exec} that a
 * warm command worker ({@code drover persist work}) may run. JDK classes only (it ships as its own
 * small jar, {@code drover-controller-*-thin.jar}, with the package {@code dev.drover.socket} it reads
 * its socket through), so its JVM starts like a hello world; the
 * worker, a JVM with drover loaded and compiled, runs the command. {@link
 * dev.drover.cli.thin.Identity} decides which worker may run a client's command, {@link
 * dev.drover.cli.thin.Wire} is their wire format.
 */
package dev.drover.cli.thin;
