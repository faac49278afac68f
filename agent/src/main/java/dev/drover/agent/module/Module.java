package dev.drover.agent.module;

/**
 * One unit of work on a host, named in a request (for example {@code command}). A fresh instance is
 * created per request, on the agent's session thread.
 *
 * <p>Contract: a module reports {@code changed} only when it changed something; in check mode it
 * changes nothing and reports what it would have done; it never writes to {@code System.out} (the
 * frame stream), and runs child processes through {@link ModuleContext#processes()} so their output
 * is captured. Expected failures are thrown as {@link ModuleException} and become a failed result.
 */
public interface Module {
    ModuleResult run(Args args, ModuleContext context) throws ModuleException;
}
