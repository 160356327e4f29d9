/* Dense linear algebra: C = A * B for n x n f64 matrices (i-k-j loop order,
 * so the inner loop streams rows and vectorises). Size: n. */
#include "corpus.h"

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 600, 4096);
  double *a = corpus_alloc(argv[0], 8 * (uint64_t)n * n);
  double *b = corpus_alloc(argv[0], 8 * (uint64_t)n * n);
  double *c = corpus_alloc(argv[0], 8 * (uint64_t)n * n);
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      a[i * n + j] = (double)((i * 7 + j * 3) % 17 - 8) / (double)(i + j + 1);
      b[i * n + j] = (double)((i * 5 + j * 11) % 13 - 6) * 0.25;
    }
  for (long i = 0; i < n; i++)
    for (long k = 0; k < n; k++) {
      double aik = a[i * n + k];
      double *crow = c + i * n;
      const double *brow = b + k * n;
      for (long j = 0; j < n; j++) crow[j] += aik * brow[j];
    }
  uint64_t h = 0;
  for (long i = 0; i < n * n; i++) h = corpus_mix(h, corpus_f64_bits(c[i]));
  return corpus_print(h);
}
