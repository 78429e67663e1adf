package org.fpt.bench;

import ai.djl.mxnet.jna.LibUtils;
import ai.djl.mxnet.jna.MxnetLibrary;

/**
 * MXNet's own operator profiler (aggregate statistics of every imperative op: count and total, min, max,
 * mean time), switched on around a few steps. Call only after the engine has loaded.
 */
final class MxProfile {
    private final MxnetLibrary lib = LibUtils.loadLibrary();

    void start(String traceFile) {
        String[] keys = {"profile_imperative", "profile_symbolic", "profile_api", "profile_memory", "aggregate_stats", "filename"};
        String[] values = {"true", "true", "false", "false", "true", traceFile};
        check(lib.MXSetProcessProfilerConfig(keys.length, keys, values, null), "configure the profiler");
        check(lib.MXSetProcessProfilerState(1, 0, null), "start the profiler");
    }

    /** Stops profiling and returns MXNet's table, sorted by total time. */
    String stop() {
        check(lib.MXSetProcessProfilerState(0, 0, null), "stop the profiler");
        String[] out = new String[1];
        // format 0 = table, sort by 0 = total time, descending
        check(lib.MXAggregateProfileStatsPrintEx(out, 1, 0, 0, 0), "print the profile");
        return out[0];
    }

    private void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("MXNet failed to " + what + ": " + lib.MXGetLastError());
        }
    }
}
