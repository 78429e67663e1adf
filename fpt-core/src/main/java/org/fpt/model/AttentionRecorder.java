package org.fpt.model;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a body's attention probabilities during forwards, for attention maps. Opt-in: attach to a body's
 * block, run a forward, read {@link #layers()}, close (which detaches, so training is never slowed).
 * Every {@link RecordsAttention} block under the root counts as a layer, in forward (child) order.
 */
public final class AttentionRecorder implements AutoCloseable {
    private final List<RecordsAttention> attentions;
    private final List<Layer> layers = new ArrayList<>();

    /** One layer's probabilities {@code [batch, heads, tokens, tokens]}, row-major: row = query, column = key. */
    public record Layer(int layer, int batch, int heads, int tokens, float[] probabilities) {
        public float at(int example, int head, int query, int key) {
            return probabilities[((example * heads + head) * tokens + query) * tokens + key];
        }
    }

    private AttentionRecorder(List<RecordsAttention> attentions) {
        this.attentions = attentions;
    }

    /** Starts recording every attention block under {@code root}; an error when there is none (an LSTM body). */
    public static AttentionRecorder attach(Block root) {
        List<RecordsAttention> found = new ArrayList<>();
        collect(root, found);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("The body (" + root.getClass().getSimpleName() + ") has no attention layers to record");
        }
        AttentionRecorder recorder = new AttentionRecorder(found);
        for (int i = 0; i < found.size(); i++) {
            int layer = i;
            found.get(i).recordProbabilities(p -> {
                long[] s = p.getShape().getShape();
                recorder.layers.add(new Layer(layer, (int) s[0], (int) s[1], (int) s[2], p.toFloatArray()));
            });
        }
        return recorder;
    }

    /** Every layer recorded since attaching, in forward order. */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public void close() {
        attentions.forEach(a -> a.recordProbabilities(null));
    }

    private static void collect(Block block, List<RecordsAttention> found) {
        if (block instanceof RecordsAttention attention) {
            found.add(attention);
        }
        block.getChildren().values().forEach(child -> collect(child, found));
    }
}
