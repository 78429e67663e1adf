package org.fpt.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.fpt.safetensors.Safetensors;
import org.fpt.safetensors.TensorEntry;

/** HF safetensors: F32, F16, BF16 and I32 tensors; every float-readable tensor is read. */
final class SafetensorsTarget extends Target {
    SafetensorsTarget() {
        super("safetensors");
    }

    static final String HEADER = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"h.0.attn.c_attn.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]},"
            + "\"h.0.ln_1.weight\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[24,32]},"
            + "\"wpe.weight\":{\"dtype\":\"BF16\",\"shape\":[2,2],\"data_offsets\":[32,40]},"
            + "\"h.0.attn.bias\":{\"dtype\":\"I32\",\"shape\":[1,1,2],\"data_offsets\":[40,48]}}";


    @Override
    List<Path> seed(Path dir) throws Exception {
        ByteBuffer data = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            data.putFloat(0.5f * i - 1);
        }
        data.putShort((short) 0x3c00).putShort((short) 0xbc00).putShort((short) 0x3800).putShort((short) 0x0001); // 1, -1, 0.5, tiny
        data.putShort((short) 0x3f80).putShort((short) 0xbf80).putShort((short) 0x4000).putShort((short) 0x0000); // 1, -1, 2, 0
        data.putInt(1).putInt(0);
        Path out = dir.resolve("model.safetensors");
        Files.write(out, Mutations.concat(SafetensorsBytes.withHeader(frame(HEADER), HEADER), data.array()));
        return List.of(out);
    }

    /** An 8-byte length and the header, no data yet (withHeader keeps whatever follows the old header). */
    private static byte[] frame(String header) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json).array();
    }

    @Override
    void read(Path dir) {
        try (Safetensors file = Safetensors.open(dir.resolve("model.safetensors"))) {
            for (TensorEntry t : file.tensors().values()) {
                if (t.dtype().isFloatReadable()) {
                    file.floats(t.key());
                }
            }
            file.metadata();
        }
    }

    @Override
    Mutations.Mutated structured(Path file, byte[] valid, Random rng) {
        return headerEdit(valid, rng);
    }

    /** A token of the JSON header edited, the framing kept right; or the length field set to an edge value. */
    static Mutations.Mutated headerEdit(byte[] valid, Random rng) {
        if (rng.nextInt(4) == 0) {
            return Mutations.integer(valid, 0, 8, ByteOrder.LITTLE_ENDIAN, rng);
        }
        Mutations.Mutated edited = Mutations.text(SafetensorsBytes.header(valid), rng);
        return new Mutations.Mutated("header " + edited.description(),
                SafetensorsBytes.withHeader(valid, new String(edited.bytes(), StandardCharsets.UTF_8)));
    }
}
