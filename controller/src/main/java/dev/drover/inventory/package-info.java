/**
 * Ansible-compatible inventory model: hosts, groups, and the variables a host sees.
 *
 * <p>{@link dev.drover.inventory.Inventory} is immutable and safe to share between threads once
 * built. It answers the questions a run asks: which hosts exist and in which order, which groups
 * a host belongs to, and which variables it sees, merged with Ansible's precedence
 * ({@code all} group vars, then other groups by depth, {@code ansible_group_priority} and name,
 * then host vars) plus the magic variables {@code inventory_hostname}, {@code group_names},
 * {@code groups}.
 *
 * <p>Not here: reading INI/YAML files and host lists ({@code inventory.source}), host patterns and
 * {@code --limit} ({@code inventory.pattern}), {@code ansible-inventory}-style output
 * ({@code inventory.output}). Nothing in this package parses text or prints.
 */
package dev.drover.inventory;
