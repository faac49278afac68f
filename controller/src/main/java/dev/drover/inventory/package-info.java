/**
 * Ansible-compatible inventory model: hosts, groups, and the variables a host sees.
 *
 * <p>{@link dev.drover.inventory.Inventory} is immutable and safe to share between threads once
 * built. It answers the questions a run asks: which hosts exist, which groups a host belongs to,
 * and which variables it sees, merged with ansible-core's precedence: {@code all}'s vars, other
 * groups' vars by depth, {@code ansible_group_priority} and name, then {@code group_vars/} files in
 * the same order, then host vars and {@code host_vars/} files, plus the magic variables
 * {@code inventory_hostname}, {@code group_names}, {@code groups}. Like Ansible it knows an implicit
 * {@code localhost} that no source lists.
 *
 * <p>Not here: reading INI/YAML files, host lists and vars directories ({@code inventory.source}),
 * host patterns and {@code --limit} ({@code inventory.pattern}), {@code ansible-inventory}-style
 * output ({@code inventory.output}). Nothing in this package parses text or prints.
 */
package dev.drover.inventory;
