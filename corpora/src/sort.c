/* Sorting: the same pseudo-random i32 array sorted by a hand-written
 * quicksort (median of three, insertion sort for small ranges) and by a
 * top-down mergesort with a scratch buffer; both results are checked and
 * hashed. Size: number of elements. */
#include "corpus.h"

static void insertion_sort(int32_t *a, long lo, long hi) {
  for (long i = lo + 1; i <= hi; i++) {
    int32_t v = a[i];
    long j = i - 1;
    while (j >= lo && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
}

static void quicksort(int32_t *a, long lo, long hi) {
  while (hi - lo > 16) {
    long mid = lo + (hi - lo) / 2;
    if (a[mid] < a[lo]) { int32_t t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
    if (a[hi] < a[lo]) { int32_t t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
    if (a[hi] < a[mid]) { int32_t t = a[hi]; a[hi] = a[mid]; a[mid] = t; }
    int32_t pivot = a[mid];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    /* Recurse into the smaller side, loop on the larger: bounded stack depth. */
    if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
    else { quicksort(a, i, hi); hi = j; }
  }
  insertion_sort(a, lo, hi);
}

static void mergesort_rec(int32_t *a, int32_t *tmp, long lo, long hi) {
  if (hi - lo < 16) { insertion_sort(a, lo, hi); return; }
  long mid = lo + (hi - lo) / 2;
  mergesort_rec(a, tmp, lo, mid);
  mergesort_rec(a, tmp, mid + 1, hi);
  long i = lo, j = mid + 1, k = lo;
  while (i <= mid && j <= hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i <= mid) tmp[k++] = a[i++];
  while (j <= hi) tmp[k++] = a[j++];
  memcpy(a + lo, tmp + lo, sizeof(int32_t) * (size_t)(hi - lo + 1));
}

static uint64_t hash_sorted(const int32_t *a, long n) {
  uint64_t h = 0;
  for (long i = 0; i < n; i++) {
    if (i > 0 && a[i - 1] > a[i]) return 0xbad; /* unsorted: a checksum no correct run gives */
    h = corpus_mix(h, (uint32_t)a[i]);
  }
  return h;
}

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 1800000, 20000000);
  int32_t *orig = corpus_alloc(argv[0], 4 * (uint64_t)n), *a = corpus_alloc(argv[0], 4 * (uint64_t)n);
  int32_t *tmp = corpus_alloc(argv[0], 4 * (uint64_t)n);
  uint64_t seed = 7;
  for (long i = 0; i < n; i++) orig[i] = (int32_t)(uint32_t)(corpus_rand(&seed) >> 32) % 1000000;
  memcpy(a, orig, sizeof(int32_t) * n);
  quicksort(a, 0, n - 1);
  uint64_t h = hash_sorted(a, n);
  memcpy(a, orig, sizeof(int32_t) * n);
  mergesort_rec(a, tmp, 0, n - 1);
  h = corpus_mix(h, hash_sorted(a, n));
  return corpus_print(h);
}
