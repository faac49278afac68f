/**
 * Module implementations, one subpackage per family ({@code command}, {@code system}, ...), and
 * {@link dev.drover.agent.modules.BuiltinModules}, the one list of families the agent offers.
 * A new family adds a {@code XxxModules.register(registry)} class and one line there.
 */
package dev.drover.agent.modules;
