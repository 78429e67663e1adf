package org.fpt.train;

import java.time.Duration;

/**
 * Work in an engine's native code that a JVM shutdown must not cut through. On SIGTERM or Ctrl-C the JVM runs its
 * shutdown hooks while the other threads go on, then exits, and libtorch's state torn down under a running backward
 * pass crashed the JVM: SIGSEGV and an hs_err file for an ordinary stop
 * (fpt-bench/results/diagnostics/sigterm-during-backward-2026-12-07/). So a training step, an evaluation batch and
 * a checkpoint write each run as a {@link #begin() unit}: once a shutdown starts, a thread about to begin one waits
 * for the exit instead, and the shutdown waits (at most {@link #MAX_WAIT}) for the units in flight. Stopping between
 * two units loses nothing a resume cannot redo: it goes on from the last checkpoint.
 */
public final class NativeWork implements AutoCloseable {
    /**
     * Longer than any step the Table-1 runs take (under a minute), and bounded: a unit still running then is cut as
     * before (fpt-bench/results/speed/lstm-fused-2026-12-07-amd-epyc-zen5.txt: a 183 s step, stopped, still crashed).
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(120);

    private static final Object LOCK = new Object();
    /** Units in flight, over all threads. */
    private static int inFlight;
    private static boolean stopping;
    private static boolean hooked;
    /** A unit begun inside another on the same thread is part of the outer one. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final NativeWork UNIT = new NativeWork();

    private NativeWork() {
    }

    /** Registers the shutdown hook now, before any native work (an engine or a body loading) could be cut by a stop. */
    public static void install() {
        synchronized (LOCK) {
            hookOnce();
        }
    }

    /** Starts a unit, to be closed when its native work (arrays freed included) is done; waits for the exit when stopping. */
    public static NativeWork begin() {
        int[] depth = DEPTH.get();
        if (depth[0] == 0) {
            synchronized (LOCK) {
                hookOnce();
                while (stopping) {
                    waitUninterruptibly(0); // the JVM exits once the units in flight are done
                }
                inFlight++;
            }
        }
        depth[0]++;
        return UNIT;
    }

    /** Ends the unit; during a shutdown the thread then waits for the exit, so no native call follows the unit. */
    @Override
    public void close() {
        int[] depth = DEPTH.get();
        if (--depth[0] == 0) {
            synchronized (LOCK) {
                inFlight--;
                LOCK.notifyAll();
                while (stopping) {
                    waitUninterruptibly(0);
                }
            }
        }
    }

    private static void hookOnce() {
        if (hooked) {
            return;
        }
        hooked = true;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(NativeWork::stopAfterUnitsInFlight, "fpt-await-native-work"));
        } catch (IllegalStateException alreadyShuttingDown) {
            stopping = true;
        }
    }

    /**
     * Lets no unit start or go on past its end, and waits (at most {@link #MAX_WAIT}) for those in flight: what a
     * shutdown does, and what a caller does before {@code Runtime.halt}, which skips shutdown hooks but not the C
     * library's exit handlers that tear libtorch down.
     */
    public static void stopAfterUnitsInFlight() {
        synchronized (LOCK) {
            stopping = true;
            if (inFlight > 0) {
                System.err.println("fpt: stopping after the step, evaluation batch or checkpoint write in progress (at most "
                        + MAX_WAIT.toSeconds() + " s)");
            }
            long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (inFlight > 0 && System.nanoTime() < deadline) {
                waitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
    }

    /** {@code LOCK.wait}, held by the caller; an interrupt neither ends a shutdown nor lets a unit start during one. */
    private static void waitUninterruptibly(long millis) {
        try {
            LOCK.wait(millis);
        } catch (InterruptedException e) {
            // dropped (the exception cleared it): a unit must not start during a shutdown, and the wait is bounded anyway
        }
    }
}
