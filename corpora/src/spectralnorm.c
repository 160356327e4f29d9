/* Spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1),
 * truncated to n x n, by 10 power iterations (Benchmarks Game): f64 division
 * and multiply-add in tight loops. Size: n. */
#include "corpus.h"
#include <math.h>

static double eval_a(int64_t i, int64_t j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_av(long n, const double *v, double *out) {
  for (long i = 0; i < n; i++) {
    double s = 0;
    for (long j = 0; j < n; j++) s += eval_a(i, j) * v[j];
    out[i] = s;
  }
}

static void mul_atv(long n, const double *v, double *out) {
  for (long i = 0; i < n; i++) {
    double s = 0;
    for (long j = 0; j < n; j++) s += eval_a(j, i) * v[j];
    out[i] = s;
  }
}

static void mul_atav(long n, const double *v, double *out, double *tmp) {
  mul_av(n, v, tmp);
  mul_atv(n, tmp, out);
}

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 1500, 100000);
  double *u = corpus_alloc(argv[0], 8 * (uint64_t)n), *v = corpus_alloc(argv[0], 8 * (uint64_t)n);
  double *tmp = corpus_alloc(argv[0], 8 * (uint64_t)n);
  for (long i = 0; i < n; i++) u[i] = 1.0;
  for (int i = 0; i < 10; i++) {
    mul_atav(n, u, v, tmp);
    mul_atav(n, v, u, tmp);
  }
  double vbv = 0, vv = 0;
  for (long i = 0; i < n; i++) { vbv += u[i] * v[i]; vv += v[i] * v[i]; }
  uint64_t h = corpus_mix(0, corpus_f64_bits(sqrt(vbv / vv)));
  for (long i = 0; i < n; i += 1 + n / 64) h = corpus_mix(h, corpus_f64_bits(u[i]));
  return corpus_print(h);
}
