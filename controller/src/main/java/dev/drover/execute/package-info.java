/**
 * Plans and drives runs: which host does what, in what order, with which failure policy. Turns
 * inventory variables into connection settings, opens agents through {@code remote}, and reports
 * results to a {@link dev.drover.execute.RunListener}; it never prints (the CLI renders).
 */
package dev.drover.execute;
