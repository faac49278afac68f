/**
 * Reference checks over a parsed playbook, for {@code drover check}: every {@code notify} reaches a
 * handler, files named without templates exist, variable names are valid. Unlike the parser,
 * which stops at the first mistake, the checker collects every {@link dev.drover.playbook.check.Problem}
 * so the user can fix them in one pass. It reads the model and the file system, never YAML.
 */
package dev.drover.playbook.check;
