/**
 * The simulated ACS node: {@code SimMain} dispatches the jar's commands (start a node, build a
 * distribution, seed a repository, fingerprint it, dump and restore the embedded database). The
 * simulator is a test double for what cannot exist here (a real ACS); it must behave like ACS
 * wherever a playbook can tell the difference. docs/testbed-acs-sim.md is its contract.
 */
package dev.drover.acssim;
