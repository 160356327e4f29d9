/* FFT: iterative radix-2 complex FFT on 65536 f64 points, forward then
 * inverse, repeated. Twiddles come from a Taylor series, not libm, so every
 * libc gives the same bits. Size: number of forward+inverse round trips. */
#include "corpus.h"

#define LOG2N 16
#define N (1 << LOG2N)
static const double PI = 3.14159265358979323846;

/* sin(x) for x in [-pi, pi] by its Taylor series (enough terms for ~1e-16). */
static double taylor_sin(double x) {
  double term = x, sum = x, x2 = x * x;
  for (int k = 1; k < 30; k++) {
    term = -term * x2 / (double)((2 * k) * (2 * k + 1));
    sum += term;
  }
  return sum;
}

static void fft(double *re, double *im, const double *wr, const double *wi, int inverse) {
  for (unsigned i = 1, j = 0; i < N; i++) {
    unsigned bit = N >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i]; re[i] = re[j]; re[j] = t;
      t = im[i]; im[i] = im[j]; im[j] = t;
    }
  }
  for (unsigned len = 2; len <= N; len <<= 1) {
    unsigned half = len >> 1, step = N / len;
    for (unsigned i = 0; i < N; i += len)
      for (unsigned k = 0; k < half; k++) {
        double cr = wr[k * step], ci = inverse ? -wi[k * step] : wi[k * step];
        unsigned p = i + k, q = p + half;
        double tr = re[q] * cr - im[q] * ci;
        double ti = re[q] * ci + im[q] * cr;
        re[q] = re[p] - tr; im[q] = im[p] - ti;
        re[p] += tr; im[p] += ti;
      }
  }
  if (inverse)
    for (unsigned i = 0; i < N; i++) { re[i] /= N; im[i] /= N; }
}

int main(int argc, char **argv) {
  long rounds = corpus_size(argc, argv, 70, 1000000);
  double *re = corpus_alloc(argv[0], sizeof(double) * N), *im = corpus_alloc(argv[0], sizeof(double) * N);
  double *wr = corpus_alloc(argv[0], sizeof(double) * N / 2), *wi = corpus_alloc(argv[0], sizeof(double) * N / 2);
  for (unsigned k = 0; k < N / 2; k++) {
    double angle = -2.0 * PI * (double)k / (double)N; /* in (-pi, 0] */
    wi[k] = taylor_sin(angle);
    wr[k] = taylor_sin(angle + PI / 2); /* cos(a) = sin(a + pi/2), still in [-pi, pi] */
  }
  uint64_t seed = 0x1234567;
  for (unsigned i = 0; i < N; i++) {
    re[i] = (double)(corpus_rand(&seed) >> 40) / (double)(1 << 24) - 0.5;
    im[i] = 0.0;
  }
  uint64_t h = 0;
  for (long r = 0; r < rounds; r++) {
    fft(re, im, wr, wi, 0);
    h = corpus_mix(h, corpus_f64_bits(re[r % N]) ^ corpus_f64_bits(im[(r * 7) % N]));
    fft(re, im, wr, wi, 1);
  }
  for (unsigned i = 0; i < N; i++) h = corpus_mix(h, corpus_f64_bits(re[i]) ^ (corpus_f64_bits(im[i]) << 1));
  return corpus_print(h);
}
