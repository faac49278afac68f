/**
 * Reads playbooks and task files into the {@code dev.drover.playbook} model, reporting every mistake
 * as a {@link dev.drover.playbook.PlaybookException} with {@code file:line:column}, the offending
 * line with a caret, and a hint.
 *
 * <p>Two stages. {@code YamlReader} turns text into a small positioned tree ({@code YamlNode}:
 * mapping, sequence, scalar, each with its {@link dev.drover.playbook.SourcePos}) using jackson's
 * streaming YAML parser, because jackson's {@code JsonNode} forgets locations. Scalars are typed by
 * YAML 1.1 rules as PyYAML (and so Ansible) does: {@code yes} is a boolean, {@code 0755} an octal
 * integer. Then {@code PlayReader} and {@code TaskReader} map the tree onto the model, with the
 * keyword tables in {@code Keywords} and Ansible's {@code k=v} argument splitting in
 * {@code KeyValueArgs}.
 *
 * <p>Entry points: {@link dev.drover.playbook.parse.PlaybookParser} and
 * {@link dev.drover.playbook.parse.TaskFileParser} (for {@code include_tasks} at run time). This is
 * the only package that touches the YAML library. Parsers are immutable and thread-safe; each
 * {@code parse} call uses its own state.
 */
package dev.drover.playbook.parse;
