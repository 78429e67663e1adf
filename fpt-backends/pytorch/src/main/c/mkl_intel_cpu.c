/*
 * Intel's MKL, linked into libtorch, asks mkl_serv_intel_cpu_true() whether the CPU's vendor string reads
 * "GenuineIntel" and, where it does not, keeps to slower generic kernels whatever the CPU supports: on an AMD
 * EPYC with AVX-512 the frozen GPT-2-small step took 1.75x the time it takes with this library loaded
 * (fpt-bench/README.md, "Issue 12 (session 9)"). This definition answers yes, so MKL picks its kernels by the
 * CPU's feature flags, which describe the AMD CPU truthfully.
 *
 * PyTorchBackend loads it with RTLD_GLOBAL before libtorch loads: libtorch then binds its call here instead of to
 * MKL's own definition (a call through the PLT, resolved in the global scope first). Built by this module's pom
 * where gcc exists; without it the backend says MKL keeps its vendor check.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
