/**
 * The simulator's data tools as jar commands: {@code amp} (test module packages), {@code seed},
 * {@code fingerprint} and {@code db dump|restore|drop}. {@link dev.drover.acssim.tools.ToolCommands}
 * is the one entry point {@code SimMain} delegates these command names to; each command parses its
 * flags with {@link dev.drover.acssim.tools.Flags} and calls its domain package
 * ({@code mmt}, {@code seed}, {@code fingerprint}, {@code dbtool}).
 *
 * <p>Not here: {@code dist} and {@code node} (the runtime's packages), and no domain logic.
 */
package dev.drover.acssim.tools;
