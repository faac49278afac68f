package dev.drover.agent;

import dev.drover.protocol.Messages;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code claimed} frames of one keyed step whose {@code run} asked for {@code ack}: one frame
 * where one says it all. A step that starts a process at once (a command) is acknowledged once, with
 * that process's pid, as it starts; one that runs without a process (a file module, wait_for) is
 * acknowledged without a pid {@link #delayMillis} after its claim, and not at all when its result
 * comes first (the result says more). Every later process the step starts is named in another
 * frame. Before, each command step sent two frames (the claim, then the pid), each relayed, parsed
 * and journaled by every hop.
 *
 * <p>What the delay costs: a connection lost in those milliseconds leaves the controller not knowing
 * that the step was claimed, so it sends it again without {@code attach}; the host's spool still
 * answers it (never started twice), as for a claim whose frame was lost with the connection.
 *
 * <p>Threading: {@link #claimed} and {@link #finished} are called by the worker thread,
 * {@link #started} by the thread that started a process, the delayed frame by the timer; all under
 * this object's lock, which is never held while another lock is taken but the frame writer's.
 */
final class ClaimAck {
    /**
     * How long a claimed step without a process waits before it is acknowledged on its own: long
     * enough for a command's process to start on a loaded host, short beside any step worth
     * reattaching to. (Not final: a test makes it long to see the single frame without a race.)
     */
    static volatile long delayMillis = 100;

    private final long id;
    private final String step;
    private final FrameWriter out;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private boolean sent;
    private boolean finished;

    ClaimAck(long id, String step, FrameWriter out, ScheduledExecutorService timer) {
        this.id = id;
        this.step = step;
        this.out = out;
        this.timer = timer;
    }

    /** The step is claimed on the host and about to start. */
    synchronized void claimed() {
        if (!finished && !sent) {
            pending = timer.schedule(new Runnable() {
                @Override
                public void run() {
                    late();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void late() {
        if (!finished && !sent) {
            send(-1);
        }
    }

    /** The step started process {@code pid}: named to the controller (the first frame, or another). */
    synchronized void started(long pid) {
        if (!finished) {
            cancel();
            send(pid);
        }
    }

    /** The step's result is about to be sent: no frame after it. */
    synchronized void finished() {
        finished = true;
        cancel();
    }

    private void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void send(long pid) {
        sent = true;
        try {
            out.send(Messages.claimed(id, step, pid));
        } catch (IOException e) {
            // The controller is most likely gone; the step goes on under its grace.
        }
    }
}
