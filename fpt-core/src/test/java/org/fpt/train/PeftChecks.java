package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.fpt.model.BodyExport;
import org.fpt.model.ParameterPaths;
import org.fpt.model.PeftSites;
import org.fpt.model.Readout;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Batch;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource.Init;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.Task;

/**
 * Checks shared by the PEFT and export tests of every body family (fpt-core's test-jar): policies and body
 * sources are loaded the way the host loads them, through {@link Plugins}.
 */
public final class PeftChecks {
    public static final Plugins PLUGINS = Plugins.load(PeftChecks.class.getClassLoader());

    /** The paper's FPT set on a GPT-2 body, by model path: input layer, head, positions, layer norms. */
    public static final Predicate<String> GPT2_FPT = p -> p.startsWith("in.") || p.startsWith("out.") || p.equals("body.wpe.weight")
            || p.matches("body\\.(h\\.\\d+\\.ln_[12]|ln_f)\\.(weight|bias)");

    private PeftChecks() {
    }

    /** A trainer for {@code task} on {@code body} under the policy {@code spec} names, with the body's default readout. */
    public static FptTrainer trainer(Task task, Body body, String spec) {
        return trainer(task, body, PLUGINS.policy(spec));
    }

    public static FptTrainer trainer(Task task, Body body, FreezingPolicy policy) {
        Engine.getEngine("MXNet");
        return new FptTrainer(task, body, PLUGINS.adapters().get(task.inputAdapter()), policy,
                readout(task, body), TrainingConfig.defaults(10, 8, 7), Device.cpu(), "MXNet");
    }

    public static void train(FptTrainer trainer, Task task, int steps) {
        Random rng = new Random(3);
        for (int i = 0; i < steps; i++) {
            trainer.step(task.trainBatch(8, rng));
        }
    }

    /** Every parameter's values by dotted path. */
    public static Map<String, float[]> snapshot(FptTrainer trainer) {
        Map<String, float[]> values = new LinkedHashMap<>();
        trainer.parameters().forEach((path, p) -> values.put(path.dotted(), p.getArray().toFloatArray()));
        return values;
    }

    /** Every parameter {@code moves} accepts changed; every other one is bit-identical. Both sets are non-empty. */
    public static void assertMovedExactly(Map<String, float[]> before, Map<String, float[]> after, Predicate<String> moves) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(before.keySet()).anyMatch(moves).anyMatch(moves.negate());
        before.forEach((path, initial) -> {
            if (moves.test(path)) {
                assertThat(after.get(path)).as("%s moved", path).isNotEqualTo(initial);
            } else {
                assertThat(after.get(path)).as("%s bit-identical", path).isEqualTo(initial);
            }
        });
    }

    /** The model's logits for {@code batch}, without training. */
    public static float[] logits(FptTrainer trainer, Task task, Batch batch) {
        BatchArrays arrays = new BatchArrays(task.input(), task.output(), readout(task, trainer.model().body()));
        try (NDManager manager = modelManager(trainer).newSubManager()) {
            NDList inputs = arrays.inputs(manager, batch);
            return trainer.model().forward(new ParameterStore(manager, false), inputs, false).singletonOrThrow().toFloatArray();
        }
    }

    /**
     * LoRA's merged weight {@code W + scale B A} of the site at {@code site} ({@code W [out, in]}, {@code A [r, in]},
     * {@code B [out, r]}), computed here in double precision from the parameters' values.
     */
    public static float[] loraMergedWeight(Map<String, float[]> values, String site, int out, int in, float scale) {
        float[] w = values.get(site + ".weight");
        float[] a = values.get(site + ".lora_a");
        float[] b = values.get(site + ".lora_b");
        int rank = a.length / in;
        float[] merged = new float[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double delta = 0;
                for (int k = 0; k < rank; k++) {
                    delta += (double) b[o * rank + k] * a[k * in + i];
                }
                merged[o * in + i] = (float) (w[o * in + i] + scale * delta);
            }
        }
        return merged;
    }

    /** {@code [rows, cols]} row-major to {@code [cols, rows]}, written independently of the readers under test. */
    public static float[] transposed(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }

    /** Merging every PEFT insertion into its projection keeps the model's logits within {@code tolerance}. */
    public static void assertMergeKeepsTheFunction(FptTrainer trainer, Task task, float tolerance) {
        Batch batch = task.trainBatch(8, new Random(9));
        float[] unmerged = logits(trainer, task, batch);
        PeftSites.merge(trainer.model());
        assertThat(maxAbsDiff(logits(trainer, task, batch), unmerged)).as("merged vs unmerged logits").isLessThan(tolerance);
    }

    public static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * {@code --export-body} and {@code --body DIR}: the trained body is exported to {@code directory}, the host
     * finds a source for the directory, and the body it builds has the same parameters (bit for bit; PEFT
     * insertions merged in) and computes the same hidden states on the same input, padding included.
     */
    public static void assertExportRoundTrip(FptTrainer trainer, Path directory) {
        Body body = trainer.model().body();
        BodyExport.write(body, directory);
        Body back = PLUGINS.bodySourceFor(directory.toString()).create(directory.toString(), Init.PRETRAINED);
        assertThat(back.info().family()).isEqualTo(body.info().family());
        int tokens = Math.min(6, body.maxPositions());
        int width = body.info().hiddenSize();
        float[] x = new float[2 * tokens * width];
        Random rng = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[] mask = new float[2 * tokens];
        java.util.Arrays.fill(mask, 0, 2 * tokens - 2, 1f); // the second example ends in two padding tokens
        float[] expected;
        try (NDManager manager = modelManager(trainer).newSubManager()) {
            expected = hidden(body, manager, x, mask, tokens, width);
        }
        try (Model model = Model.newInstance("reloaded", "MXNet")) {
            model.setBlock(back.block());
            back.block().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(2, tokens, width), new Shape(2, tokens));
            back.loadWeights(model.getNDManager());
            Map<String, Parameter> exported = PeftSites.baseParameters(body.block());
            Map<String, Parameter> reloaded = ParameterPaths.of(back.block());
            assertThat(reloaded.keySet()).isEqualTo(exported.keySet());
            exported.forEach((path, p) -> assertThat(reloaded.get(path).getArray().toFloatArray()).as(path)
                    .isEqualTo(p.getArray().toFloatArray()));
            assertThat(hidden(back, model.getNDManager(), x, mask, tokens, width)).as("hidden states of the reloaded body")
                    .isEqualTo(expected);
        }
    }

    private static float[] hidden(Body body, NDManager manager, float[] x, float[] mask, int tokens, int width) {
        NDArray embeddings = manager.create(x, new Shape(2, tokens, width));
        NDArray keyMask = manager.create(mask, new Shape(2, tokens));
        return body.block().forward(new ParameterStore(manager, false), new NDList(embeddings, keyMask), false)
                .singletonOrThrow().toFloatArray();
    }

    private static NDManager modelManager(FptTrainer trainer) {
        return trainer.model().getParameters().get(0).getValue().getArray().getManager();
    }

    private static Readout readout(Task task, Body body) {
        return Readout.defaultFor(body.causal(), task.output().readTokens());
    }
}
