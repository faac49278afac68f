/**
 * Reading the text files a user hands drover (playbooks, task and vars files, inventories): one
 * policy for their size, line length and encoding, so every reader refuses the same hostile or
 * broken input the same way, with the line and column. Parsing is not here: the YAML and INI
 * readers live with what they read (playbook.parse, inventory.source).
 */
package dev.drover.input;
