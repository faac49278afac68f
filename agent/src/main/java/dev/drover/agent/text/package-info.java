/**
 * Text helpers shared by modules (and, for patterns, by the controller): {@link
 * dev.drover.agent.text.Fnmatch} for shell-style patterns, {@link dev.drover.agent.text.UnifiedDiff}
 * for the {@code diff} field of diff mode, and {@link dev.drover.agent.text.TextCodec}, which decodes
 * file bytes so that untouched bytes are written back exactly. Nothing here touches the file system.
 * Compiled for Java 8.
 */
package dev.drover.agent.text;
