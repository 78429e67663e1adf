package org.fpt.fuzz;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.fpt.bodies.bert.onnx.OnnxInitializers;

/**
 * ONNX models as PyTorch exports a BERT layer (MatMul by an unnamed matrix, Add of a named bias), read by
 * the body's weight reader: every initializer's name, shape and values.
 */
final class OnnxTarget extends Target {
    OnnxTarget() {
        super("ONNX");
    }


    @Override
    List<Path> seed(Path dir) throws Exception {
        GraphProto graph = GraphProto.newBuilder().setName("tiny")
                .addInitializer(raw("onnx::MatMul_7", new float[] {1, 2, 3, 4, 5, 6}, 2, 3))
                .addInitializer(raw("encoder.layer.0.attention.self.query.bias", new float[] {0.5f, -0.5f, 1}, 3))
                .addInitializer(TensorProto.newBuilder().setName("onnx::MatMul_8").setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addDims(3).addDims(2).addAllFloatData(List.of(1f, -1f, 0f, 2f, 3f, 0.25f)))
                .addInitializer(raw("encoder.layer.0.output.dense.bias", new float[] {10, 20}, 2))
                .addInitializer(raw("embeddings.LayerNorm.weight", new float[] {1, 1}, 2))
                .addNode(node("MatMul", "x", "onnx::MatMul_7", "/q/MatMul_output_0"))
                .addNode(node("Add", "encoder.layer.0.attention.self.query.bias", "/q/MatMul_output_0", "/q/Add_output_0"))
                .addNode(node("MatMul", "/q/Add_output_0", "onnx::MatMul_8", "/o/MatMul_output_0"))
                .addNode(node("Add", "/o/MatMul_output_0", "encoder.layer.0.output.dense.bias", "y"))
                .build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(7).setProducerName("pytorch")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(11)).setGraph(graph).build();
        return List.of(Files.write(dir.resolve("model.onnx"), model.toByteArray()));
    }

    @Override
    void read(Path dir) throws Exception {
        Path file = dir.resolve("model.onnx");
        OnnxInitializers initializers = OnnxInitializers.read(file, file.toString());
        for (String name : initializers.names()) {
            initializers.dims(name);
            initializers.isInputMajor(name);
            initializers.floats(name);
        }
        initializers.unmapped();
    }

    /** An initializer's shape, type or data edited in the protobuf, the file kept well-formed. */
    @Override
    Mutations.Mutated structured(Path file, byte[] valid, Random rng) throws Exception {
        ModelProto.Builder model = ModelProto.parseFrom(valid).toBuilder();
        GraphProto.Builder graph = model.getGraphBuilder();
        int i = rng.nextInt(graph.getInitializerCount());
        TensorProto.Builder t = graph.getInitializerBuilder(i);
        long[] edge = {0, -1, 1L << 31, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, 3};
        String what;
        switch (rng.nextInt(5)) {
            case 0 -> {
                long d = edge[rng.nextInt(edge.length)];
                t.setDims(rng.nextInt(t.getDimsCount()), d);
                what = "dim = " + d;
            }
            case 1 -> {
                t.addDims(edge[rng.nextInt(edge.length)]);
                what = "extra dim";
            }
            case 2 -> {
                t.setDataType(rng.nextInt(20));
                what = "data type " + t.getDataType();
            }
            case 3 -> {
                t.setRawData(t.getRawData().substring(0, t.getRawData().size() / 2)).clearFloatData();
                what = "half the data";
            }
            default -> {
                t.setName(graph.getInitializer((i + 1) % graph.getInitializerCount()).getName());
                what = "name of the next initializer";
            }
        }
        return new Mutations.Mutated("initializer " + i + " " + what, model.build().toByteArray());
    }

    private static NodeProto node(String op, String a, String b, String out) {
        return NodeProto.newBuilder().setOpType(op).addInput(a).addInput(b).addOutput(out).build();
    }

    /** A float32 initializer with its values as little-endian {@code raw_data}. */
    private static TensorProto raw(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(java.util.Arrays.stream(dims).boxed().toList()).setRawData(ByteString.copyFrom(bytes.array())).build();
    }
}
