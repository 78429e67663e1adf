package org.fpt.bodies.bert.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fpt.bodies.bert.StoredTensors;

/**
 * The initializers (stored weights) of an ONNX model, by their checkpoint names.
 *
 * <p>PyTorch's exporter keeps the names of biases, LayerNorms and embeddings, but turns each
 * {@code nn.Linear} into {@code MatMul(x, W^T)} + {@code Add(bias)} and names the transposed weight
 * {@code onnx::MatMul_N}. Each such weight gets its real name back from the bias its product is added to:
 * {@code MatMul -> Add(encoder.layer.0.attention.self.query.bias)} makes it
 * {@code encoder.layer.0.attention.self.query.weight}, stored {@code [in, out]} ({@link #isInputMajor}).
 */
public final class OnnxInitializers implements StoredTensors {
    private static final String BIAS = ".bias";
    private static final String WEIGHT = ".weight";

    private final String origin;
    private final Map<String, TensorProto> byName;
    private final Set<String> inputMajor;

    private OnnxInitializers(String origin, Map<String, TensorProto> byName, Set<String> inputMajor) {
        this.origin = origin;
        this.byName = byName;
        this.inputMajor = inputMajor;
    }

    /** Parses a whole {@code .onnx} stream; {@code origin} names it in errors. */
    public static OnnxInitializers read(InputStream in, String origin) throws IOException {
        return parse(CodedInputStream.newInstance(in.readAllBytes()), origin);
    }

    /** Parses an {@code .onnx} file, mapped rather than read: tensors' bytes stay in the page cache. */
    public static OnnxInitializers read(Path file, String origin) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(CodedInputStream.newInstance(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())), origin);
        }
    }

    private static OnnxInitializers parse(CodedInputStream coded, String origin) throws IOException {
        // Tensors' raw_data then share the file's bytes instead of being copied once more.
        coded.enableAliasing(true);
        coded.setSizeLimit(Integer.MAX_VALUE);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(coded);
        } catch (IOException e) {
            throw new IOException(origin + " is not an ONNX model: " + e.getMessage(), e);
        }
        return of(model, origin);
    }

    public static OnnxInitializers of(ModelProto model, String origin) throws IOException {
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> initializers = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, String> realNames = matMulWeightNames(graph, initializers, origin);
        Map<String, TensorProto> byName = new LinkedHashMap<>();
        initializers.forEach((name, tensor) -> byName.put(realNames.getOrDefault(name, name), tensor));
        return new OnnxInitializers(origin, byName, new TreeSet<>(realNames.values()));
    }

    /** {@code onnx::MatMul_N -> prefix.weight} for every MatMul by a stored matrix whose product gets a named bias. */
    private static Map<String, String> matMulWeightNames(GraphProto graph, Map<String, TensorProto> initializers, String origin)
            throws IOException {
        Map<String, String> weightByProduct = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("MatMul") && node.getInputCount() == 2 && initializers.containsKey(node.getInput(1))) {
                weightByProduct.put(node.getOutput(0), node.getInput(1));
            }
        }
        Map<String, String> realNames = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            if (!node.getOpType().equals("Add") || node.getInputCount() != 2) {
                continue;
            }
            for (int i = 0; i < 2; i++) {
                String bias = node.getInput(i);
                String weight = weightByProduct.get(node.getInput(1 - i));
                if (weight == null || !bias.endsWith(BIAS) || !initializers.containsKey(bias)) {
                    continue;
                }
                String name = bias.substring(0, bias.length() - BIAS.length()) + WEIGHT;
                String previous = realNames.put(weight, name);
                if (previous != null && !previous.equals(name)) {
                    throw new IOException(origin + ": stored matrix " + weight + " feeds two biased products, "
                            + previous + " and " + name);
                }
            }
        }
        Map<String, String> matrixByName = new HashMap<>();
        for (Map.Entry<String, String> e : realNames.entrySet()) {
            String other = matrixByName.put(e.getValue(), e.getKey());
            if (other != null || initializers.containsKey(e.getValue())) {
                throw new IOException(origin + ": stored matrix " + e.getKey() + " would be named " + e.getValue()
                        + ", which " + (other != null ? other : "another tensor") + " already is");
            }
        }
        return realNames;
    }

    @Override
    public String origin() {
        return origin;
    }

    /** Every initializer's name, MatMul weights under their recovered names. */
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Names still of the form {@code onnx::...}: stored matrices no bias gave a name to. */
    @Override
    public List<String> unmapped() {
        List<String> names = new ArrayList<>();
        byName.keySet().stream().filter(n -> n.startsWith("onnx::")).forEach(names::add);
        return names;
    }

    @Override
    public long[] dims(String name) {
        return tensor(name).getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** Whether {@code name} is a MatMul's right operand, stored {@code [in, out]} (nn.Linear's transpose). */
    @Override
    public boolean isInputMajor(String name) {
        return inputMajor.contains(name);
    }

    /** A float32 tensor's values, row-major as stored; from {@code raw_data} (little-endian) or {@code float_data}. */
    @Override
    public float[] floats(String name) throws IOException {
        TensorProto t = tensor(name);
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IOException(origin + ": tensor " + name + " has ONNX data type " + t.getDataType() + ", expected 1 (float32)");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IOException(origin + ": tensor " + name + " keeps its data in an external file, which is not supported");
        }
        long count = 1;
        for (long d : dims(name)) {
            count *= d;
        }
        float[] values;
        if (!t.getRawData().isEmpty()) {
            if (t.getRawData().size() != count * Float.BYTES) {
                throw new IOException(origin + ": tensor " + name + " has " + t.getRawData().size() + " bytes of raw_data, expected "
                        + count * Float.BYTES + " for shape " + Arrays.toString(dims(name)));
            }
            values = new float[(int) count];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            if (t.getFloatDataCount() != count) {
                throw new IOException(origin + ": tensor " + name + " has " + t.getFloatDataCount() + " float_data values, expected "
                        + count + " for shape " + Arrays.toString(dims(name)));
            }
            values = new float[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        return values;
    }

    private TensorProto tensor(String name) {
        TensorProto t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException(origin + " has no tensor " + name);
        }
        return t;
    }
}
