package org.fpt.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Run in a fresh JVM by {@link MklIntelKernelsTest}: opens the backend, multiplies two random matrices through
 * libtorch and prints MKL's dispatch code ({@code mkl_serv_cpu_detect}) and the product's largest error against Java.
 */
public final class MklProbe {
    public static void main(String[] args) throws Exception {
        PyTorchBackend backend = new PyTorchBackend();
        backend.open();
        int n = 96, k = 200, m = 80;
        SplittableRandom random = new SplittableRandom(7);
        float[] a = new float[n * k], b = new float[k * m];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        double worst = 0;
        try (NDManager manager = NDManager.newBaseManager(backend.device(), PyTorchBackend.ENGINE)) {
            NDArray product = manager.create(a, new ai.djl.ndarray.types.Shape(n, k)).matMul(manager.create(b, new ai.djl.ndarray.types.Shape(k, m)));
            float[] got = product.toFloatArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double want = 0;
                    for (int x = 0; x < k; x++) want += (double) a[i * k + x] * b[x * m + j];
                    worst = Math.max(worst, Math.abs(want - got[i * m + j]));
                }
            }
        }
        String torch = Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith("libtorch_cpu.so"))
                .map(l -> l.substring(l.indexOf('/'))).findFirst().orElseThrow();
        int code = NativeLibrary.getInstance(torch).getFunction("mkl_serv_cpu_detect").invokeInt(new Object[0]);
        System.out.println("mkl_cpu_detect=" + code + " worst_error=" + worst + " description=" + backend.description());
    }
}
