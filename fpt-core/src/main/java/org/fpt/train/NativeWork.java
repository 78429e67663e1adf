package org.fpt.train;

import java.time.Duration;

/**
 * Work in an engine's native code that a JVM shutdown must not cut through. On SIGTERM or Ctrl-C the JVM runs its
 * shutdown hooks while the other threads go on, then exits, and libtorch's state torn down under a running backward
 * pass crashed the JVM: SIGSEGV and an hs_err file for an ordinary stop
 * (fpt-bench/results/diagnostics/sigterm-during-backward-2026-12-07/). So a training step, an evaluation batch and
 * a checkpoint write each run as a {@link #begin() unit}: once a shutdown starts, a thread about to begin one waits
 * for the exit instead, and the shutdown waits (at most {@link #waitBound()}) for the units in flight. Stopping between
 * two units loses nothing a resume cannot redo: it goes on from the last checkpoint.
 */
public final class NativeWork implements AutoCloseable {
    /**
     * The shortest bound on the wait: longer than a Table-1 step on an idle machine (under a minute). A fixed bound
     * alone was not enough: a step written out token by token took 183 s and, stopped, still crashed
     * (fpt-bench/results/speed/lstm-fused-2026-12-07-amd-epyc-zen5.txt).
     */
    static final Duration MIN_WAIT = Duration.ofSeconds(120);
    /**
     * The wait also covers this many times the longest unit finished so far, since load slows the unit in flight: on
     * one machine the Table-1 CIFAR-10 LRA run's steps took 25-32 s beside the other lane and 52-68 s with
     * {@code .ci/run} beside it too (2.7x; fpt-bench/results/table1-cifar10-lra/, its metrics, steps 502-530 of session 12).
     * The first unit after a start (loading the body, the first step) has only {@link #MIN_WAIT}: nothing is measured yet.
     */
    static final int LONGEST_UNIT_FACTOR = 4;
    /**
     * And never longer than this: a process paused with SIGSTOP or Ctrl-Z in a unit makes that unit look as long as
     * the pause (the same metrics: steps 525 and 528, paused for a benchmark, "took" 406 and 362 s), and a
     * supervisor's SIGTERM must not then wait an hour.
     */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private static final Object LOCK = new Object();
    /** Units in flight, over all threads. */
    private static int inFlight;
    private static boolean stopping;
    private static boolean hooked;
    /** The longest outermost unit finished so far in this JVM, in nanoseconds. */
    private static long longestUnitNanos;
    /** How deep in units this thread is: a unit begun inside another on the same thread is part of the outer one. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final Thread owner = Thread.currentThread();
    /** When the unit began ({@link System#nanoTime}); measured for outermost units only. */
    private final long began;
    private final boolean outermost;
    private boolean closed;

    private NativeWork(boolean outermost) {
        this.outermost = outermost;
        this.began = System.nanoTime();
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
        boolean outermost = depth[0] == 0;
        if (outermost) {
            synchronized (LOCK) {
                hookOnce();
                while (stopping) {
                    waitUninterruptibly(0); // the JVM exits once the units in flight are done
                }
                inFlight++;
            }
        }
        depth[0]++;
        return new NativeWork(outermost);
    }

    /** Ends the unit; during a shutdown the thread then waits for the exit, so no native call follows the unit. */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("A unit of native work begun on thread " + owner.getName() + " was closed on "
                    + Thread.currentThread().getName() + "; close it where it began");
        }
        if (closed) {
            return;
        }
        closed = true;
        DEPTH.get()[0]--;
        if (outermost) {
            long took = System.nanoTime() - began;
            synchronized (LOCK) {
                longestUnitNanos = Math.max(longestUnitNanos, took);
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
     * Lets no unit start or go on past its end, and waits (at most {@link #waitBound()}) for those in flight: what a
     * shutdown does, and what a caller does before {@code Runtime.halt}, which skips shutdown hooks but not the C
     * library's exit handlers that tear libtorch down.
     */
    public static void stopAfterUnitsInFlight() {
        synchronized (LOCK) {
            stopping = true;
            Duration bound = waitBound();
            if (inFlight > 0) {
                System.err.println("fpt: stopping after the step, evaluation batch or checkpoint write in progress (at most "
                        + bound.toSeconds() + " s; kill -9 " + ProcessHandle.current().pid()
                        + " stops at once, and a resume redoes that work)");
            }
            long deadline = System.nanoTime() + bound.toNanos();
            while (inFlight > 0 && System.nanoTime() < deadline) {
                waitUninterruptibly(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
    }

    /** The longest outermost unit finished so far in this JVM. */
    static Duration longestUnit() {
        synchronized (LOCK) {
            return Duration.ofNanos(longestUnitNanos);
        }
    }

    /** Forgets the units finished so far (tests start from none). */
    static void forgetFinishedUnits() {
        synchronized (LOCK) {
            longestUnitNanos = 0;
        }
    }

    /** How long a shutdown waits for the units in flight: {@link #MIN_WAIT}, longer after long units, at most {@link #MAX_WAIT}. */
    static Duration waitBound() {
        return waitBound(longestUnit());
    }

    /** The bound after units of which the longest took {@code longestUnit}. */
    static Duration waitBound(Duration longestUnit) {
        Duration covering = longestUnit.multipliedBy(LONGEST_UNIT_FACTOR);
        if (covering.compareTo(MAX_WAIT) > 0) {
            return MAX_WAIT;
        }
        return covering.compareTo(MIN_WAIT) > 0 ? covering : MIN_WAIT;
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
