/**
 * Rolling execution end to end: {@code serial}, {@code order} and {@code rank},
 * {@code max_fail_percentage}, the safe stop of a serial play, {@code throttle}, {@code run_once}
 * per batch. Local hosts for the fast tier ({@code RollingRunTest}); three real OpenSSH nodes for the
 * rolling restart of a slow service ({@code RollingRestartOpenSshTest}).
 */
package dev.drover.execute.rolling;
