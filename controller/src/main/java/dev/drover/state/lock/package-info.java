/**
 * The overlap lock: one file per lock name under {@link dev.drover.state.StateDir#locks()}, locked
 * with an OS file lock while a run holds it and carrying who holds it (pid, start time, run id, host,
 * playbook), so a second run of the same playbook and inventory refuses at once and names the holder.
 * Nothing here knows the command line or prints; the CLI words the messages.
 */
package dev.drover.state.lock;
