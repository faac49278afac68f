/**
 * Renders an inventory the way {@code ansible-inventory} does, so users can diff drover's view of
 * their inventory against Ansible's: {@link dev.drover.inventory.output.InventoryJson} for
 * {@code --list} (and {@code --export}, {@code --host}), {@link dev.drover.inventory.output.InventoryGraph}
 * for {@code --graph [--vars]}. Values are formatted as Python prints them
 * ({@link dev.drover.inventory.output.PythonText}). Pure functions of an inventory; no I/O.
 */
package dev.drover.inventory.output;
