package org.fpt.backend.pytorch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript module with the libtorch operations DJL's API does not reach, written as the archive
 * {@code torch.jit.save} produces: its source as text, an empty module object pickled, no weights.
 * <ul>
 *   <li>{@code bf16(x)}, {@code fp32(x)}: {@code x.to(dtype)}. DJL's JNI layer knows dtypes 0-8 only and aborts
 *       the JVM on bfloat16 ({@code throw;} with no active exception in {@code GetScalarTypeFromDType}), so no
 *       DJL call can create a bfloat16 tensor; libtorch's own TorchScript interpreter can.</li>
 *   <li>{@code gelu_tanh(x)}: GPT-2's GELU as libtorch's fused kernel ({@code approximate="tanh"}), one op forward
 *       and one backward instead of the six element-wise ops (and their backward) it takes through DJL.</li>
 * </ul>
 * Run in training mode, each method is recorded by autograd like any op.
 */
final class TorchScriptKernels {
    static final String BF16 = "bf16";
    static final String FP32 = "fp32";
    static final String GELU_TANH = "gelu_tanh";
    private static final String ARCHIVE = "kernels";
    // ScalarType numbers of c10/core/ScalarType.h: Float = 6, BFloat16 = 15
    private static final String CODE = """
            class Kernels(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Kernels,
                x: Tensor) -> Tensor:
                return torch.to(x, 15)
              def bf16(self: __torch__.Kernels,
                x: Tensor) -> Tensor:
                return torch.to(x, 15)
              def fp32(self: __torch__.Kernels,
                x: Tensor) -> Tensor:
                return torch.to(x, 6)
              def gelu_tanh(self: __torch__.Kernels,
                x: Tensor) -> Tensor:
                return torch.gelu(x, approximate="tanh")
            """;

    private TorchScriptKernels() {
    }

    /** The archive's bytes, ready for {@code JniUtils.loadModule}. */
    static byte[] archive() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "data.pkl", moduleObject());
            stored(zip, "code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
            stored(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'}); // protocol 2, an empty tuple
            // 10: the first file format whose gelu has "approximate" (older files get the upgrader without it)
            stored(zip, "version", "10\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code __torch__.Kernels} with {@code training = True}, pickled as Python's protocol 2 would:
     * PROTO 2, GLOBAL, EMPTY_TUPLE, NEWOBJ, then its state dict, BUILD, STOP.
     */
    private static byte[] moduleObject() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);
        out.write(2);
        out.writeBytes("c__torch__\nKernels\n".getBytes(StandardCharsets.US_ASCII));
        out.write(')');
        out.write(0x81);
        out.write('}');
        String key = "training";
        out.write('X'); // BINUNICODE: 4-byte little-endian length, then UTF-8
        out.writeBytes(new byte[] {(byte) key.length(), 0, 0, 0});
        out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        out.write(0x88); // NEWTRUE
        out.write('s'); // SETITEM
        out.write('b'); // BUILD
        out.write('.'); // STOP
        return out.toByteArray();
    }

    /** TorchScript archives are uncompressed; each entry sits under the archive's directory. */
    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(ARCHIVE + "/" + name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
