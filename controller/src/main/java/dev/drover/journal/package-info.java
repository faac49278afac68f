/**
 * The run journal: what every {@code drover run} did, as JSON lines in
 * {@code <state>/runs/<run-id>/journal.jsonl} (docs/journal.md), and what is read back from it:
 * {@code drover run --resume}, {@code drover history}.
 *
 * <p>{@link dev.drover.journal.JournalWriter} is a {@link dev.drover.execute.play.PlayListener}:
 * it writes one line per event, straight to the file (no user-space buffer, so a killed controller
 * loses at most the task in flight) and forces it to disk at task and play boundaries.
 * {@link dev.drover.journal.Journal} reads a journal back, tolerating a last line cut by a kill.
 * {@link dev.drover.journal.ResumePlan} (pure) turns a journal into the tasks a resumed run skips.
 * {@link dev.drover.journal.Runs} lists and resolves runs of a state directory.
 *
 * <p>Never in a journal: results of {@code no_log} tasks (status only), {@code Secret} values,
 * extra variables whose names look secret, module invocations. Nothing here prints or parses
 * command lines; that is the CLI's.
 */
package dev.drover.journal;
