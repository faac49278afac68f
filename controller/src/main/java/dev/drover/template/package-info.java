/**
 * Templating and expressions with Ansible's Jinja2 semantics, behind {@link dev.drover.template.Templater}.
 *
 * <p>What lives here: rendering {@code {{ }}} strings inside task arguments, evaluating the bare
 * expressions of {@code when}, {@code failed_when}, {@code changed_when} and {@code until}, the filters
 * and tests operators know from Ansible, the {@code omit} placeholder ({@link dev.drover.template.Omit}),
 * the {@link dev.drover.template.Unsafe} marker for values that must never be rendered, and the errors a
 * template can raise ({@link dev.drover.template.TemplateException},
 * {@link dev.drover.template.UndefinedVariableException}). This is Jinjava's only home: no other package
 * imports it, so the engine can be replaced without touching callers.
 *
 * <p>What does not live here: deciding which variables are visible to a task (variable precedence is the
 * executor's), file templates pushed to hosts, lookups that read the controller's files or environment,
 * and anything that knows about tasks, hosts or files. Errors carry the template text and the engine's
 * reason; the caller adds the task name and file:line.
 *
 * <p>How a call runs: each call builds a fresh {@link dev.drover.template.Evaluation} (a Jinjava scope that
 * reads the caller's variables through {@link dev.drover.template.LazyVars}, without copying them, and
 * renders templated variable values on first use) and a fresh interpreter; the one Jinjava instance, its
 * configuration and the filter and test libraries are built once and only read afterwards. Missing
 * variables resolve to an {@link dev.drover.template.Undefined} marker that only {@code is defined},
 * {@code default} and friends may touch; any other use fails the call with the variable's name, as
 * Ansible's strict undefined does. Templates cannot change variables: only reading methods of maps and
 * lists may be called, since the same variables are shared by many hosts.
 *
 * <p>Files: {@code Templater} is the API and {@code JinjaTemplater} its engine setup; {@code TemplateText}
 * reads template text before the engine does; {@code AnsibleResolver}, {@code PyMethods} and
 * {@code PyStrings} give attribute and method access Python's meaning; {@code PyValues}, {@code PyCompare},
 * {@code PyJson} and {@code PyRegex} are Python's value semantics; {@code *Filters}, {@code AnsibleTests}
 * and {@code Versions} are the library, registered by {@code AnsibleLibrary}; {@code PyClass} names the
 * Python class Ansible gives text by its origin (unsafe, native, vault), which an evaluation records by
 * identity for the values it meets ({@code type_debug}, {@code is vault_encrypted}).
 */
package dev.drover.template;
