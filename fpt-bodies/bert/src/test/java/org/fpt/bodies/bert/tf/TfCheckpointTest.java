package org.fpt.bodies.bert.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Google's names map to HF's, and a small bundle assembled byte by byte after TF's table layout reads back.
 * (The real 110M-parameter checkpoint is read by BertBaseMlmTest under -Pbert-base.)
 */
class TfCheckpointTest {
    @Test
    void googleBertNamesBecomeHfCheckpointKeys() {
        assertThat(TfCheckpoint.bodyName("bert/encoder/layer_11/attention/self/query/kernel")).isEqualTo("encoder.layer.11.attention.self.query.weight");
        assertThat(TfCheckpoint.bodyName("module/bert/encoder/layer_0/output/LayerNorm/gamma")).isEqualTo("encoder.layer.0.output.LayerNorm.weight");
        assertThat(TfCheckpoint.bodyName("bert/encoder/layer_0/intermediate/dense/bias")).isEqualTo("encoder.layer.0.intermediate.dense.bias");
        assertThat(TfCheckpoint.bodyName("bert/embeddings/LayerNorm/beta")).isEqualTo("embeddings.LayerNorm.bias");
        assertThat(TfCheckpoint.bodyName("bert/embeddings/position_embeddings")).isEqualTo("embeddings.position_embeddings.weight");
        assertThat(TfCheckpoint.bodyName("module/cls/predictions/output_bias")).isEqualTo("cls/predictions/output_bias");
    }

    @Test
    void aBundleReadsBackWithKernelsMarkedInputMajor() throws Exception {
        float[] kernel = {1, 2, 3, 4, 5, 6};
        ByteBuffer data = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(new float[] {9, 9}).put(kernel);
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("", header());
        entries.put("bert/encoder/layer_0/attention/self/query/bias", entry(1, 0, 8, 2));
        entries.put("bert/encoder/layer_0/attention/self/query/kernel", entry(1, 8, 24, 2, 3));
        TfCheckpoint ckpt = TfCheckpoint.read(table(entries), data, "tiny");

        assertThat(ckpt.names()).containsExactly("encoder.layer.0.attention.self.query.bias", "encoder.layer.0.attention.self.query.weight");
        assertThat(ckpt.dims("encoder.layer.0.attention.self.query.weight")).containsExactly(2, 3);
        assertThat(ckpt.isInputMajor("encoder.layer.0.attention.self.query.weight")).isTrue();
        assertThat(ckpt.isInputMajor("encoder.layer.0.attention.self.query.bias")).isFalse();
        assertThat(ckpt.floats("encoder.layer.0.attention.self.query.weight")).containsExactly(kernel);
    }

    @Test
    void badInputIsNamed() throws Exception {
        assertThatThrownBy(() -> TfCheckpoint.read(new byte[100], ByteBuffer.allocate(0), "junk"))
                .isInstanceOf(IOException.class).hasMessage("junk variables.index is not a TensorFlow table (no magic number in its last 8 bytes)");
        Map<String, byte[]> entries = new TreeMap<>(Map.of("bert/pooler/dense/bias", entry(1, 0, 4000, 1000)));
        assertThatThrownBy(() -> TfCheckpoint.read(table(entries), ByteBuffer.allocate(16), "short"))
                .hasMessage("short: variable bert/pooler/dense/bias ends at byte 4000, past the data file's 16");
        Map<String, byte[]> ints = new TreeMap<>(Map.of("global_step", entry(9, 0, 8)));
        TfCheckpoint ckpt = TfCheckpoint.read(table(ints), ByteBuffer.allocate(8), "steps");
        assertThatThrownBy(() -> ckpt.floats("global_step")).hasMessage("steps: variable global_step has TF dtype 9, expected 1 (float32)");
    }

    /** BundleHeaderProto {num_shards: 1}. */
    private static byte[] header() throws IOException {
        return proto(out -> out.writeInt32(1, 1));
    }

    /** BundleEntryProto {dtype, shape {dim {size}}..., offset, size}. */
    private static byte[] entry(int dtype, long offset, long size, long... dims) throws IOException {
        byte[] shape = proto(out -> {
            for (long d : dims) {
                out.writeByteArray(2, proto(dim -> dim.writeInt64(1, d)));
            }
        });
        return proto(out -> {
            out.writeEnum(1, dtype);
            out.writeByteArray(2, shape);
            out.writeInt64(4, offset);
            out.writeInt64(5, size);
        });
    }

    /** One data block of unshared keys, an index block pointing at it, and the 48-byte footer. */
    private static byte[] table(Map<String, byte[]> sorted) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        byte[] data = block(sorted);
        file.write(data);
        file.write(new byte[5]); // trailer: no compression, crc (unchecked)
        byte[] handle = proto(out -> {
            out.writeUInt64NoTag(0);
            out.writeUInt64NoTag(data.length);
        });
        byte[] index = block(Map.of("~", handle));
        long indexOffset = file.size();
        file.write(index);
        file.write(new byte[5]);
        byte[] handles = proto(out -> {
            out.writeUInt64NoTag(0);
            out.writeUInt64NoTag(0);
            out.writeUInt64NoTag(indexOffset);
            out.writeUInt64NoTag(index.length);
        });
        ByteBuffer footer = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        footer.put(handles).position(40);
        footer.putLong(0xdb4775248b80fb57L);
        file.write(footer.array());
        return file.toByteArray();
    }

    private static byte[] block(Map<String, byte[]> entries) throws IOException {
        return proto(out -> {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeUInt32NoTag(0);
                out.writeUInt32NoTag(key.length);
                out.writeUInt32NoTag(e.getValue().length);
                out.writeRawBytes(key);
                out.writeRawBytes(e.getValue());
            }
            out.writeFixed32NoTag(0); // one restart point, at 0
            out.writeFixed32NoTag(1);
        });
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] proto(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
