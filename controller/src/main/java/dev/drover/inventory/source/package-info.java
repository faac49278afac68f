/**
 * Reading inventory sources into an {@link dev.drover.inventory.Inventory}, with Ansible's
 * semantics: INI files ({@link dev.drover.inventory.source.IniInventoryParser}), YAML files
 * ({@link dev.drover.inventory.source.YamlInventoryParser}), comma-separated host lists, and
 * several sources merged in order. {@link dev.drover.inventory.source.InventorySources} is the
 * entry point and picks the parser for a source the way Ansible's plugin order does.
 *
 * <p>Parsers write into one {@link dev.drover.inventory.source.InventoryBuilder}, the counterpart
 * of Ansible's {@code InventoryData}: it keeps first-seen order, rejects group cycles, and at the
 * end makes every group a descendant of {@code all} and puts group-less hosts in
 * {@code ungrouped}. Every error names {@code file:line:column}.
 *
 * <p>This package is the only user of the YAML parser (Jackson's YAML streaming parser) in the
 * inventory. Not here: host patterns, output formats, connection settings.
 */
package dev.drover.inventory.source;
