/**
 * ansible.cfg: where it is found ({@code ANSIBLE_CONFIG}, {@code ./ansible.cfg},
 * {@code ~/.ansible.cfg}, {@code /etc/ansible/ansible.cfg}, the first that exists, as Ansible looks),
 * the settings drover has equivalents for, and a warning naming each one it ignores. The CLI applies
 * the settings under its own options: a command-line option always wins.
 */
package dev.drover.config;
