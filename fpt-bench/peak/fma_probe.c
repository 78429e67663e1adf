/*
 * Measures this CPU's reachable fp32 peak: every thread runs independent FMA chains (enough to cover the FMA
 * latency on two units) for about a second; prints GFLOP/s over all threads. The widest FMA the compiler is
 * allowed decides the loop: AVX-512 (16 lanes) when built with it, else AVX2 + FMA (8 lanes), so that
 * `-march=native` measures what this CPU has (an AVX-512 loop stops with SIGILL on a CPU without it).
 * Build: gcc -O3 -funroll-loops -march=native -fopenmp fma_probe.c -o fma_probe; threads from OMP_NUM_THREADS.
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define CHAINS 16 /* of 32 vector registers */
#define ISA "AVX-512"
#define SET1(x) _mm512_set1_ps(x)
#define FMADD(a, b, c) _mm512_fmadd_ps(a, b, c)
static float sum(vec v) { return _mm512_reduce_add_ps(v); }
#elif defined(__AVX2__) && defined(__FMA__)
typedef __m256 vec;
#define LANES 8
#define CHAINS 12 /* of 16 vector registers, with room for the two constants: more would spill */
#define ISA "AVX2"
#define SET1(x) _mm256_set1_ps(x)
#define FMADD(a, b, c) _mm256_fmadd_ps(a, b, c)
static float sum(vec v) {
    float lanes[8];
    _mm256_storeu_ps(lanes, v);
    float s = 0;
    for (int i = 0; i < 8; i++) s += lanes[i];
    return s;
}
#else
#error "needs AVX2 and FMA (or AVX-512)"
#endif

static double now(void) { return omp_get_wtime(); }

int main(void) {
    const long iters = 150L * 1000 * 1000 * 1000 / (2L * LANES * CHAINS); /* 150 GFLOP per thread: about a second */
    double start = 0, seconds = 0;
    float sink = 0;
    int threads = 0;
    #pragma omp parallel reduction(+:sink)
    {
        vec acc[CHAINS];
        for (int i = 0; i < CHAINS; i++) acc[i] = SET1((float) i);
        const vec a = SET1(0.999999f), b = SET1(1e-7f);
        #pragma omp barrier
        #pragma omp master
        { start = now(); threads = omp_get_num_threads(); }
        for (long n = 0; n < iters; n++) {
            for (int i = 0; i < CHAINS; i++) acc[i] = FMADD(acc[i], a, b);
        }
        #pragma omp barrier
        #pragma omp master
        seconds = now() - start;
        for (int i = 0; i < CHAINS; i++) sink += sum(acc[i]);
    }
    double flops = (double) threads * iters * CHAINS * LANES * 2;
    printf("%.1f GFLOP/s fp32 on %d threads (%s FMA loop, %.2f s; checksum %g)\n", flops / seconds / 1e9, threads, ISA, seconds, sink);
    return 0;
}
