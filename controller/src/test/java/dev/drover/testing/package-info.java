/**
 * Test harness shared by the controller's tests: the test tiers ({@link dev.drover.testing.Tiers}),
 * the real-OpenSSH lab on loopback ({@link dev.drover.testing.OpenSshLab}, driving
 * {@code testbed/lab/lab.sh}), a private PostgreSQL cluster ({@link dev.drover.testing.PostgresLab}), the in-process SSH server with real exec and SFTP
 * ({@link dev.drover.testing.MinaSshServer}) and client key files ({@link dev.drover.testing.TestKeys}).
 * Test scope only; tests of a feature live next to the feature's package, not here.
 */
package dev.drover.testing;
