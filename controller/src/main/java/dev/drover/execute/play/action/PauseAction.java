package dev.drover.execute.play.action;

import dev.drover.playbook.Coerce;
import java.util.Map;
import java.util.Set;

/**
 * {@code pause} for {@code seconds} or {@code minutes}. drover never waits for typed input (runs are
 * often unattended), so a pause without a duration fails with a clear message instead of hanging.
 */
final class PauseAction implements ControllerAction {
    private static final Set<String> KNOWN = Set.of("seconds", "minutes", "prompt", "echo");

    @Override
    public Map<String, Object> run(Map<String, Object> args, ActionContext ctx) {
        String bad = ControllerAction.unknownArgs("pause", args, KNOWN);
        if (bad != null) {
            return ControllerAction.failed(bad);
        }
        double seconds;
        try {
            if (args.containsKey("minutes")) {
                seconds = Coerce.toPercent(args.get("minutes")) * 60;
            } else if (args.containsKey("seconds")) {
                seconds = Coerce.toPercent(args.get("seconds"));
            } else {
                return ControllerAction.failed("pause: drover does not wait for input; give 'seconds' or 'minutes'"
                        + " (a prompt is shown, but the pause always ends by itself)");
            }
        } catch (IllegalArgumentException e) {
            return ControllerAction.failed("pause: " + e.getMessage().replace("a percentage such as 30 or \"30%\"", "a number"));
        }
        long start = System.nanoTime();
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ControllerAction.failed("pause: interrupted");
        }
        Map<String, Object> r = ControllerAction.ok();
        r.put("delta", (int) ((System.nanoTime() - start) / 1_000_000_000L));
        r.put("user_input", "");
        if (args.containsKey("prompt")) {
            r.put("prompt", args.get("prompt"));
        }
        return r;
    }
}
