package org.fpt.backend.cpu;

import ai.djl.mxnet.engine.MxNDManager;
import ai.djl.mxnet.engine.MxOpParams;
import ai.djl.ndarray.NDArray;
import org.fpt.hardware.CpuInfo;
import org.fpt.spi.Backend;
import org.fpt.spi.Bfloat16;

/**
 * bfloat16 on MXNet through its own {@code amp_cast} operator, invoked by name: DJL's {@code DataType} has a
 * BFLOAT16 but hands MXNet the wrong type number for it ("Unknown type enum 11"), and reads MXNet's bfloat16
 * arrays back as {@code uint64}, so they are never read as values. {@code amp_cast} is differentiable, and
 * MXNet's {@code FullyConnected} (oneDNN) runs bfloat16 with float32 accumulation, forward and backward.
 * Operators that refuse bfloat16 on the CPU here (LayerNorm, Dropout, {@code _npi_matmul}) never see it:
 * only the products through frozen weights do.
 */
final class MxBfloat16 implements Bfloat16 {
    @Override
    public NDArray narrow(NDArray x) {
        return cast(x, "bfloat16");
    }

    @Override
    public NDArray widen(NDArray x) {
        return cast(x, "float32");
    }

    @Override
    public Backend.Availability hardware() {
        return CpuInfo.local().nativeBfloat16();
    }

    /** The result belongs to {@code x}'s manager, like any DJL operator's. */
    private static NDArray cast(NDArray x, String type) {
        MxOpParams params = new MxOpParams();
        params.addParam("dtype", type);
        return ((MxNDManager) x.getManager()).invoke("amp_cast", x, params);
    }
}
