/* Dynamic programming: Levenshtein distance and longest common subsequence
 * of two pseudo-random strings over a 4-letter alphabet, each with two
 * rolling rows (min/max chains, byte compares). Size: string length. */
#include "corpus.h"

static uint32_t levenshtein(const uint8_t *a, long n, const uint8_t *b, long m, uint32_t *prev, uint32_t *cur) {
  for (long j = 0; j <= m; j++) prev[j] = (uint32_t)j;
  for (long i = 1; i <= n; i++) {
    cur[0] = (uint32_t)i;
    for (long j = 1; j <= m; j++) {
      uint32_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
      uint32_t del = prev[j] + 1, ins = cur[j - 1] + 1;
      uint32_t best = sub < del ? sub : del;
      cur[j] = best < ins ? best : ins;
    }
    uint32_t *t = prev; prev = cur; cur = t;
  }
  return prev[m];
}

static uint32_t lcs(const uint8_t *a, long n, const uint8_t *b, long m, uint32_t *prev, uint32_t *cur) {
  memset(prev, 0, sizeof(uint32_t) * (size_t)(m + 1));
  for (long i = 1; i <= n; i++) {
    cur[0] = 0;
    for (long j = 1; j <= m; j++) {
      if (a[i - 1] == b[j - 1]) cur[j] = prev[j - 1] + 1;
      else cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
    }
    uint32_t *t = prev; prev = cur; cur = t;
  }
  return prev[m];
}

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 7000, 10000000);
  long m = n - n / 10; /* unequal lengths */
  uint8_t *a = corpus_alloc(argv[0], (uint64_t)n), *b = corpus_alloc(argv[0], (uint64_t)n);
  uint32_t *prev = corpus_alloc(argv[0], 4 * (uint64_t)(n + 1)), *cur = corpus_alloc(argv[0], 4 * (uint64_t)(n + 1));
  uint64_t seed = 2024;
  for (long i = 0; i < n; i++) a[i] = "ACGT"[corpus_rand(&seed) >> 62];
  /* b is a mutated copy of a, so the answers are far from random-string values. */
  for (long i = 0; i < m; i++) {
    uint64_t r = corpus_rand(&seed);
    b[i] = (r & 15) == 0 ? "ACGT"[r >> 62] : a[(i + (long)(r >> 60 & 1)) % n];
  }
  uint32_t d = levenshtein(a, n, b, m, prev, cur);
  uint32_t l = lcs(a, n, b, m, prev, cur);
  return corpus_print(corpus_mix(corpus_mix(0, d), l));
}
