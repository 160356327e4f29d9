/* Hash table: open addressing with linear probing on u32 keys, growing by
 * rehash at 50% load; a mix of inserts/increments, lookups and deletions
 * (backward-shift, no tombstones). Size: number of operations. */
#include "corpus.h"

struct table { uint32_t *keys; uint32_t *vals; uint32_t cap, len; }; /* key 0 = empty */

static uint32_t slot_of(uint32_t key, uint32_t mask) { return (key * 0x9e3779b1u) >> 7 & mask; }

static void insert_raw(struct table *t, uint32_t key, uint32_t val) {
  uint32_t mask = t->cap - 1, i = slot_of(key, mask);
  while (t->keys[i] != 0) i = (i + 1) & mask;
  t->keys[i] = key; t->vals[i] = val; t->len++;
}

static void grow(struct table *t) {
  uint32_t old_cap = t->cap, *old_keys = t->keys, *old_vals = t->vals;
  t->cap = old_cap ? old_cap * 2 : 16;
  t->keys = corpus_alloc("hashtable", 4 * (uint64_t)t->cap);
  t->vals = corpus_alloc("hashtable", 4 * (uint64_t)t->cap);
  t->len = 0;
  for (uint32_t i = 0; i < old_cap; i++) if (old_keys[i]) insert_raw(t, old_keys[i], old_vals[i]);
  free(old_keys); free(old_vals);
}

static uint32_t *find(struct table *t, uint32_t key) {
  uint32_t mask = t->cap - 1;
  for (uint32_t i = slot_of(key, mask); t->keys[i] != 0; i = (i + 1) & mask)
    if (t->keys[i] == key) return &t->vals[i];
  return NULL;
}

static void add(struct table *t, uint32_t key) {
  uint32_t *v = find(t, key);
  if (v) { (*v)++; return; }
  if ((t->len + 1) * 2 > t->cap) grow(t);
  insert_raw(t, key, 1);
}

static int erase(struct table *t, uint32_t key) {
  uint32_t mask = t->cap - 1, i = slot_of(key, mask);
  while (t->keys[i] != key) { if (t->keys[i] == 0) return 0; i = (i + 1) & mask; }
  /* Backward-shift deletion keeps every probe chain unbroken. */
  for (uint32_t j = (i + 1) & mask; t->keys[j] != 0; j = (j + 1) & mask) {
    uint32_t home = slot_of(t->keys[j], mask);
    if (((j - home) & mask) >= ((j - i) & mask)) { t->keys[i] = t->keys[j]; t->vals[i] = t->vals[j]; i = j; }
  }
  t->keys[i] = 0; t->len--;
  return 1;
}

int main(int argc, char **argv) {
  long ops = corpus_size(argc, argv, 3500000, 50000000);
  struct table t = {0};
  grow(&t);
  uint64_t seed = 99, h = 0, found = 0, erased = 0;
  uint32_t range = (uint32_t)(ops / 2 + 1);
  for (long i = 0; i < ops; i++) {
    uint64_t r = corpus_rand(&seed);
    uint32_t key = (uint32_t)(r >> 32) % range + 1;
    switch (r & 7) {
      case 0: erased += (uint64_t)erase(&t, key); break;
      case 1: case 2: { uint32_t *v = find(&t, key); if (v) { found++; h = corpus_mix(h, *v); } break; }
      default: add(&t, key);
    }
  }
  h = corpus_mix(corpus_mix(corpus_mix(h, found), erased), t.len);
  for (uint32_t i = 0; i < t.cap; i += 97) h = corpus_mix(h, (uint64_t)t.keys[i] << 32 | t.vals[i]);
  return corpus_print(h);
}
