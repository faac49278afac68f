/**
 * Text rules the controller and the agent must apply identically, so a pattern matches and a "did
 * you mean" reads the same on both sides: {@link dev.drover.protocol.text.Fnmatch} (Python's
 * fnmatch: inventory patterns on the controller, {@code find}'s patterns on the host) and {@link
 * dev.drover.protocol.text.Suggest} (the closest known name for a misspelt module, argument or
 * keyword). Compiled for Java 8.
 */
package dev.drover.protocol.text;
