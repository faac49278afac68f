/**
 * {@code drover demo}: the ACS cluster upgrade on a sandbox that needs nothing but Java. A sandbox is
 * one directory holding three simulated ACS nodes (the {@code testbed/acs-sim} simulator), each
 * reached over SSH served in-process by Apache MINA SSHD on a loopback port; the real agent and the
 * real {@code playbooks/acs-cluster-upgrade.yml} then run against it through the normal {@code run}
 * code path.
 *
 * <p>Lifecycle, owned by {@link dev.drover.demo.Sandbox}: create the directory, keys and SSH servers;
 * build the distributions; install, start and seed the old version; fingerprint the data; (the CLI
 * runs the playbook); fingerprint again; stop every simulated node; close the servers; delete the
 * directory unless kept. The SSH servers live in this JVM, so they die with it.
 *
 * <p>What does not live here: the run itself (the CLI's {@code run} command), picocli, sshj. MINA
 * SSHD lives only here (and in tests): it is a server, and drover itself is only ever a client.
 */
package dev.drover.demo;
