/*
 * Shared by every corpus program: the size argument, the checksum, the
 * output line.
 *
 * Contract (corpora/corpus.ts relies on it): each program is a WASI command
 * that takes an optional size in argv[1] (a default otherwise), prints
 * exactly one line, the 64-bit checksum as 16 lowercase hex digits, and exits
 * 0. A bad size prints one line to stderr and exits 2.
 *
 * Checksums must be identical natively and on every engine, so programs use
 * only IEEE-exact float operations (+ - * / sqrt; no libm transcendentals,
 * whose last bit differs between libcs), are compiled with -ffp-contract=off
 * so that no compiler fuses a*b+c, and never let the width of long or size_t
 * (32 bits on wasm32, 64 natively) change a result.
 *
 * No printf: stdio formatting would triple the size of every module.
 */
#ifndef CORPUS_H
#define CORPUS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline void corpus_fail(const char *program, const char *message, int status) {
  fputs(program, stderr);
  fputs(": ", stderr);
  fputs(message, stderr);
  fputc('\n', stderr);
  exit(status);
}

/* argv[1] as a size in 1..max (max fits in 31 bits, so long is wide enough
 * on every target), or default_size without an argument. */
static inline long corpus_size(int argc, char **argv, long default_size, long max) {
  if (argc < 2) return default_size;
  const char *s = argv[1];
  long n = 0;
  int ok = *s != '\0';
  for (; *s && ok; s++) {
    ok = *s >= '0' && *s <= '9' && n <= (max - (*s - '0')) / 10;
    n = n * 10 + (*s - '0');
  }
  if (!ok || n < 1) {
    char max_text[16], *p = max_text + sizeof max_text;
    *--p = '\0';
    do { *--p = (char)('0' + max % 10); max /= 10; } while (max);
    fputs(argv[0], stderr);
    fputs(": size must be an integer from 1 to ", stderr);
    fputs(p, stderr);
    fputs(", got '", stderr);
    fputs(argv[1], stderr);
    fputs("'\n", stderr);
    exit(2);
  }
  return n;
}

/* Order-sensitive 64-bit mixing (a multiply-xorshift step, as in splitmix64). */
static inline uint64_t corpus_mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h *= 0xbf58476d1ce4e5b9ULL;
  return h ^ (h >> 31);
}

static inline uint64_t corpus_f64_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

static inline uint32_t corpus_f32_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

/* A small deterministic generator for inputs (xorshift64*). */
static inline uint64_t corpus_rand(uint64_t *state) {
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545f4914f6cdd1dULL;
}

/* malloc that ends the program with one line instead of returning NULL. */
static inline void *corpus_alloc(const char *program, uint64_t bytes) {
  void *p = bytes <= SIZE_MAX ? calloc(1, (size_t)bytes) : NULL;
  if (!p) corpus_fail(program, "out of memory", 1);
  return p;
}

static inline int corpus_print(uint64_t checksum) {
  char line[17];
  for (int i = 15; i >= 0; i--, checksum >>= 4) line[i] = "0123456789abcdef"[checksum & 15];
  line[16] = '\n';
  fwrite(line, 1, sizeof line, stdout);
  return 0;
}

#endif
