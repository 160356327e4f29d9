/* Float-heavy f32: Jacobi relaxation of the 2-D heat equation on a 512x512
 * grid (a 5-point stencil), with a source term and an f32 sqrt/divide
 * residual norm every 10 sweeps. Size: number of sweeps. */
#include "corpus.h"
#include <math.h>

enum { W = 512 };

int main(int argc, char **argv) {
  long sweeps = corpus_size(argc, argv, 450, 1000000);
  float *u = corpus_alloc(argv[0], 4 * W * W), *v = corpus_alloc(argv[0], 4 * W * W), *f = corpus_alloc(argv[0], 4 * W * W);
  for (int y = 0; y < W; y++)
    for (int x = 0; x < W; x++) {
      f[y * W + x] = (float)((x * 3 + y * 5) % 11 - 5) * 0.001f;
      if (y == 0) u[x] = v[x] = 1.0f; /* hot top edge */
    }
  uint64_t h = 0;
  for (long s = 0; s < sweeps; s++) {
    for (int y = 1; y < W - 1; y++)
      for (int x = 1; x < W - 1; x++) {
        int i = y * W + x;
        v[i] = 0.25f * (u[i - 1] + u[i + 1] + u[i - W] + u[i + W] - f[i]);
      }
    float *t = u; u = v; v = t;
    if (s % 10 == 9) {
      float sum = 0.0f;
      for (int i = W; i < W * (W - 1); i++) { float d = u[i] - v[i]; sum += d * d; }
      h = corpus_mix(h, corpus_f32_bits(sqrtf(sum) / (float)(W * W)));
    }
  }
  for (int i = 0; i < W * W; i += 257) h = corpus_mix(h, corpus_f32_bits(u[i]));
  return corpus_print(h);
}
