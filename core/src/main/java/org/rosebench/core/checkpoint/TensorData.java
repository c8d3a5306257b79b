package org.rosebench.core.checkpoint;

import java.util.Arrays;

/**
 * A named float32 tensor held on the Java heap, row-major. This is the exchange type between checkpoint
 * readers/writers (which know nothing of DJL) and the model, which copies it into an NDArray.
 */
public record TensorData(String name, long[] shape, float[] data) {

    public TensorData {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    name + ": shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    public long size() {
        return data.length;
    }

    /** A 2-D tensor transposed ([a, b] → [b, a]); TF kernels and ONNX MatMul weights are stored [in, out]. */
    public TensorData transposed2d(String newName) {
        if (shape.length != 2) {
            throw new IllegalArgumentException(name + ": transpose needs a 2-D tensor, shape " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new TensorData(newName, new long[] {cols, rows}, out);
    }

    public TensorData renamed(String newName) {
        return new TensorData(newName, shape, data);
    }

    @Override
    public String toString() {
        return "TensorData[" + name + " " + Arrays.toString(shape) + "]";
    }
}
