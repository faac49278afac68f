/**
 * Ansible host patterns and {@code --limit}: which hosts a play or command targets.
 * {@link dev.drover.inventory.pattern.HostSelector} evaluates a pattern against an inventory into a
 * {@link dev.drover.inventory.pattern.Selection}. Syntax and order follow ansible-core's
 * {@code InventoryManager}: terms separated by {@code ,} or {@code :}, unions first, then
 * {@code &} intersections, then {@code !} exclusions; globs, {@code ~regex}, {@code group[0]} and
 * {@code group[1:3]} subscripts. Pure functions of an immutable inventory; no caching, no state.
 */
package dev.drover.inventory.pattern;
