/**
 * Reusable test fixtures: {@link dev.drover.testing.MinaSshServer}, an in-process SSH server with
 * real exec and SFTP, and {@link dev.drover.testing.TestKeys}, which writes client key files. Test
 * scope only; nothing here is shipped.
 */
package dev.drover.testing;
