package org.fpt.model;

import ai.djl.ndarray.NDArray;

/** Which DJL engine an array lives on, where our code takes an engine-specific path. */
public final class Engines {
    /** DJL's name of its PyTorch engine. */
    public static final String PYTORCH = "PyTorch";

    private Engines() {
    }

    /** Whether {@code x} is an array of DJL's PyTorch engine. */
    public static boolean isPyTorch(NDArray x) {
        return PYTORCH.equals(x.getManager().getEngine().getEngineName());
    }
}
