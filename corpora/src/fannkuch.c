/* Fannkuch-redux: for every permutation of 1..n, count the prefix reversals
 * ("pancake flips") until 1 is in front; small int arrays, unpredictable
 * branches (Benchmarks Game). Size: n (cost grows as n!). */
#include "corpus.h"

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 10, 12);
  int perm[16], perm1[16], count[16];
  int max_flips = 0, checksum = 0, r = (int)n;
  long perm_count = 0;
  for (int i = 0; i < n; i++) perm1[i] = i;
  for (;;) {
    for (; r != 1; r--) count[r - 1] = r;
    for (int i = 0; i < n; i++) perm[i] = perm1[i];
    int flips = 0;
    for (int k = perm[0]; k != 0; k = perm[0]) {
      for (int i = 0, j = k; i < j; i++, j--) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
      flips++;
    }
    if (flips > max_flips) max_flips = flips;
    checksum += (perm_count % 2 == 0) ? flips : -flips;
    for (;;) {
      if (r == n) {
        uint64_t h = corpus_mix(corpus_mix(0, (uint64_t)(int64_t)checksum), (uint64_t)max_flips);
        return corpus_print(h);
      }
      int first = perm1[0];
      for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = first;
      if (--count[r] > 0) break;
      r++;
    }
    perm_count++;
  }
}
