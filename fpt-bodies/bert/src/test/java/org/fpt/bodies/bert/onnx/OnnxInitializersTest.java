package org.fpt.bodies.bert.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fpt.bodies.bert.StoredWeights;
import org.junit.jupiter.api.Test;

/**
 * A two-layer ONNX graph written the way PyTorch exports {@code nn.Linear} (MatMul by an unnamed
 * {@code [in, out]} matrix, then Add of a named bias), one matrix in {@code raw_data} and one in
 * {@code float_data}. onnxruntime runs the same bytes, so the file is real ONNX and the reading is right.
 */
class OnnxInitializersTest {
    // x [1, 2] -> fc1 (2 -> 3) -> fc2 (3 -> 2)
    private static final float[] W1 = {1, 2, 3, 4, 5, 6};          // [in 2, out 3]
    private static final float[] B1 = {0.5f, -0.5f, 1};
    private static final float[] W2 = {1, -1, 0, 2, 3, 0.25f};     // [in 3, out 2]
    private static final float[] B2 = {10, 20};

    @Test
    void matMulWeightsGetTheirBiasesNamesAndAreTransposedToOutIn() throws Exception {
        byte[] model = twoLayerModel("fc2.bias").toByteArray();
        OnnxInitializers init = OnnxInitializers.read(new ByteArrayInputStream(model), "tiny.onnx");
        assertThat(init.names()).containsExactlyInAnyOrder("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
        assertThat(init.isInputMajor("fc1.weight")).isTrue();
        assertThat(init.isInputMajor("fc1.bias")).isFalse();
        assertThat(init.dims("fc2.weight")).containsExactly(3, 2);
        assertThat(init.floats("fc2.weight")).containsExactly(W2);   // float_data
        assertThat(init.floats("fc1.bias")).containsExactly(B1);     // raw_data

        Map<String, Shape> expected = new LinkedHashMap<>();
        expected.put("fc1.weight", new Shape(3, 2));
        expected.put("fc1.bias", new Shape(3));
        expected.put("fc2.weight", new Shape(2, 3));
        expected.put("fc2.bias", new Shape(2));
        Map<String, float[]> values = StoredWeights.select(init, expected);
        assertThat(values.get("fc1.weight")).containsExactly(1, 4, 2, 5, 3, 6);

        // y = fc2(fc1(x)) with [out, in] weights, computed by hand, equals onnxruntime on the same file.
        float[] x = {0.25f, -2};
        float[] y = linear(linear(x, values.get("fc1.weight"), values.get("fc1.bias")), values.get("fc2.weight"), values.get("fc2.bias"));
        assertThat(y).containsExactly(onnxRuntime(model, x), org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void missingKeyOrWrongShapeIsNamed() throws Exception {
        OnnxInitializers init = OnnxInitializers.read(new ByteArrayInputStream(twoLayerModel("fc2.bias").toByteArray()), "tiny.onnx");
        assertThatThrownBy(() -> StoredWeights.select(init, Map.of("fc3.weight", new Shape(2, 3))))
                .isInstanceOf(IOException.class).hasMessage("tiny.onnx: no tensor fc3.weight (expected shape [2, 3])");
        assertThatThrownBy(() -> StoredWeights.select(init, Map.of("fc1.weight", new Shape(2, 2))))
                .isInstanceOf(IOException.class)
                .hasMessage("tiny.onnx: tensor fc1.weight has shape [2, 3], expected [2, 2] ([in, out], the transpose of the body's)");
        assertThatThrownBy(() -> StoredWeights.select(init, Map.of("fc1.bias", new Shape(4))))
                .isInstanceOf(IOException.class).hasMessage("tiny.onnx: tensor fc1.bias has shape [3], expected [4]");
    }

    @Test
    void aMatrixWithoutNamedBiasKeepsItsExportName() throws Exception {
        // fc2's bias is called "b2": no ".bias" suffix, so nothing says what the matrix is.
        OnnxInitializers init = OnnxInitializers.read(new ByteArrayInputStream(twoLayerModel("b2").toByteArray()), "tiny.onnx");
        assertThat(init.unmapped()).containsExactly("onnx::MatMul_8");
        assertThatThrownBy(() -> StoredWeights.select(init, Map.of("fc2.weight", new Shape(2, 3))))
                .hasMessage("tiny.onnx: no tensor fc2.weight (expected shape [2, 3]); tensors without a body name: [onnx::MatMul_8]");
    }

    @Test
    void notOnnxIsReported() {
        assertThatThrownBy(() -> OnnxInitializers.read(new ByteArrayInputStream(new byte[] {(byte) 0xff, 1, 2}), "junk.onnx"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("junk.onnx is not an ONNX model");
    }

    private static float[] linear(float[] x, float[] w, float[] b) {
        float[] y = new float[b.length];
        for (int o = 0; o < b.length; o++) {
            y[o] = b[o];
            for (int i = 0; i < x.length; i++) {
                y[o] += w[o * x.length + i] * x[i];
            }
        }
        return y;
    }

    private static float[] onnxRuntime(byte[] model, float[] x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, new float[][] {x});
             OrtSession.Result result = session.run(Map.of("x", in))) {
            return ((float[][]) result.get("y").orElseThrow().getValue())[0];
        }
    }

    private static ModelProto twoLayerModel(String secondBiasName) {
        GraphProto graph = GraphProto.newBuilder().setName("tiny")
                .addInput(floatInput("x", 1, 2))
                .addOutput(floatInput("y", 1, 2))
                .addInitializer(raw("onnx::MatMul_7", W1, 2, 3))
                .addInitializer(raw("fc1.bias", B1, 3))
                .addInitializer(TensorProto.newBuilder().setName("onnx::MatMul_8").setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addDims(3).addDims(2).addAllFloatData(boxed(W2)))
                .addInitializer(raw(secondBiasName, B2, 2))
                .addNode(node("MatMul", "x", "onnx::MatMul_7", "/fc1/MatMul_output_0"))
                .addNode(node("Add", "fc1.bias", "/fc1/MatMul_output_0", "/fc1/Add_output_0"))
                .addNode(node("MatMul", "/fc1/Add_output_0", "onnx::MatMul_8", "/fc2/MatMul_output_0"))
                .addNode(node("Add", "/fc2/MatMul_output_0", secondBiasName, "y"))
                .build();
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("fpt-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(11)).setGraph(graph).build();
    }

    private static NodeProto node(String op, String a, String b, String out) {
        return NodeProto.newBuilder().setOpType(op).addInput(a).addInput(b).addOutput(out).build();
    }

    private static TensorProto raw(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static ValueInfoProto floatInput(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static Iterable<Float> boxed(float[] values) {
        java.util.List<Float> list = new java.util.ArrayList<>();
        for (float v : values) {
            list.add(v);
        }
        return list;
    }
}
