/**
 * The Ansible comparison suite: every playbook of {@code playbooks/compat} runs with
 * {@code ansible-playbook} and with {@code drover run} against the same OpenSSH lab hosts, and the
 * exit codes, PLAY RECAP counters and written files must agree. What lives here: the test
 * ({@link dev.drover.compat.AnsibleCompatibilityTest}), how a run is described
 * ({@link dev.drover.compat.CompatPlaybook}), and the two comparisons ({@link dev.drover.compat.Recap},
 * {@link dev.drover.compat.FileTree}). What does not: the playbooks themselves, and the list of known
 * differences (docs/compatibility.md).
 */
package dev.drover.compat;
