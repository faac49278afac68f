/**
 * The simulated ACS node's foundation: command-line {@code Flags}, {@code SimException} (a message
 * and an exit code, never a stack trace), {@code Json}. Every other package may use it; it uses
 * none of them ({@code main.SimMain} is the entry point). The simulator is a test double for what
 * cannot exist here (a real ACS); it must behave like ACS wherever a playbook can tell the
 * difference. docs/testbed-acs-sim.md is its contract.
 */
package dev.drover.acssim;
