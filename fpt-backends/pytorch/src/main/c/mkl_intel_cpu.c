/*
 * Intel's MKL, linked into libtorch, asks mkl_serv_intel_cpu_true() whether the CPU's vendor string reads
 * "GenuineIntel" and, where it does not, keeps to generic kernels whatever the CPU supports (see MklIntelKernels
 * for what that cost). This definition answers yes, so MKL picks its kernels by the CPU's feature flags, which
 * describe the AMD CPU truthfully.
 *
 * PyTorchBackend loads it with RTLD_GLOBAL before libtorch loads: libtorch then binds its call here instead of to
 * MKL's own definition (a call through the PLT, resolved in the global scope first). Built by this module's pom
 * where gcc is on the PATH; without it the backend says MKL keeps its vendor check.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}
