/**
 * The command line: picocli lives only here. One class per verb; each parses options, calls the
 * domain ({@code execute}, {@code inventory}, ...) and returns an exit code from {@link
 * dev.drover.cli.ExitCodes}. Rendering a run for people and machines is {@code dev.drover.report}'s;
 * {@code RunOutput} wires its listeners for one run (per {@code --output}, {@code --log-file},
 * {@code --junit-xml}), with the log file and the run id.
 */
package dev.drover.cli;
