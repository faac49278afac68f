package dev.drover.agent.step;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.util.Map;
import java.util.Properties;

/**
 * {@code async_status}: the state of a job {@code async_start} began, read from its step spool, with
 * Ansible's fields and words: running ({@code started: 1, finished: 0}), finished (the module's own
 * result plus {@code finished: 1}), {@code could not find job}; {@code mode: cleanup} removes the
 * spool ({@code erased}). A job whose process died without a result is failed, saying so.
 */
public final class AsyncStatusModule implements Module {
    @Override
    public ModuleResult run(Args args, ModuleContext context) throws ModuleException {
        args.allow("jid", "mode");
        String jid = args.requireString("jid");
        String mode = args.choice("mode", "status", "status", "cleanup");
        StepSpool spool = StepSpool.named(StepSpool.root(), jid);
        String resultsFile = spool == null ? jid : spool.dir().resolve("result.json").toString();
        if (spool == null || !spool.exists()) {
            ModuleResult missing = ModuleResult.failed("could not find job");
            job(jid, resultsFile, 1, 1).forEach(missing::with);
            return missing;
        }
        if (mode.equals("cleanup")) {
            spool.delete();
            return ModuleResult.ok().with("ansible_job_id", jid).with("erased", spool.dir().toString())
                    .with("started", 0).with("finished", 0);
        }
        Map<String, Object> data = spool.readResult();
        if (data == null) {
            Properties claim = spool.readClaim();
            if (claim != null && !spool.ownerAlive(claim) && (data = spool.readResult()) == null) {
                ModuleResult died = ModuleResult.failed("the async job's process died before it wrote a result;"
                        + " its output: " + spool.outputTail(10).trim());
                job(jid, resultsFile, 1, 1).forEach(died::with);
                return died;
            }
            if (data == null) {
                ModuleResult running = ModuleResult.ok();
                job(jid, resultsFile, 1, 0).forEach(running::with);
                return running;
            }
        }
        ModuleResult result = ModuleResult.changed(Boolean.TRUE.equals(data.get("changed")));
        data.forEach(result::with);
        job(jid, resultsFile, 1, 1).forEach(result::with);
        return result;
    }

    private static Map<String, Object> job(String jid, String resultsFile, int started, int finished) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("ansible_job_id", jid);
        m.put("results_file", resultsFile);
        m.put("started", started);
        m.put("finished", finished);
        return m;
    }
}
