/**
 * The module SPI: {@link dev.drover.agent.module.Module}, the name-to-factory
 * {@link dev.drover.agent.module.ModuleRegistry}, typed {@link dev.drover.agent.module.Args}, the
 * {@link dev.drover.agent.module.ModuleContext} a module runs in and its
 * {@link dev.drover.agent.module.ModuleResult}. Module implementations live in
 * {@code dev.drover.agent.modules.<family>}, never here.
 */
package dev.drover.agent.module;
