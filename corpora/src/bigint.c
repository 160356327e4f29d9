/* 64-bit integer work: schoolbook multiplication of multi-limb numbers
 * (32-bit limbs, 64-bit products and carries), a xorshift64* stream and
 * 64-bit division/remainder, the way bignum and crypto code uses i64.
 * Size: number of limbs per operand (cost grows as size^2). */
#include "corpus.h"

static void mul(const uint32_t *a, const uint32_t *b, uint32_t *out, long n) {
  memset(out, 0, sizeof(uint32_t) * (size_t)(2 * n));
  for (long i = 0; i < n; i++) {
    uint64_t carry = 0, ai = a[i];
    for (long j = 0; j < n; j++) {
      uint64_t t = ai * b[j] + out[i + j] + carry;
      out[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    out[i + n] = (uint32_t)carry;
  }
}

/* Remainder of the 2n-limb number modulo a 64-bit odd modulus, limb by limb
 * (i64.rem_u on every step). */
static uint64_t mod64(const uint32_t *x, long len, uint64_t m) {
  uint64_t r = 0;
  for (long i = len - 1; i >= 0; i--) {
    r = ((r << 16) | (x[i] >> 16)) % m;
    r = ((r << 16) | (x[i] & 0xffff)) % m;
  }
  return r;
}

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 5000, 100000);
  uint32_t *a = corpus_alloc(argv[0], 4 * (uint64_t)n), *b = corpus_alloc(argv[0], 4 * (uint64_t)n);
  uint32_t *p = corpus_alloc(argv[0], 8 * (uint64_t)n);
  uint64_t seed = 0x9e3779b97f4a7c15ULL, h = 0;
  for (long i = 0; i < n; i++) { a[i] = (uint32_t)corpus_rand(&seed); b[i] = (uint32_t)(corpus_rand(&seed) >> 32); }
  for (int round = 0; round < 6; round++) {
    mul(a, b, p, n);
    uint64_t m = (corpus_rand(&seed) >> 18) | 1; /* < 2^46, so r << 16 fits */
    h = corpus_mix(corpus_mix(h, mod64(p, 2 * n, m)), p[n]);
    memcpy(a, p + n / 2, sizeof(uint32_t) * (size_t)n); /* the middle limbs feed the next round */
  }
  /* A pure i64 stream: xorshift64*, multiply-high by halves, rotates. */
  uint64_t acc = 0;
  for (long i = 0; i < n * 2000; i++) {
    uint64_t x = corpus_rand(&seed);
    uint64_t lo = (x & 0xffffffff) * (acc | 1), hi = (x >> 32) * (acc >> 32);
    acc = ((acc << 13) | (acc >> 51)) ^ lo ^ hi;
  }
  return corpus_print(corpus_mix(h, acc));
}
