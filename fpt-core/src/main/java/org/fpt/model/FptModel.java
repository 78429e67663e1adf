package org.fpt.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.fpt.spi.Bfloat16;
import org.fpt.spi.Body;
import org.fpt.spi.InputSpec;
import org.fpt.spi.OutputSpec;
import org.fpt.spi.ParameterPath;

/**
 * The paper's FPT: input adapter -> pretrained body -> output head. The head reads K positions chosen by
 * a {@link Readout} matrix and predicts {@code labelsPerToken} labels from each.
 *
 * <p>Inputs: {@code x} ({@code [B, T, D]} values or {@code [B, T]} ids), {@code keyMask [B, T]},
 * {@code readout [B, K, T]}. Output: logits {@code [B * K * labelsPerToken, classes]}.
 *
 * <p>Initialisers: the adapter's blocks keep theirs. Where the head's author set none, its weights get
 * Xavier (uniform, averaged fan) and its biases zero; the input layer gets no framework default.
 */
public final class FptModel extends AbstractBlock {
    private final InputSpec input;
    private final OutputSpec output;
    private final Block in;
    private final Body body;
    private final Block out;

    public FptModel(InputSpec input, OutputSpec output, Block inputLayer, Body body, Block head) {
        this.input = input;
        this.output = output;
        this.in = addChildBlock("in", inputLayer);
        this.body = body;
        addChildBlock("body", body.block());
        this.out = addChildBlock("out", head);
        head.setInitializer(new XavierInitializer(), p -> p.getType() == Parameter.Type.WEIGHT && unset(p));
        head.setInitializer(new ConstantInitializer(0), p -> p.getType() == Parameter.Type.BIAS && unset(p));
    }

    /**
     * Whether the head's author left {@code parameter}'s initialiser alone: DJL gives every parameter its type's
     * default instance ({@code Parameter.Type.getInitializer()}) unless the block or its builder chose one.
     * Only those get the framework's default; an initialiser the adapter set is kept.
     */
    private static boolean unset(Parameter parameter) {
        return parameter.getInitializer() == null || parameter.getInitializer() == parameter.getType().getInitializer();
    }

    public Body body() {
        return body;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray keyMask = inputs.get(1);
        NDArray readout = inputs.get(2);
        NDArray embedded = in.forward(store, new NDList(x), training).singletonOrThrow();
        Shape batch = keyMask.getShape();
        requireShape("input layer", in, embedded, new Shape(batch.get(0), batch.get(1), body.info().hiddenSize()), "[B, T, hidden]");
        NDArray hidden = body.block().forward(store, new NDList(embedded, keyMask), training).singletonOrThrow();
        NDArray read = readout.matMul(hidden);
        NDArray logits = out.forward(store, new NDList(read), training).singletonOrThrow();
        Shape readShape = read.getShape();
        requireShape("output head", out, logits, new Shape(readShape.get(0), readShape.get(1), (long) output.labelsPerToken() * output.numClasses()),
                "[B, K read positions, labels per position x classes]");
        return new NDList(logits.reshape(-1, output.numClasses()));
    }

    /**
     * An adapter's block must give the shape the next part takes: a wrong one would fail deep in the engine with a
     * message naming neither the block nor the shape it should give, or, for the head, be reshaped into the wrong labels.
     */
    private static void requireShape(String part, Block block, NDArray produced, Shape expected, String layout) {
        if (!produced.getShape().equals(expected)) {
            throw new IllegalStateException("The " + part + " (" + block.getClass().getName() + ") gave shape " + produced.getShape()
                    + "; it must give " + layout + " = " + expected);
        }
    }

    /** Initialises every child, then lets the body copy its pretrained weights in. */
    public void initialize(NDManager manager, int batchSize) {
        initialize(manager, DataType.FLOAT32, inputShapes(batchSize));
        body.loadWeights(manager);
    }

    /**
     * Holds every frozen weight matrix in bfloat16 ({@link Dense#holdInBfloat16}); call after
     * {@link #initialize(NDManager, int)}. Returns how many matrices and values it now holds that way.
     */
    public HeldInBfloat16 holdFrozenInBfloat16(Bfloat16 casts) {
        int layers = 0;
        long values = 0;
        for (Block block : ParameterPaths.blocks(this).values()) {
            if (block instanceof Dense dense && dense.weightFrozen()) {
                values += dense.holdInBfloat16(casts);
                layers++;
            }
        }
        return new HeldInBfloat16(layers, values);
    }

    /**
     * Frees the float32 copies of the weights {@link #holdFrozenInBfloat16} converted ({@link Dense#releaseFloat32}):
     * afterwards bfloat16 halves the frozen weights' memory. Returns how many float32 values were freed (weights
     * and frozen biases). Anything that needs the float32 values (the body's identity, which checkpoints record;
     * an export) must read them before: call it through {@code FptTrainer.useBfloat16}, which does.
     */
    public long releaseFrozenFloat32() {
        long values = 0;
        for (Block block : ParameterPaths.blocks(this).values()) {
            if (block instanceof Dense dense && dense.heldInBfloat16() && !dense.float32Released()) {
                values += dense.releaseFloat32();
            }
        }
        return values;
    }

    /** What {@link #holdFrozenInBfloat16} converted: fully-connected layers and values (weights and frozen biases). */
    public record HeldInBfloat16(int layers, long values) {
    }

    public Shape[] inputShapes(int batchSize) {
        Shape x = input.isTokenIds() ? new Shape(batchSize, input.tokens()) : new Shape(batchSize, input.tokens(), input.valueDim());
        return new Shape[] {x, new Shape(batchSize, input.tokens()), new Shape(batchSize, output.readTokens(), input.tokens())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        long b = shapes[0].get(0);
        long t = input.tokens();
        long hiddenSize = body.info().hiddenSize();
        in.initialize(manager, dataType, shapes[0]);
        body.block().initialize(manager, dataType, new Shape(b, t, hiddenSize), shapes[1]);
        out.initialize(manager, dataType, new Shape(b, output.readTokens(), hiddenSize));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] shapes) {
        long b = shapes[0].get(0);
        return new Shape[] {new Shape(b * output.labelsPerExample(), output.numClasses())};
    }

    /** Every parameter with its path ({@code in.*}, {@code body.*}, {@code out.*}) and role. */
    public Map<ParameterPath, Parameter> parameters() {
        Map<ParameterPath, Parameter> result = new LinkedHashMap<>();
        ParameterPaths.of(this).forEach((path, parameter) -> result.put(describe(path), parameter));
        return result;
    }

    private ParameterPath describe(String path) {
        int dot = path.indexOf('.');
        String part = path.substring(0, dot);
        String rest = path.substring(dot + 1);
        return switch (part) {
            case "in" -> ParameterPath.parse(path, ParameterPath.Role.INPUT, OptionalInt.empty());
            case "out" -> ParameterPath.parse(path, ParameterPath.Role.OUTPUT, OptionalInt.empty());
            default -> {
                ParameterPath inBody = body.parameter(rest);
                yield ParameterPath.parse(path, inBody.role(), inBody.layer());
            }
        };
    }
}
