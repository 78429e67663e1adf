package org.fpt.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.fpt.model.InPlace;

/**
 * The parameters a policy trains, by path, with their {@link Adam} state: what each step updates and
 * what a {@link Checkpoint} saves and loads.
 */
final class TrainableParameters {
    private final Map<String, Parameter> byPath;
    private final Adam adam;

    TrainableParameters(Map<String, Parameter> byPath, float learningRate) {
        this.byPath = new LinkedHashMap<>(byPath);
        this.adam = new Adam(learningRate);
    }

    /** One Adam update of every trainable parameter from its current gradient; the gradients are zero after it. */
    void update(NDManager step) {
        adam.beginStep();
        byPath.forEach((path, parameter) -> {
            NDArray gradient = gradient(parameter, step);
            adam.update(path, parameter.getArray(), gradient);
            zero(gradient);
        });
    }

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxNorm}, as PyTorch's
     * {@code clip_grad_norm_} (which the paper's code calls) does; returns the norm before scaling.
     */
    float clipGradients(NDManager step, float maxNorm) {
        List<NDArray> gradients = new ArrayList<>(byPath.size());
        NDArray squares = null;
        for (Parameter parameter : byPath.values()) {
            NDArray gradient = gradient(parameter, step);
            gradients.add(gradient);
            NDArray sum = gradient.square().sum();
            squares = squares == null ? sum : squares.add(sum);
        }
        float norm = (float) Math.sqrt(squares.getFloat());
        if (norm > maxNorm) {
            float scale = maxNorm / (norm + 1e-6f);
            gradients.forEach(g -> g.muli(scale));
        }
        return norm;
    }

    /**
     * The paths of the parameters whose gradient holds a NaN or an infinity: what the error that stops a run names,
     * so that a non-finite gradient under a finite loss points at where it arose.
     */
    List<String> nonFiniteGradients(NDManager step) {
        List<String> paths = new ArrayList<>();
        byPath.forEach((path, parameter) -> {
            NDArray gradient = gradient(parameter, step);
            // 0 * x is 0 for a finite x and NaN for NaN or an infinity (MXNet has no isInfinite)
            if (Float.isNaN(gradient.mul(0f).sum().getFloat())) {
                paths.add(path);
            }
        });
        return paths;
    }

    /** The gradients of a step's pieces so far, summed, by path. */
    record Carried(Map<String, NDArray> sums) {
    }

    /**
     * After a piece's backward pass: adds its gradients to those {@code carried} from earlier pieces and zeroes them
     * for the next piece; after the {@code last} piece, adds the carried sums into the gradients instead, which then
     * hold the whole batch's. Engine-neutral: MXNet overwrites gradients on every backward, PyTorch adds to them.
     */
    Carried carryGradients(NDManager step, Carried carried, boolean last) {
        if (last) {
            byPath.forEach((path, parameter) -> gradient(parameter, step).addi(carried.sums().get(path)));
            return null;
        }
        Map<String, NDArray> sums = carried == null ? new LinkedHashMap<>() : carried.sums();
        byPath.forEach((path, parameter) -> {
            NDArray gradient = gradient(parameter, step);
            NDArray sum = sums.get(path);
            if (sum == null) {
                sums.put(path, gradient.duplicate()); // in the step's manager, like the handle it copies
            } else {
                sum.addi(gradient);
            }
            zero(gradient);
        });
        return new Carried(sums);
    }

    /** Zeroes every gradient without an update: after a step that is refused. */
    void clearGradients(NDManager step) {
        byPath.values().forEach(parameter -> zero(gradient(parameter, step)));
    }

    private static NDArray gradient(Parameter parameter, NDManager step) {
        NDArray gradient = parameter.getArray().getGradient();
        gradient.attach(step); // a new handle on the gradient: close it with the step
        return gradient;
    }

    /**
     * MXNet overwrites gradients on every backward, PyTorch adds to them: zero them for the next step. In place
     * by assignment, not arithmetic: {@code g - g} and {@code 0 * g} keep a NaN, which would then poison every
     * later step on PyTorch.
     */
    private static void zero(NDArray gradient) {
        gradient.set(EVERYTHING, 0f);
    }

    private static final NDIndex EVERYTHING = new NDIndex("...");

    int optimizerSteps() {
        return adam.steps();
    }

    /** Weights under their paths, Adam's moments under {@code optimizer.m.<path>} and {@code optimizer.v.<path>}. */
    Map<String, Checkpoint.Tensor> tensors() {
        Map<String, Checkpoint.Tensor> tensors = new LinkedHashMap<>();
        Map<String, NDArray> means = adam.means();
        Map<String, NDArray> variances = adam.variances();
        byPath.forEach((path, parameter) -> {
            tensors.put(path, tensor(parameter.getArray()));
            if (means.containsKey(path)) {
                tensors.put(Checkpoint.MEAN_PREFIX + path, tensor(means.get(path)));
                tensors.put(Checkpoint.VARIANCE_PREFIX + path, tensor(variances.get(path)));
            }
        });
        return tensors;
    }

    /** The weights alone, under their paths: a snapshot (copies, not views). */
    Map<String, Checkpoint.Tensor> weights() {
        Map<String, Checkpoint.Tensor> weights = new LinkedHashMap<>();
        byPath.forEach((path, parameter) -> weights.put(path, tensor(parameter.getArray())));
        return weights;
    }

    /** Copies a checkpoint's weights and optimizer state in; names and shapes must match exactly. */
    void load(Checkpoint checkpoint, NDManager manager) {
        Map<String, NDArray> arrays = loadWeights(checkpoint.weights());
        Map<String, float[]> means = new LinkedHashMap<>();
        Map<String, float[]> variances = new LinkedHashMap<>();
        byPath.keySet().forEach(path -> {
            Checkpoint.Tensor m = checkpoint.tensors().get(Checkpoint.MEAN_PREFIX + path);
            Checkpoint.Tensor v = checkpoint.tensors().get(Checkpoint.VARIANCE_PREFIX + path);
            if (m != null && v != null) {
                means.put(path, m.values());
                variances.put(path, v.values());
            }
        });
        if (checkpoint.optimizerSteps() > 0) {
            adam.restore(checkpoint.optimizerSteps(), means, variances, arrays, manager);
        }
    }

    /** Copies {@code weights} into the parameters (the optimizer's state is untouched); names and shapes must match. */
    Map<String, NDArray> loadWeights(Map<String, Checkpoint.Tensor> weights) {
        if (!weights.keySet().equals(byPath.keySet())) {
            throw new IllegalArgumentException("The checkpoint's trainable tensors " + new TreeSet<>(weights.keySet())
                    + " are not this model's " + new TreeSet<>(byPath.keySet()));
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        byPath.forEach((path, parameter) -> {
            NDArray array = parameter.getArray();
            Checkpoint.Tensor saved = weights.get(path);
            if (!Arrays.equals(saved.shape(), array.getShape().getShape())) {
                throw new IllegalArgumentException("Tensor '" + path + "' has shape " + Arrays.toString(saved.shape())
                        + " in the checkpoint, " + array.getShape() + " here");
            }
            InPlace.copy(saved.values(), array);
            arrays.put(path, array);
        });
        return arrays;
    }

    private static Checkpoint.Tensor tensor(NDArray array) {
        return new Checkpoint.Tensor(array.getShape().getShape(), array.toFloatArray());
    }
}
