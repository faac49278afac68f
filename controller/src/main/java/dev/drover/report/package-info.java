/**
 * Everything that renders a run, and nothing else: listeners that turn run events into each output.
 * {@code PlaybookPrinter} and {@code AdHocPrinter} write Ansible's layout for people ({@link
 * dev.drover.report.Style} for colour, {@code GateProgress} for a rolling gate's wait), {@code
 * JsonEvents} the {@code --output json} event stream, {@code JunitReport} the {@code --junit-xml}
 * report, {@code DemoPrinter} the demo's story. Only the CLI uses this package (an ArchUnit rule);
 * the domain never prints, and this package never reaches a host or the journal.
 */
package dev.drover.report;
