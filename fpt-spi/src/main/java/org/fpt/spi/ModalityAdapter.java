package org.fpt.spi;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

/**
 * Extension point: how a modality enters and leaves the body. The input layer maps a batch
 * ({@code [B, T, valueDim]} floats or {@code [B, T]} ids) to {@code [B, T, hidden]}; the head maps the
 * read-out hidden states {@code [B, K, hidden]} to logits {@code [B, K, labelsPerToken * classes]}.
 *
 * <p><b>Parameter paths.</b> Every parameter gets a dotted path that policies match and checkpoints are
 * keyed by: {@code in.} plus its path inside the input layer, {@code out.} plus its path inside the head
 * (roles {@link ParameterPath.Role#INPUT} and {@link ParameterPath.Role#OUTPUT}). Inside a block, a
 * parameter's own name ends the path ({@code weight}, {@code bias}); each child block adds a segment, DJL's
 * child name without the ordinal DJL puts in front of it ({@code 01Linear} becomes {@code Linear}). Where
 * two children of one block would then share a segment, both keep DJL's full name, ordinal included. So the
 * built-in {@code linear} adapter's layer is {@code in.weight}, {@code in.bias}; {@code embedding}'s table
 * is {@code in.weight}; the default head is {@code out.weight}, {@code out.bias}; and
 * {@code new SequentialBlock().add(Linear).add(Activation::gelu).add(Linear)} gives
 * {@code in.01Linear.weight}, {@code in.01Linear.bias}, {@code in.03Linear.weight}, {@code in.03Linear.bias}
 * (the parameterless {@code LambdaBlock} needs no path). A path that would still name two parameters
 * (a child named {@code a.Linear} beside a child {@code a} holding one {@code Linear}) is an error naming both.
 *
 * <p><b>Initialisers.</b> Blocks carry their own: whatever the input layer or head sets — through
 * {@code Block.setInitializer} or a parameter builder's {@code optInitializer} — is kept. Where the head's
 * author set none (the parameter still has DJL's default for its type), the host gives head weights
 * {@code XavierInitializer()} (uniform, averaged fan) and head biases zero. The input layer gets no host
 * default: an unset weight keeps DJL's type default.
 */
public interface ModalityAdapter extends Named {
    boolean supports(InputSpec input);

    Block inputLayer(InputSpec input, int hiddenSize);

    /** A linear head, as in the paper. */
    default Block outputHead(int hiddenSize, OutputSpec output) {
        return Linear.builder().setUnits((long) output.labelsPerToken() * output.numClasses()).build();
    }
}
