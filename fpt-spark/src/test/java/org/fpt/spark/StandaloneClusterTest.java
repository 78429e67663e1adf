package org.fpt.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny grid on {@code local[2]}, then the same grid on a real standalone cluster on this machine (a Master and two
 * Workers, each its own JVM) with one Worker killed (SIGKILL) while it trains a run: the grid completes, the lost run
 * resumes from its checkpoint on the shared store, and every table and every run's record equal the uninterrupted
 * {@code local[2]} grid's.
 */
class StandaloneClusterTest {
    private static final int STEPS = 60;
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    void aGridSurvivesAKilledWorkerAndEqualsTheUninterruptedGrid() throws Exception {
        Path spec = Grids.spec(dir, "tiny", "[gpt2-tiny]", "[fpt, full]", STEPS, 10);
        Path reference = dir.resolve("local");
        Grids.Result local = Grids.fpt("experiment", spec.toString(), "--master", "local[2]", "--out", reference.toString(),
                "--conf", "spark.ui.enabled=false");
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(local.out()).contains("runs 4/4 done, 0 running, 0 failed attempts");

        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        int masterUi = freePort();
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", String.valueOf(masterUi));
        Process doomed = start("worker-1", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                "--memory", "2g", "--webui-port", String.valueOf(freePort()), "--work-dir", dir.resolve("work-1").toString(), master);
        start("worker-2", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "2g",
                "--webui-port", String.valueOf(freePort()), "--work-dir", dir.resolve("work-2").toString(), master);

        awaitAliveWorkers(masterUi, 2);

        Path out = dir.resolve("cluster");
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> killWhileTraining(doomed, out));
        Grids.Result cluster = Grids.fpt("experiment", spec.toString(), "--master", master, "--out", out.toString(),
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
                "--conf", "spark.executor.memory=1g", "--conf", "spark.task.maxFailures=4", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1");
        killer.get(); // rethrows what went wrong in the killer
        assertThat(cluster.code()).as(cluster.err()).isZero();
        assertThat(doomed.isAlive()).isFalse();
        assertThat(JsonParser.parseString(Files.readString(out.resolve("progress.json"))).getAsJsonObject().get("failed_attempts")
                .getAsInt()).as("the killed worker's run failed once").isPositive();
        assertThat(resumedSteps(out)).as("a run resumed from its checkpoint on the store").anyMatch(step -> step > 0 && step < STEPS);
        Grids.assertSameResults(reference, out);
    }

    /**
     * Waits until the doomed worker's run has a checkpoint on the store, then kills the worker while the run is
     * mid-way: the run is frozen first (SIGSTOP), so however fast this machine trains it cannot finish in between;
     * after the worker is killed it is thawed, finds its task's pipe closed and ends.
     */
    private static void killWhileTraining(Process worker, Path out) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> child = worker.descendants().filter(p -> isRun(commandLine(p))).findFirst();
            if (child.isPresent()) {
                List<String> args = commandLine(child.get());
                Path runDir = out.resolve("runs").resolve(args.get(args.size() - 1));
                if (partialCheckpoint(runDir)) {
                    signal("STOP", child.get());
                    if (!finished(runDir)) {
                        worker.destroyForcibly(); // SIGKILL: the worker, then its executor (which watches it)
                        signal("CONT", child.get());
                        assertThat(child.get().onExit()).as("the run ends when its task's JVM is gone").succeedsWithin(Duration.ofMinutes(2));
                        return;
                    }
                    signal("CONT", child.get()); // it finished just before it was frozen: wait for the next run
                }
            }
            sleep(50);
        }
        throw new AssertionError("The doomed worker never trained a run past a checkpoint");
    }

    private static boolean isRun(List<String> args) {
        return args.size() > 1 && args.get(args.size() - 2).equals(RunProcess.class.getName());
    }

    private static boolean finished(Path runDir) {
        try {
            return Files.readString(runDir.resolve(StoredRun.METRICS)).contains("\"final\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(String signal, ProcessHandle process) {
        try {
            assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor()).isZero();
        } catch (IOException e) {
            throw new AssertionError("kill -" + signal + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits (a busy machine starts JVMs slowly) until the Master's JSON page counts {@code count} alive workers. */
    private static void awaitAliveWorkers(int masterUi, int count) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            try {
                String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (JsonParser.parseString(json).getAsJsonObject().get("aliveworkers").getAsInt() >= count) {
                    return;
                }
            } catch (IOException | com.google.gson.JsonParseException e) {
                // the Master is not up yet, or its UI still answers with something else than its JSON status
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(500);
        }
        throw new AssertionError("The standalone cluster did not come up with " + count + " workers");
    }

    /** A process's arguments from /proc (ProcessHandle.Info drops them when the command line is as long as a class path). */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))).split("\0"));
        } catch (IOException e) {
            return List.of(); // ended meanwhile
        }
    }

    private static boolean partialCheckpoint(Path runDir) {
        try (Stream<Path> files = Files.list(runDir)) {
            return files.map(f -> StoredRun.stepOf(f.getFileName().toString())).anyMatch(step -> step > 0 && step < STEPS);
        } catch (IOException e) {
            return false; // not there yet
        }
    }

    private static List<Integer> resumedSteps(Path out) throws IOException {
        try (Stream<Path> dirs = Files.list(out.resolve("runs"))) {
            List<Integer> steps = new ArrayList<>();
            for (Path run : dirs.toList()) {
                steps.add(JsonParser.parseString(Files.readString(run.resolve(StoredRun.SUMMARY))).getAsJsonObject().get("resumed_from_step").getAsInt());
            }
            return steps;
        }
    }

    /** A Spark daemon in its own JVM, from this test's class path, as Spark's scripts would start it. */
    private Process start(String name, String mainClass, String... args) throws IOException {
        Path home = Files.createDirectories(dir.resolve("spark-home").resolve("jars")).getParent();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        // A Spark home whose jars/ is empty: executors take everything from spark.executor.extraClassPath.
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    @AfterEach
    void stopCluster() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
