/**
 * Python's text forms of plain values ({@code repr} of a float and of a string), shared by everything
 * that prints values the way Ansible (a Python program) does: the templating engine's {@code str()}
 * and {@code repr()} ({@code dev.drover.template}) and {@code drover inventory}'s output
 * ({@code dev.drover.inventory.output}); and reading Python literals back ({@code ast.literal_eval}), for
 * the INI inventory's values and the templar's conversion of rendered text into values. Pure
 * functions; no dependencies.
 */
package dev.drover.python;
