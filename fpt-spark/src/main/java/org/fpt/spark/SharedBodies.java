package org.fpt.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A body directory on shared storage ({@code bodies: [hdfs://nn:8020/bodies/gpt2]}) is copied once per machine to
 * {@code <tmp>/fpt-bodies/<hash of the URI>/} and read there; the path is the same on every attempt, so a run that
 * resumes on another machine names the same body. Names and local paths are returned unchanged.
 */
final class SharedBodies {
    private static final Pattern REMOTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*");

    private SharedBodies() {
    }

    static String localCopy(String body, Configuration conf) {
        if (!REMOTE.matcher(body).matches() || body.startsWith("file:")) {
            return body.startsWith("file:") ? Path.of(java.net.URI.create(body)).toString() : body;
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "fpt-bodies", hash(body));
        if (Files.isDirectory(target)) {
            return target.toString();
        }
        try {
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(body);
            FileSystem fs = source.getFileSystem(conf);
            Path temp = Files.createTempDirectory(Files.createDirectories(target.getParent()), ".copy-");
            for (FileStatus file : fs.listStatus(source)) {
                if (file.isFile()) {
                    fs.copyToLocalFile(false, file.getPath(), new org.apache.hadoop.fs.Path(temp.resolve(file.getPath().getName()).toUri()), true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(target)) { // not a concurrent copy of the same body that won the race
                    throw e;
                }
            }
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the body " + body + " from shared storage: " + e.getMessage(), e);
        }
    }

    private static String hash(String uri) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
