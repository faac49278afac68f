/**
 * Child processes for modules: {@link dev.drover.agent.process.SystemProcessRunner} (the
 * {@link dev.drover.agent.module.ProcessRunner} the agent uses), output capture threads and
 * killing a process tree on timeout. Modules reach this only through the ProcessRunner interface.
 */
package dev.drover.agent.process;
