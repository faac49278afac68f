/**
 * The command line: picocli lives only here. One class per verb; each parses options, calls the
 * domain ({@code execute}, {@code inventory}, ...) and returns an exit code from {@link
 * dev.drover.cli.ExitCodes}. Rendering of results for people (colour, layout) is here too; the
 * domain never prints. Listeners turn run events into each output: {@code PlaybookPrinter} and
 * {@code AdHocPrinter} (Ansible's layout), {@code JsonEvents} ({@code --output json}), {@code
 * JunitReport}; {@code RunOutput} wires them for one run, with the log file and the run id.
 */
package dev.drover.cli;
