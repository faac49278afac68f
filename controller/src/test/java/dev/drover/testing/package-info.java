/**
 * Test harness shared by the controller's tests: the test tiers ({@link dev.drover.testing.Tiers})
 * and the real-OpenSSH lab on loopback ({@link dev.drover.testing.OpenSshLab}, driving
 * {@code testbed/lab/lab.sh}). No production code depends on this package; tests of a feature live
 * next to the feature's package, not here.
 */
package dev.drover.testing;
