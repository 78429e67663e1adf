package org.fpt.bodies.bert.tf;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fpt.bodies.bert.StoredTensors;

/**
 * A TensorFlow checkpoint (tensor bundle): {@code variables.index}, a {@link TfTable} of
 * {@code BundleEntryProto} (dtype, shape, shard, offset, size), and one data shard of raw little-endian
 * values. Google's BERT names ({@code bert/encoder/layer_0/attention/self/query/kernel}) are mapped to HF's
 * ({@code encoder.layer.0.attention.self.query.weight}): {@code kernel -> weight} stored {@code [in, out]},
 * {@code gamma -> weight}, {@code beta -> bias}, embedding tables {@code + .weight}. Other variables
 * ({@code cls/predictions/...}) keep their TF names, less a TF-Hub {@code module/} scope.
 */
public final class TfCheckpoint implements StoredTensors {
    private static final int DT_FLOAT = 1;
    private static final String HUB_SCOPE = "module/";
    private static final Pattern LAYER = Pattern.compile("layer_(\\d+)");

    private record Entry(String tfName, int dtype, long[] dims, long offset, long size) {
    }

    private final String origin;
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final ByteBuffer data;

    private TfCheckpoint(String origin, ByteBuffer data) {
        this.origin = origin;
        this.data = data.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code index}: the bytes of {@code variables.index}; {@code data}: of {@code variables.data-00000-of-00001}. */
    public static TfCheckpoint read(byte[] index, ByteBuffer data, String origin) throws IOException {
        TfCheckpoint checkpoint = new TfCheckpoint(origin, data);
        for (Map.Entry<String, byte[]> e : TfTable.read(index, origin + " variables.index").entrySet()) {
            if (e.getKey().isEmpty()) {
                checkpoint.checkHeader(e.getValue());
                continue;
            }
            Entry entry = entry(e.getKey(), e.getValue(), origin);
            if (entry.offset() + entry.size() > data.limit()) {
                throw new IOException(origin + ": variable " + e.getKey() + " ends at byte " + (entry.offset() + entry.size())
                        + ", past the data file's " + data.limit());
            }
            checkpoint.byName.put(bodyName(e.getKey()), entry);
        }
        return checkpoint;
    }

    /**
     * HF's name for a Google BERT variable, or the TF name for variables outside {@code bert/}. A TF-Hub
     * export's {@code module/} scope is dropped first.
     */
    static String bodyName(String tf) {
        String name = tf.startsWith(HUB_SCOPE) ? tf.substring(HUB_SCOPE.length()) : tf;
        if (!name.startsWith("bert/")) {
            return name;
        }
        Matcher layer = LAYER.matcher(name.substring("bert/".length()).replace('/', '.'));
        name = layer.replaceAll("layer.$1");
        if (name.endsWith(".kernel") || name.endsWith(".gamma")) {
            return name.substring(0, name.lastIndexOf('.')) + ".weight";
        }
        if (name.endsWith(".beta")) {
            return name.substring(0, name.lastIndexOf('.')) + ".bias";
        }
        return name.endsWith("_embeddings") ? name + ".weight" : name;
    }

    /** BundleHeaderProto: {@code num_shards = 1}, {@code endianness = LITTLE (0)}. */
    private void checkHeader(byte[] header) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(header);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && in.readInt32() != 1) {
                throw new IOException(origin + ": checkpoint has several data shards; only one is supported");
            } else if (field == 2 && in.readEnum() != 0) {
                throw new IOException(origin + ": checkpoint is big-endian; only little-endian is supported");
            } else if (field != 1 && field != 2) {
                in.skipField(tag);
            }
        }
    }

    /** BundleEntryProto: dtype (1), shape (2), shard_id (3), offset (4), size (5), crc32c (6), slices (7). */
    private static Entry entry(String name, byte[] value, String origin) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(value);
        int dtype = 0;
        List<Long> dims = new ArrayList<>();
        long offset = 0;
        long size = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> dtype = in.readEnum();
                case 2 -> readShape(in.readBytes().newCodedInput(), dims);
                case 3 -> {
                    if (in.readInt32() != 0) {
                        throw new IOException(origin + ": variable " + name + " lives in another data shard; only one is supported");
                    }
                }
                case 4 -> offset = in.readInt64();
                case 5 -> size = in.readInt64();
                case 7 -> throw new IOException(origin + ": variable " + name + " is partitioned into slices, which is not supported");
                default -> in.skipField(tag);
            }
        }
        return new Entry(name, dtype, dims.stream().mapToLong(Long::longValue).toArray(), offset, size);
    }

    /** TensorShapeProto: repeated dim (2) {size (1)}. */
    private static void readShape(CodedInputStream in, List<Long> dims) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 2) {
                CodedInputStream dim = in.readBytes().newCodedInput();
                long size = 0;
                for (int t = dim.readTag(); t != 0; t = dim.readTag()) {
                    if (WireFormat.getTagFieldNumber(t) == 1) {
                        size = dim.readInt64();
                    } else {
                        dim.skipField(t);
                    }
                }
                dims.add(size);
            } else {
                in.skipField(tag);
            }
        }
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    @Override
    public long[] dims(String name) {
        return entry(name).dims().clone();
    }

    @Override
    public boolean isInputMajor(String name) {
        return entry(name).tfName().endsWith("/kernel");
    }

    @Override
    public float[] floats(String name) throws IOException {
        Entry e = entry(name);
        if (e.dtype() != DT_FLOAT) {
            throw new IOException(origin + ": variable " + e.tfName() + " has TF dtype " + e.dtype() + ", expected 1 (float32)");
        }
        long count = 1;
        for (long d : e.dims()) {
            count *= d;
        }
        if (e.size() != count * Float.BYTES) {
            throw new IOException(origin + ": variable " + e.tfName() + " has " + e.size() + " bytes, expected " + count * Float.BYTES);
        }
        float[] values = new float[(int) count];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) e.offset()).limit((int) (e.offset() + e.size()))
                .slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** Every variable, under its body name. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    private Entry entry(String name) {
        Entry e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException(origin + " has no variable " + name);
        }
        return e;
    }
}
