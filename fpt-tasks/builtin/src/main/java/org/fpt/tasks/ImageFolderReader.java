package org.fpt.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a split's image files into one {@link ImageSet} (8-bit, channel-major: bytes, not floats, until a
 * batch is encoded), on every core: each thread takes the next file and keeps its own ImageIO readers.
 * When files fail, the one listed first is reported.
 */
final class ImageFolderReader {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderReader.class);
    /** Images per thread below which a second thread is not worth starting. */
    private static final int PER_THREAD = 256;

    private ImageFolderReader() {
    }

    static ImageSet read(LabelledFiles files, String source, int channels, ImageShape shape) {
        long start = System.nanoTime();
        int n = files.count();
        int imageBytes = channels * shape.height() * shape.width();
        if ((long) n * imageBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source + ": " + n + " images of " + channels + "x" + shape.height() + "x" + shape.width()
                    + " need " + (long) n * imageBytes + " bytes, more than one in-memory split holds (2 GiB); scale them down with -P resize=N");
        }
        byte[] pixels = new byte[n * imageBytes];
        AtomicInteger next = new AtomicInteger();
        Map<Integer, Throwable> failures = new ConcurrentSkipListMap<>();
        Runnable work = () -> {
            try (ImageFileDecoder decoder = new ImageFileDecoder(channels)) {
                for (int i = next.getAndIncrement(); i < n && failures.isEmpty(); i = next.getAndIncrement()) {
                    try {
                        byte[] planes = decoder.decode(files.files().get(i), shape).planes();
                        System.arraycopy(planes, 0, pixels, i * imageBytes, imageBytes);
                    } catch (Throwable e) { // rethrown on the calling thread below, Errors included
                        failures.put(i, e);
                    }
                }
            }
        };
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / PER_THREAD));
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread helper = new Thread(work, "fpt-image-decoder-" + t);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while decoding the images of " + source, e);
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.values().iterator().next();
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(first);
        }
        LOG.info("Read {} images ({}x{}x{}) from {} in {} ms on {} thread(s)", n, channels, shape.height(), shape.width(), source,
                (System.nanoTime() - start) / 1_000_000, threads);
        return new ImageSet(source, n, channels, shape.height(), shape.width(), pixels, files.labels().clone());
    }
}
