package org.fpt.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.launcher.JavaModuleOptions;
import org.fpt.cli.grid.GridRun;
import scala.Tuple2;

/**
 * A Spark task: trains one run of the grid in a child JVM ({@link RunProcess}) on this executor's class path, with
 * the task's cores as its native threads and the task's GPU, if any, as its device. A child that fails fails the
 * task, so Spark retries it (on another executor when this one is lost), and the retry resumes from the run's last
 * checkpoint on the shared store. Returns the run's directory name.
 */
final class RunTask implements Function<GridRun, String> {
    private static final long serialVersionUID = 1L;
    private final String out;
    private final int checkpointEvery;
    private final int cores;
    private final List<String> javaOptions;
    private final String backend;

    /**
     * {@code backend}: {@code --backend}, empty for each run's default; {@code javaOptions}: for each run's JVM
     * ({@code --conf fpt.run.java-options="-Xmx8g ..."}).
     */
    RunTask(String out, int checkpointEvery, int cores, Optional<String> backend, List<String> javaOptions) {
        this.out = out;
        this.checkpointEvery = checkpointEvery;
        this.cores = cores;
        this.backend = backend.orElse(null); // Optional is not Serializable: Spark ships this object to executors
        this.javaOptions = List.copyOf(javaOptions);
    }

    @Override
    public String call(GridRun run) throws Exception {
        TaskContext context = TaskContext.get();
        GpuBinding gpu = GpuBinding.of(scala.jdk.javaapi.CollectionConverters.asJava(context.resources()));
        RunProcess.RunOrder order = new RunProcess.RunOrder(out, run.dirName(), com.google.gson.JsonParser.parseString(run.description())
                .getAsJsonObject(), checkpointEvery, gpu.backend().or(() -> Optional.ofNullable(backend)), hadoopSettings());
        Path log = Files.createTempFile("fpt-run-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(javaOptions);
        // The run's directory as an argument only names the process for people (ps) and tests; the order is on stdin.
        command.addAll(List.of("-cp", classPath(), RunProcess.class.getName(), run.dirName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OMP_NUM_THREADS", String.valueOf(cores));
        builder.environment().putAll(gpu.environment());
        Process child = builder.start();
        try {
            OutputStream stdin = child.getOutputStream();
            stdin.write((order.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush(); // stdin stays open: the child stops when it closes (this JVM gone)
            int code = child.waitFor();
            if (code != 0) {
                throw new IllegalStateException("Run " + run.label() + " failed (exit " + code + "): " + reason(log));
            }
            return run.dirName();
        } finally {
            child.destroyForcibly(); // a killed task (or an interrupted wait) takes its run with it
            Files.deleteIfExists(log);
        }
    }

    /** Hadoop settings given to Spark as {@code spark.hadoop.*} (filesystem addresses, credentials). */
    private static Map<String, String> hadoopSettings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (Tuple2<String, String> entry : SparkEnv.get().conf().getAllWithPrefix("spark.hadoop.")) {
            settings.put(entry._1(), entry._2());
        }
        return settings;
    }

    /**
     * This executor's class path: the JVM's own (Spark, and FPT where workers have it installed) plus the jars
     * Spark fetched for the application ({@code spark.jars}: FPT and the plugins) into the task's class loader.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException e) {
                            throw new IllegalStateException("Bad class path entry " + url, e);
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The child's one-line error ("fpt: ..."), else the last lines it wrote (e.g. a JVM that could not start). */
    private static String reason(Path log) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.stream().filter(l -> l.startsWith("fpt: ")).reduce((a, b) -> b)
                    .orElseGet(() -> String.join(" | ", all.subList(Math.max(0, all.size() - 5), all.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }
}
