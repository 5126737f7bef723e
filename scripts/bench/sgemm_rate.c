/*
 * The rate of libtorch's own sgemm (MKL, linked into libtorch_cpu.so) for one product shape, as
 * the process that calls it sees it: sustained over 20 timed calls and the fastest call.
 *   lib=$(ls -d ~/.djl.ai/pytorch/2.* | head -1)
 *   cc -O2 scripts/bench/sgemm_rate.c -o /tmp/sgemm_rate -L$lib -ltorch_cpu -Wl,-rpath,$lib
 *   OMP_NUM_THREADS=2 /tmp/sgemm_rate 4352 192 768      # M K N: [M,K] x [K,N]
 *   OMP_NUM_THREADS=2 LD_PRELOAD=~/.cache/vitssl/native/libvitssl_mkl_intel_path.so /tmp/sgemm_rate 4352 192 768
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void sgemm_(const char *, const char *, const int *, const int *, const int *, const float *,
            const float *, const int *, const float *, const int *, const float *, float *,
            const int *);

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s M K N\n", argv[0]);
    return 2;
  }
  int m = atoi(argv[1]), k = atoi(argv[2]), n = atoi(argv[3]);
  float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n);
  float *c = malloc(sizeof(float) * m * n);
  for (long i = 0; i < (long)m * k; i++) a[i] = rand() / (float)RAND_MAX;
  for (long i = 0; i < (long)k * n; i++) b[i] = rand() / (float)RAND_MAX;
  const float one = 1, zero = 0;
  const int calls = 20, warm = 2;
  double best = 1e30, total = 0;
  for (int r = 0; r < warm + calls; r++) {
    double t = seconds();
    /* column-major C[m,n] = A[m,k] B[k,n] */
    sgemm_("N", "N", &m, &n, &k, &one, a, &m, b, &k, &zero, c, &m);
    t = seconds() - t;
    if (r >= warm) {
      total += t;
      if (t < best) best = t;
    }
  }
  double flop = 2.0 * m * n * k;
  printf("%dx%dx%d sustained %.1f best %.1f GFLOP/s\n", m, k, n, flop * calls / total / 1e9,
         flop / best / 1e9);
  return 0;
}
