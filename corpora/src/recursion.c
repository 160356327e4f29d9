/* Deep recursion: naive Fibonacci (many shallow calls) and Ackermann A(2,n)
 * / A(3,k) (deep, non-tail calls), which stress call overhead and the stack.
 * Calls nest ~3000 deep: more than WAMR's default 64 KiB interpreter stack
 * holds (iwasm --stack-size=1048576 suffices), within every other engine's
 * default. Size: the Fibonacci argument (cost grows ~1.6x per step). */
#include "corpus.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/* noinline and the volatile sink keep the compiler from turning the
 * recursion into loops, which would defeat the point. */
static volatile uint32_t sink;
__attribute__((noinline)) static uint32_t ack(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  uint32_t inner = ack(m, n - 1);
  sink = inner;
  return ack(m - 1, inner);
}

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 39, 45);
  uint64_t h = corpus_mix(0, fib((uint32_t)n));
  for (uint32_t i = 0; i < 4; i++) h = corpus_mix(h, ack(2, 1000 + i)); /* depth ~3000 */
  h = corpus_mix(h, ack(3, 8)); /* depth ~2^11 */
  return corpus_print(h);
}
