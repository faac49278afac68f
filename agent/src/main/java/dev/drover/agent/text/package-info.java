/**
 * Text helpers shared by modules: {@link dev.drover.agent.text.TextCodec}, which decodes file bytes so that
 * untouched bytes are written back exactly (shell-style patterns, which the controller matches too,
 * are {@code dev.drover.protocol.text.Fnmatch}). Nothing here touches the file system. Modules return a
 * diff's before and after texts, as Ansible's; the controller draws the unified diff. Compiled for
 * Java 8.
 */
package dev.drover.agent.text;
