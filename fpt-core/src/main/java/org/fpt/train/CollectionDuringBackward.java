package org.fpt.train;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards a training step against a garbage collection between its forward pass and the end of its backward pass,
 * on engines where that collection can change the gradients.
 *
 * <p>Why: DJL's PyTorch engine (0.36) makes an array from Java data by wrapping a Java direct buffer, not by
 * copying it, and the buffer lives only as long as that Java array object. Its {@code x.mul(0.5)} (and
 * {@code div}, {@code pow}, {@code maximum}... with a number) wraps the number so, runs the operation, and closes
 * the wrapper at once. Autograd keeps the number's tensor for the backward pass; a collection in between frees
 * the buffer under it, and the backward pass multiplies by whatever the freed memory then holds. The loss stays
 * right, the gradients do not: usually a little wrong, sometimes NaN. Plugin code written the natural DJL way
 * does this, so the trainer cannot rely on avoiding it. A step during which a collection ran is computed again
 * instead, with the same batch and dropout masks, so the result equals that of a step no collection touched.
 * MXNet copies Java data into its own memory and passes numbers as operator parameters: no guard there.
 */
final class CollectionDuringBackward {
    /** A step recomputed this often in a row means collections run all the time: no step can be trusted. */
    static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(CollectionDuringBackward.class);
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private final boolean guarded;
    private long collectionsAtStart;
    private int recomputed;

    CollectionDuringBackward(String engineName) {
        this.guarded = "PyTorch".equals(engineName);
    }

    /** Call right before the forward pass. */
    void start() {
        collectionsAtStart = collections();
    }

    /**
     * Call after the backward pass: true when the step must be computed again (its gradients discarded). Throws
     * once {@link #MAX_ATTEMPTS} attempts of step {@code step} all saw a collection.
     */
    boolean mustRecompute(int step, int attempt) {
        if (!guarded || collections() == collectionsAtStart) {
            return false;
        }
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException("Step " + step + ": a garbage collection ran during the backward pass in each of "
                    + attempt + " attempts, and on this engine that can corrupt the gradients; give the JVM a larger heap "
                    + "(FPT_JAVA_OPTS=-Xmx... with ./fpt) or lower --batch-size");
        }
        recomputed++;
        LOG.debug("Step {} recomputed: a garbage collection ran during its backward pass ({} so far)", step, recomputed);
        return true;
    }

    /** Steps recomputed so far. */
    int recomputed() {
        return recomputed;
    }

    private static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean collector : COLLECTORS) {
            sum += Math.max(0, collector.getCollectionCount());
        }
        return sum;
    }
}
