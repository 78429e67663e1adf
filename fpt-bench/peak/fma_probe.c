/*
 * Measures this CPU's reachable fp32 peak: every thread runs independent AVX-512 FMA chains (enough to
 * cover the FMA latency on two units) for about a second; prints GFLOP/s over all threads.
 * Build: gcc -O3 -funroll-loops -mavx512f -mfma -fopenmp fma_probe.c -o fma_probe; threads from OMP_NUM_THREADS.
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#define CHAINS 16

static double now(void) { return omp_get_wtime(); }

int main(void) {
    const long iters = 300L * 1000 * 1000;
    double start = 0, seconds = 0;
    float sink = 0;
    int threads = 0;
    #pragma omp parallel reduction(+:sink)
    {
        __m512 acc[CHAINS];
        for (int i = 0; i < CHAINS; i++) acc[i] = _mm512_set1_ps((float) i);
        const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
        #pragma omp barrier
        #pragma omp master
        { start = now(); threads = omp_get_num_threads(); }
        for (long n = 0; n < iters; n++) {
            for (int i = 0; i < CHAINS; i++) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
        }
        #pragma omp barrier
        #pragma omp master
        seconds = now() - start;
        for (int i = 0; i < CHAINS; i++) sink += _mm512_reduce_add_ps(acc[i]);
    }
    double flops = (double) threads * iters * CHAINS * 16 * 2;
    printf("%.1f GFLOP/s fp32 on %d threads (AVX-512 FMA loop, %.2f s; checksum %g)\n", flops / seconds / 1e9, threads, seconds, sink);
    return 0;
}
