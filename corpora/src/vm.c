/* Interpreter: a tiny stack-based bytecode VM dispatched by a switch in a
 * loop, the shape of every scripting-language core. The bytecode program,
 * assembled at start-up, sums the Collatz sequence lengths of 1..n and
 * folds the largest value seen. Size: n. */
#include "corpus.h"

enum op { PUSH, LOAD, STORE, ADD, MUL, SHR, AND, LT, EQ, MAX, JMP, JZ, JNZ, HALT };

static int32_t code[256];
static int pc_end;

static void emit(int32_t word) { code[pc_end++] = word; }
static void emit2(enum op op, int32_t arg) { emit(op); emit(arg); }
/* A forward jump: emit it now, patch its target once the label is placed. */
static int jump_fwd(enum op op) { emit2(op, -1); return pc_end - 1; }
static void patch(int at) { code[at] = pc_end; }

/* Locals: the VM's frame of 64-bit slots. */
enum { I, X, TOTAL, N, STEPS, PEAK };

static void assemble(void) {
  emit2(PUSH, 1); emit2(STORE, I);
  int outer = pc_end;
  emit2(LOAD, N); emit2(LOAD, I); emit(LT);              /* n < i ? */
  int to_end = jump_fwd(JNZ);
  emit2(LOAD, I); emit2(STORE, X);
  emit2(PUSH, 0); emit2(STORE, STEPS);
  int inner = pc_end;
  emit2(LOAD, X); emit2(PUSH, 1); emit(EQ);               /* x == 1 ? */
  int to_next = jump_fwd(JNZ);
  emit2(LOAD, X); emit2(PUSH, 1); emit(AND);              /* x odd ? */
  int to_even = jump_fwd(JZ);
  emit2(LOAD, X); emit2(PUSH, 3); emit(MUL); emit2(PUSH, 1); emit(ADD); emit2(STORE, X);
  emit2(LOAD, X); emit2(LOAD, PEAK); emit(MAX); emit2(STORE, PEAK);
  int to_count = jump_fwd(JMP);
  patch(to_even);
  emit2(LOAD, X); emit2(PUSH, 1); emit(SHR); emit2(STORE, X);
  patch(to_count);
  emit2(LOAD, STEPS); emit2(PUSH, 1); emit(ADD); emit2(STORE, STEPS);
  emit2(JMP, inner);
  patch(to_next);
  emit2(LOAD, TOTAL); emit2(LOAD, STEPS); emit(ADD); emit2(STORE, TOTAL);
  emit2(LOAD, I); emit2(PUSH, 1); emit(ADD); emit2(STORE, I);
  emit2(JMP, outer);
  patch(to_end);
  emit(HALT);
}

static void run(uint64_t *locals) {
  uint64_t stack[16];
  int sp = 0, pc = 0;
  for (;;) {
    int32_t op = code[pc++];
    switch (op) {
      case PUSH: stack[sp++] = (uint64_t)code[pc++]; break;
      case LOAD: stack[sp++] = locals[code[pc++]]; break;
      case STORE: locals[code[pc++]] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
      case MAX: sp--; if (stack[sp] > stack[sp - 1]) stack[sp - 1] = stack[sp]; break;
      case JMP: pc = code[pc]; break;
      case JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
      case JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
      case HALT: return;
      default: corpus_fail("vm", "bad opcode", 1);
    }
  }
}

int main(int argc, char **argv) {
  long n = corpus_size(argc, argv, 45000, 100000000);
  assemble();
  uint64_t locals[8] = {0};
  locals[N] = (uint64_t)n;
  run(locals);
  return corpus_print(corpus_mix(corpus_mix(0, locals[TOTAL]), locals[PEAK]));
}
