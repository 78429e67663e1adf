package org.fpt.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a GPT-2 body's attention probabilities during forwards, for attention maps. Opt-in: attach,
 * run a forward, read {@link #layers()}, close (which detaches, so training is never slowed).
 */
public final class AttentionRecorder implements AutoCloseable {
    private final Gpt2Model model;
    private final List<Layer> layers = new ArrayList<>();

    /** One layer's probabilities {@code [batch, heads, tokens, tokens]}, row-major: row = query, column = key. */
    public record Layer(int layer, int batch, int heads, int tokens, float[] probabilities) {
        public float at(int example, int head, int query, int key) {
            return probabilities[((example * heads + head) * tokens + query) * tokens + key];
        }
    }

    private AttentionRecorder(Gpt2Model model) {
        this.model = model;
    }

    public static AttentionRecorder attach(Gpt2Model model) {
        AttentionRecorder recorder = new AttentionRecorder(model);
        List<Gpt2Block> blocks = model.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            int layer = i;
            blocks.get(i).attention().recordProbabilities(p -> {
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
        model.blocks().forEach(b -> b.attention().recordProbabilities(null));
    }
}
