package dev.drover.agent;

import dev.drover.protocol.Messages;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code claimed} frames of one keyed step whose {@code run} asked for {@code ack}: one frame
 * where one says it all, and none where the result comes first. A claimed step is acknowledged
 * {@link #delayMillis} after its claim, with the pid of the process it started by then (a command),
 * or without a pid (a file module, wait_for); a step whose result is ready before that is not
 * acknowledged at all (the result says more). Every process the step starts after that frame is
 * named in another frame at once. Before, each command step sent a frame as its process started:
 * for a quick command (most steps of a playbook) that frame was relayed, parsed, journaled and forced
 * to disk by every hop only to be followed by the result a few milliseconds later.
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
     * How long a claimed step waits before it is acknowledged: long enough for a quick command to
     * finish on a loaded host (then no frame at all), short beside any step worth reattaching to.
     * (Not final: tests make it long or short to see each case without a race.)
     */
    static volatile long delayMillis = 100;

    private final long id;
    private final String step;
    private final FrameWriter out;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> pending;
    private boolean sent;
    private boolean finished;
    /** The latest process the step started before its acknowledgement, or -1. */
    private long pid = -1;

    ClaimAck(long id, String step, FrameWriter out, ScheduledExecutorService timer) {
        this.id = id;
        this.step = step;
        this.out = out;
        this.timer = timer;
    }

    /** The step is claimed on the host and about to start. */
    synchronized void claimed() {
        if (!finished && !sent && pending == null) {
            pending = timer.schedule(new Runnable() {
                @Override
                public void run() {
                    late();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void late() {
        pending = null;
        if (!finished && !sent) {
            send(pid);
        }
    }

    /**
     * The step started process {@code pid}: named in the acknowledgement when that is still to come
     * (the step may finish first: then no frame), else in a frame of its own at once.
     */
    synchronized void started(long pid) {
        if (finished) {
            return;
        }
        if (sent) {
            send(pid);
        } else {
            this.pid = pid;
            claimed();
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
