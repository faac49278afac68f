/**
 * Task actions the controller carries out itself, as Ansible's action plugins do: {@code debug},
 * {@code set_fact}, {@code assert}, {@code fail}, {@code include_vars}, {@code pause}, and the ones
 * that read or write controller files around an agent call: {@code template}, {@code copy} with a
 * controller-side {@code src}, {@code fetch}. {@code meta} is not here: it steers the strategy and is
 * handled there.
 *
 * <p>An action gets the task's rendered arguments and an {@link dev.drover.execute.play.action.ActionContext}
 * (variables, templater, directories, a way to call the host's agent) and returns a result map in
 * Ansible's shape. Actions keep no state; they run on host threads concurrently.
 */
package dev.drover.execute.play.action;
