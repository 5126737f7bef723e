/*
 * Preloaded by bin/vitssl on AMD processors. libtorch's CPU build links Intel oneMKL, which asks
 * this function whether the processor is Intel's and, where it is not, runs its sgemm on a generic
 * code path: on an AVX2 EPYC the model's matrix products ran at 55-90 GFLOP/s instead of 110-150.
 * Answering yes lets MKL choose its kernels by the processor's instruction sets (AVX2, FMA,
 * AVX-512), as it does on Intel. Build: cc -O2 -shared -fPIC mkl_intel_path.c -o libvitssl_mkl_intel_path.so
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
