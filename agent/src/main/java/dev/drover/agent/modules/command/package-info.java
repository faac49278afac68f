/**
 * The command family: {@code command} (a program without a shell) and {@code shell} (a string for
 * {@code /bin/sh -c}), with Ansible's arguments and result fields. Python-compatible helpers live
 * beside them because the semantics must match Ansible's to the character: {@code Shlex} (word
 * splitting), {@code Expansion} ($VAR and ~), {@code Glob} (creates/removes) and {@code TextLines}
 * (stdout_lines). Processes run through {@link dev.drover.agent.module.ProcessRunner} only.
 */
package dev.drover.agent.modules.command;
