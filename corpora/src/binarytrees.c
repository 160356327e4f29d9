/* Binary trees: allocate and free many perfect binary trees with malloc and
 * free (Benchmarks Game), plus one long-lived tree; allocation-heavy.
 * Size: maximum depth (cost doubles per step). */
#include "corpus.h"

struct node { struct node *left, *right; };

static struct node *make(int depth) {
  struct node *n = malloc(sizeof *n);
  if (!n) corpus_fail("binarytrees", "out of memory", 1);
  if (depth > 0) { n->left = make(depth - 1); n->right = make(depth - 1); }
  else n->left = n->right = NULL;
  return n;
}

static uint32_t check(const struct node *n) { return n->left ? 1 + check(n->left) + check(n->right) : 1; }

static void release(struct node *n) {
  if (n->left) { release(n->left); release(n->right); }
  free(n);
}

int main(int argc, char **argv) {
  int max_depth = (int)corpus_size(argc, argv, 16, 24);
  if (max_depth < 6) max_depth = 6;
  struct node *stretch = make(max_depth + 1);
  uint64_t h = corpus_mix(0, check(stretch));
  release(stretch);
  struct node *long_lived = make(max_depth);
  for (int depth = 4; depth <= max_depth; depth += 2) {
    long iterations = 1L << (max_depth - depth + 4);
    uint64_t total = 0;
    for (long i = 0; i < iterations; i++) {
      struct node *t = make(depth);
      total += check(t);
      release(t);
    }
    h = corpus_mix(corpus_mix(h, (uint64_t)iterations), total);
  }
  h = corpus_mix(h, check(long_lived));
  release(long_lived);
  return corpus_print(h);
}
