/**
 * {@link dev.drover.trace.Trace}: per-phase timestamps of a run's hot path (a task's start, a host's
 * request leaving, its result arriving, the persist process's relay), off unless {@code DROVER_TRACE}
 * names a file. For finding where a task's milliseconds go ({@code bench/trace-phases.py} reads
 * the file); never output a user relies on. JDK classes only, so any package may mark a phase.
 */
package dev.drover.trace;
