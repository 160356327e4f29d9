/* Mandelbrot set: an n x n bitmap of [-1.5,0.5] x [-1,1], 50 iterations per
 * point, branchy f64 arithmetic packed into bits (Benchmarks Game).
 * Size: n (pixels per side). */
#include "corpus.h"

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 1600, 100000);
  uint64_t h = 0;
  long inside = 0;
  for (long y = 0; y < n; y++) {
    double ci = 2.0 * (double)y / (double)n - 1.0;
    uint64_t row = 0;
    for (long x = 0; x < n; x++) {
      double cr = 2.0 * (double)x / (double)n - 1.5;
      double zr = 0, zi = 0, tr = 0, ti = 0;
      int i = 0;
      for (; i < 50 && tr + ti <= 4.0; i++) {
        zi = 2.0 * zr * zi + ci;
        zr = tr - ti + cr;
        tr = zr * zr;
        ti = zi * zi;
      }
      int bit = tr + ti <= 4.0;
      inside += bit;
      row = (row << 1) | (uint64_t)bit;
      if ((x & 63) == 63 || x == n - 1) { h = corpus_mix(h, row); row = 0; }
    }
  }
  return corpus_print(corpus_mix(h, (uint64_t)inside));
}
