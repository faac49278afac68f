/**
 * The playbook runner ({@code drover run}): {@link dev.drover.execute.play.PlaybookRunner} takes a parsed
 * playbook and an inventory and drives it with Ansible's semantics.
 *
 * <p>Pieces, each separately testable: {@code HostOrdering} (pure: {@code order:} and the {@code rank}
 * host variable), {@code BatchPlanner} (pure: hosts to {@code serial} batches),
 * {@code LinearStrategy} (the order tasks run in within a batch: blocks, includes via {@code Includes},
 * handlers via {@code Handlers}, facts via {@code FactGathering}, meta; those three get a {@code Batch},
 * never the strategy), {@code FailurePolicy} (who leaves the play, recap counters; and, as pure functions, whether a batch's
 * failures stop the play: {@code max_fail_percentage}, the stop of a {@code serial} play),
 * {@code TaskRunner} / {@code TaskCall} (one task on one host: when, loop, until, register,
 * changed_when/failed_when), {@code Variables} (precedence layers and magic variables), {@code Chain}
 * (keyword inheritance from blocks and the play), {@link dev.drover.execute.play.TagFilter} (--tags),
 * and the controller-side actions in {@code action}. For {@code --resume} and Ctrl-C the runner takes a
 * {@link dev.drover.execute.play.CompletedTasks} (what an earlier run completed: replayed, not run)
 * and a {@link dev.drover.execute.play.StopRequest} (checked before each task); it does not know the
 * journal that provides them. {@code Gates} describes what a {@code wait_for}/{@code until} waits for,
 * for the progress events.
 *
 * <p>Checks before any host, shared by {@code run} and {@code check}: {@code Preflight},
 * {@code TemplateChecks}, {@code StaticFiles}; {@code check}'s own: {@code ModuleArgChecks} (module
 * arguments against the protocol module's schemas), {@code PlayTemplates} (templated hosts,
 * vars_files, include names, with the play's vars and {@code -e}) and, given the run's inventory,
 * {@code UndefinedVariables} with {@code DefinableNames} (variables nothing could define).
 * {@code VarsFileChoice} picks a vars_files entry's file (first-found) for the run and the checks.
 *
 * <p>Lifecycle and threads: the run's main thread walks plays, batches and tasks; each task is run on
 * the batch's hosts by a fixed pool of {@code forks} worker threads, and the main thread waits for all
 * of them before the next task (linear strategy). A host's variables and notifications
 * ({@code HostState}) are written only by that host's worker; its play flags (failed, unreachable,
 * ended) only by {@code FailurePolicy}, on the main thread between tasks. Events go to a {@link dev.drover.execute.play.PlayListener}; nothing here
 * prints. A task is resolved for a host into new values (rendered arguments, variables); the playbook
 * model is never changed.
 */
package dev.drover.execute.play;
