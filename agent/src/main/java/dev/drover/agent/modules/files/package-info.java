/**
 * The file modules ({@code file}, {@code stat}, {@code copy}, {@code lineinfile}, {@code replace},
 * {@code properties}, {@code slurp}; registered by {@link dev.drover.agent.modules.files.FileModules})
 * and the small pieces they share: mode parsing ({@link dev.drover.agent.modules.files.FileModes}),
 * mode/owner/group application ({@link dev.drover.agent.modules.files.FileAttributes}), atomic
 * replacement ({@link dev.drover.agent.modules.files.AtomicWrite}), backups, checksums, Python
 * regular expressions and the check/diff/backup flow of text edits
 * ({@link dev.drover.agent.modules.files.TextEdit}). Archive formats live in
 * {@code modules.archive}; byte-preserving decoding in {@code dev.drover.agent.text}.
 *
 * <p>Every module follows Ansible's arguments, return fields and changed rules unless its class
 * comment says otherwise, supports check mode, and returns Ansible's {@code diff} (before/after
 * texts with headers, or {@code file}'s before/after mappings, {@link dev.drover.agent.modules.files.FileDiff});
 * the controller draws it as a unified diff. Modules run on the agent's session thread, one instance per request.
 */
package dev.drover.agent.modules.files;
