/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), table-driven one
 * byte at a time over a 1 MiB buffer: byte loads, table lookups, shifts.
 * Size: number of MiB processed. */
#include "corpus.h"

int main(int argc, char **argv) {
  long mib = corpus_size(argc, argv, 120, 1000000);
  uint32_t table[256];
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  enum { LEN = 1 << 20 };
  uint8_t *buf = corpus_alloc(argv[0], LEN);
  uint64_t seed = 42;
  for (size_t i = 0; i < LEN; i++) buf[i] = (uint8_t)(corpus_rand(&seed) >> 56);
  uint64_t h = 0;
  uint32_t crc = 0;
  for (long r = 0; r < mib; r++) {
    uint32_t c = ~crc;
    for (size_t i = 0; i < LEN; i++) c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
    crc = ~c;
    h = corpus_mix(h, crc);
    buf[r % LEN] ^= (uint8_t)crc; /* each round sees different data */
  }
  return corpus_print(h);
}
