/**
 * The immutable playbook model: {@link dev.drover.playbook.Playbook} holds
 * {@link dev.drover.playbook.Play}s, a play holds {@link dev.drover.playbook.Task}s (a module call,
 * a block, or an {@code include_tasks} resolved at run time). Every node carries the
 * {@link dev.drover.playbook.SourcePos} it came from.
 *
 * <p>Values are kept as written: module arguments, {@code when} expressions, variables and templated
 * keywords are raw and unrendered. The executor resolves a task for a host into a new value; nothing
 * here is ever templated in place (Ansible's {@code post_validate} mutation is what we avoid). A
 * keyword the user did not set is {@link dev.drover.playbook.Setting.Unset}, distinct from an
 * explicit value, so the executor can apply Ansible's inheritance (task, enclosing blocks, play).
 *
 * <p>Parsing YAML into this model lives in {@code parse}; reference checks over a parsed model
 * ({@code drover check}) live in {@code check}. This package has no YAML, no templating and no I/O.
 * All types are immutable and safe to share between threads.
 */
package dev.drover.playbook;
