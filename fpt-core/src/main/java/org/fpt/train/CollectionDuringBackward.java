package org.fpt.train;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;
import org.fpt.model.Engines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards a training step against a garbage collection between the start of its forward pass and the end of its
 * backward pass, on engines where that collection can change the gradients.
 *
 * <p>Why: DJL's PyTorch engine (0.36) makes an array from Java data by wrapping a Java direct buffer, not by
 * copying it, and the buffer lives only as long as that Java array object. Its {@code x.mul(0.5)} (and
 * {@code div}, {@code pow}, {@code maximum}... with a number) wraps the number so, runs the operation, and closes
 * the wrapper at once. Autograd keeps the number's tensor for the backward pass; a collection in between frees
 * the buffer under it, and the backward pass multiplies by whatever the freed memory then holds. The loss stays
 * right, the gradients do not: usually a little wrong, sometimes not finite. Plugin code written the natural DJL
 * way does this, and the trainer cannot tell which code did, so a step during which a collection ran is computed
 * again, with the same batch and dropout masks: the result equals that of a step no collection touched. MXNet
 * copies Java data into its own memory and passes numbers as operator parameters: no guard there.
 */
final class CollectionDuringBackward {
    /** A step recomputed this often in a row means collections run all the time: no step can be trusted. */
    static final int MAX_ATTEMPTS = 5;
    /** From this attempt on, a collection first, so the attempt starts with an empty young generation. */
    private static final int COLLECT_FIRST_FROM_ATTEMPT = 3;
    private static final Logger LOG = LoggerFactory.getLogger(CollectionDuringBackward.class);

    private final boolean guarded;
    private final LongSupplier collections;
    private long collectionsAtStart;
    private int recomputedSteps;
    private int lastRecomputed = -1;

    CollectionDuringBackward(String engineName) {
        this(engineName, CollectionDuringBackward::jvmCollections);
    }

    /** With {@code collections} counting the collections so far (tests count their own). */
    CollectionDuringBackward(String engineName, LongSupplier collections) {
        this.guarded = Engines.PYTORCH.equals(engineName);
        this.collections = collections;
    }

    /** Call right before attempt {@code attempt} (from 1) of a step's forward pass. */
    void start(int attempt) {
        if (guarded && attempt >= COLLECT_FIRST_FROM_ATTEMPT) {
            System.gc();
        }
        collectionsAtStart = collections.getAsLong();
    }

    /**
     * Call after the backward pass: true when step {@code step} must be computed again (its gradients discarded
     * first). Throws once {@link #MAX_ATTEMPTS} attempts of the step all saw a collection; the caller must still
     * discard the gradients.
     */
    boolean mustRecompute(int step, int attempt) {
        if (!guarded || collections.getAsLong() == collectionsAtStart) {
            return false;
        }
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException("Step " + step + ": a garbage collection ran while the gradients were computed in each of "
                    + attempt + " attempts, and on this engine that can corrupt them; give the JVM more memory "
                    + "(FPT_JAVA_OPTS='-Xmx8g -Xmn1g' with ./fpt, for instance)");
        }
        if (step != lastRecomputed) {
            recomputedSteps++;
            lastRecomputed = step;
        }
        LOG.debug("Step {}, attempt {}: a garbage collection ran while the gradients were computed; computing it again", step, attempt);
        return true;
    }

    /** Distinct steps computed again so far (by this trainer: a resumed run counts from its resume). */
    int recomputedSteps() {
        return recomputedSteps;
    }

    private static long jvmCollections() {
        long sum = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, collector.getCollectionCount());
        }
        return sum;
    }
}
