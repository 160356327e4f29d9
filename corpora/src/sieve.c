/* Sieve of Eratosthenes over the odd numbers up to a limit, one bit per odd
 * number: shifts, masks and strided read-modify-write of memory. The count
 * and the sum of the primes make the checksum. Size: the limit. */
#include "corpus.h"

int main(int argc, char **argv) {
  long limit = corpus_size(argc, argv, 75000000, 2000000000);
  uint64_t bits = (uint64_t)limit / 2 + 1; /* bit i stands for 2i+1 */
  uint32_t *composite = corpus_alloc(argv[0], 4 * (bits / 32 + 1));
  for (uint64_t i = 1; (2 * i + 1) * (2 * i + 1) <= (uint64_t)limit; i++) {
    if (composite[i >> 5] >> (i & 31) & 1) continue;
    uint64_t p = 2 * i + 1;
    for (uint64_t j = (p * p) / 2; j < bits; j += p) composite[j >> 5] |= 1u << (j & 31);
  }
  uint64_t count = limit >= 2, sum = limit >= 2 ? 2 : 0, h = 0;
  for (uint64_t i = 1; 2 * i + 1 <= (uint64_t)limit; i++)
    if (!(composite[i >> 5] >> (i & 31) & 1)) {
      count++;
      sum += 2 * i + 1;
      if ((count & 0xffff) == 0) h = corpus_mix(h, 2 * i + 1);
    }
  return corpus_print(corpus_mix(corpus_mix(h, count), sum));
}
