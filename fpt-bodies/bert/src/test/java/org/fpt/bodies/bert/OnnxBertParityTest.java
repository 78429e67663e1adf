package org.fpt.bodies.bert;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.util.Map;
import org.fpt.bodies.bert.onnx.OnnxInitializers;
import org.fpt.plugin.Plugins;
import org.fpt.spi.Body;
import org.fpt.spi.BodySource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java body, loaded through its plugin, against onnxruntime running the very ONNX file the weights
 * came from. The body takes input embeddings, so the test gathers the word-embedding rows itself; ORT gets
 * the token ids. One sequence is padded, so the key mask is exercised.
 */
class OnnxBertParityTest {
    private static final String[] SENTENCES = {
        "The quick brown fox jumps over the lazy dog.",
        "Frozen pretrained transformers are universal computation engines, says the paper.",
        "Paris is the capital of France.",
    };

    @ParameterizedTest
    @CsvSource({"minilm-l6, all-minilm-l6-v2", "e5-small-v2, e5-small-v2"})
    void javaForwardEqualsOnnxRuntime(String body, String resource) throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        byte[] onnx;
        try (InputStream in = loader.getResourceAsStream(resource + ".onnx")) {
            onnx = in.readAllBytes();
        }
        WordPiece tokenizer = WordPiece.fromTokenizerJson(loader.getResourceAsStream(resource + "-tokenizer.json"));
        int b = SENTENCES.length;
        int[][] encoded = new int[b][];
        int t = 0;
        for (int i = 0; i < b; i++) {
            encoded[i] = tokenizer.encode(SENTENCES[i]);
            t = Math.max(t, encoded[i].length);
        }
        long[][] ids = new long[b][t];
        long[][] mask = new long[b][t];
        long[][] types = new long[b][t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < encoded[i].length; j++) {
                ids[i][j] = encoded[i][j];
                mask[i][j] = 1;
            }
        }
        assertThat(encoded[2].length).as("one sequence is padded").isLessThan(t);

        float[][][] expected = onnxRuntime(onnx, ids, mask, types);

        float[] wordEmbeddings = OnnxInitializers.read(new java.io.ByteArrayInputStream(onnx), resource)
                .floats("embeddings.word_embeddings.weight");
        Body model = Plugins.load(loader).bodySourceFor(body).create(body, BodySource.Init.PRETRAINED);
        int c = model.info().hiddenSize();
        float[] x = new float[b * t * c];
        float[] keyMask = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                System.arraycopy(wordEmbeddings, (int) ids[i][j] * c, x, (i * t + j) * c, c);
                keyMask[i * t + j] = mask[i][j];
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            model.block().initialize(manager, DataType.FLOAT32, new Shape(b, t, c), new Shape(b, t));
            long start = System.nanoTime();
            model.loadWeights(manager);
            System.out.printf("%s: weights loaded in %.2f s%n", body, (System.nanoTime() - start) / 1e9);
            NDArray hidden = model.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.create(x, new Shape(b, t, c)), manager.create(keyMask, new Shape(b, t))), false)
                    .singletonOrThrow();
            float[] actual = hidden.toFloatArray();
            double maxDiff = 0;
            double maxAbs = 0;
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    for (int k = 0; k < c; k++) {
                        float want = expected[i][j][k];
                        maxDiff = Math.max(maxDiff, Math.abs(actual[(i * t + j) * c + k] - want));
                        maxAbs = Math.max(maxAbs, Math.abs(want));
                    }
                }
            }
            System.out.printf("%s: max |java - onnxruntime| = %.3g over %d x %d x %d (max |value| %.2f)%n", body, maxDiff, b, t, c, maxAbs);
            assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
        }
    }

    private static float[][][] onnxRuntime(byte[] onnx, long[][] ids, long[][] mask, long[][] types) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(2);
            try (OrtSession session = env.createSession(onnx, options);
                 OnnxTensor idTensor = OnnxTensor.createTensor(env, ids);
                 OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask);
                 OnnxTensor typeTensor = OnnxTensor.createTensor(env, types);
                 OrtSession.Result result = session.run(Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
                return (float[][][]) result.get("last_hidden_state").orElseThrow().getValue();
            }
        }
    }
}
