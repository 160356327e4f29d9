/* Memory operations: memcpy, memmove (overlapping both ways), memset and
 * memcmp of varied lengths and alignments over a 4 MiB arena, as a text
 * editor or serializer would. Size: number of rounds. */
#include "corpus.h"

int main(int argc, char **argv) {
  long rounds = corpus_size(argc, argv, 80, 1000000);
  enum { LEN = 1 << 22 };
  uint8_t *arena = corpus_alloc(argv[0], LEN), *shadow = corpus_alloc(argv[0], LEN);
  uint64_t seed = 5, h = 0;
  for (size_t i = 0; i < LEN; i++) arena[i] = (uint8_t)(i ^ (i >> 9));
  memset(shadow, 0x5a, LEN);
  for (long r = 0; r < rounds; r++) {
    for (int k = 0; k < 4000; k++) {
      uint64_t x = corpus_rand(&seed);
      /* Offsets are computed in 64 bits: size_t is 32 bits on wasm32, and
       * truncating first would change the answer. */
      size_t len = (size_t)(x & 0x3fff) + 1; /* 1 .. 16 KiB */
      size_t src = (size_t)((x >> 20) % (LEN - len)), dst = (size_t)((x >> 42) % (LEN - len));
      switch (x >> 61) {
        case 0: case 1: memcpy(shadow + dst, arena + src, len); break;
        case 2: case 3: memmove(arena + dst, arena + src, len); break;
        case 4: memset(arena + dst, (int)(x >> 8 & 0xff), len); break;
        case 5: memcpy(arena + dst, shadow + src, len); break;
        default: {
          /* Only the sign of memcmp is defined; its magnitude differs between libcs. */
          int c = memcmp(arena + src, shadow + src, len);
          h = corpus_mix(h, (uint64_t)(c > 0) * 2 + (uint64_t)(c < 0));
          break;
        }
      }
    }
    /* Whole-arena copies: the long-run bandwidth case. */
    memcpy(shadow, arena, LEN);
    memmove(arena + 1, arena, LEN - 1);
    h = corpus_mix(h, (uint64_t)arena[(uint64_t)r * 4099 % LEN] << 8 | shadow[(uint64_t)r * 8191 % LEN]);
  }
  for (size_t i = 0; i < LEN; i += 4096) {
    uint64_t w;
    memcpy(&w, arena + i, sizeof w);
    h = corpus_mix(h, w);
  }
  return corpus_print(h);
}
