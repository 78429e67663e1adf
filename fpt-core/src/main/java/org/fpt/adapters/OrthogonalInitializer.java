package org.fpt.adapters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * A (semi-)orthogonal matrix times a gain, like {@code torch.nn.init.orthogonal_}: the paper's input layer
 * uses gain 1.41. The Gaussian draw comes from the engine's seeded generator, so runs are reproducible.
 */
public final class OrthogonalInitializer implements Initializer {
    private final float gain;

    public OrthogonalInitializer(float gain) {
        this.gain = gain;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        int rows = Math.toIntExact(shape.get(0));
        int cols = Math.toIntExact(shape.size() / rows);
        boolean tall = rows >= cols;
        int n = Math.max(rows, cols);
        int m = Math.min(rows, cols);
        float[] draw;
        try (NDArray gaussian = manager.randomNormal(new Shape(m, n))) {
            draw = gaussian.toFloatArray();
        }
        double[][] q = orthonormalRows(draw, m, n);
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) (gain * (tall ? q[c][r] : q[r][c]));
            }
        }
        return manager.create(out, shape).toType(dataType, false);
    }

    /** Modified Gram-Schmidt on the m (<= n) rows of an m x n matrix. */
    private static double[][] orthonormalRows(float[] a, int m, int n) {
        double[][] q = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                q[i][j] = a[i * n + j];
            }
            for (int p = 0; p < i; p++) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += q[i][j] * q[p][j];
                }
                for (int j = 0; j < n; j++) {
                    q[i][j] -= dot * q[p][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < n; j++) {
                norm += q[i][j] * q[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < n; j++) {
                q[i][j] /= norm;
            }
        }
        return q;
    }
}
