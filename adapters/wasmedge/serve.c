/*
 * wasmedge-serve: the `wasmedge` command line's two uses by wasmdiff, on the
 * WasmEdge C API, so that one process can run many requests.
 *
 *   wasmedge-serve [--run-mode interpreter|jit] driver FILE
 *       runs FILE's WASI `_start`, as `wasmedge --log-level error FILE` does
 *   wasmedge-serve [--run-mode interpreter|jit] module FILE
 *       loads, validates and instantiates FILE, nothing else (success: exit 0,
 *       no output), the verdict `wasmedge --reactor FILE <absent>` gives
 *   wasmedge-serve [--run-mode interpreter|jit] --serve
 *       the wasmdiff serve protocol (v1): each stdin line is one request whose
 *       TAB-separated fields are `driver FILE` or `module FILE`; after its
 *       output come `\x1dwasmdiff-end\n` on stderr and
 *       `\x1dwasmdiff-end <exit status>\n` on stdout. EOF on stdin: exit 0.
 *
 * What the wasmedge 0.17.1 CLI does, and so what this prints (adapters/wasmedge.ts
 * reads it): WasmEdge's own log is turned off; a failure prints one line on
 * stdout, `[error] <phase> failed: <message>, Code: 0x<code>`, the phase named
 * by the error code as WasmEdge's log formatter names it (a start function
 * that traps during instantiation is an `execution failed`, as in the CLI).
 * Exit statuses, recorded from the CLI: 1 when loading, validation or
 * instantiation fails (also a proc_exit inside the start function); 134
 * (128 + SIGABRT) when `_start` traps; otherwise the WASI exit code (0, or
 * proc_exit's argument).
 *
 * A driver whose `_start` traps is run on from the next invocation on a fresh
 * instance within the same request (continue_after_trap), each stopped run's
 * output ended by `\x1ewasmdiff-next <status>\n`: a trap costs no reload and
 * no recompilation.
 *
 * Every request gets a fresh VM, freed after it: nothing of one module (its
 * instance, its WASI state and exit code) reaches the next. WASI's stdin is
 * /dev/null, never the request stream.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wasmedge/wasmedge.h>

#define EXIT_TRAP 134 /* 128 + SIGABRT: the CLI's status when `_start` traps */
#define EXIT_USAGE 2

static WasmEdge_ConfigureContext *config;
static int wasi_stdin = -1;

/* The phase word WasmEdge's log formatter puts before "failed" (enum.inc, UseWasmPhase). */
static const char *
phase_of(uint32_t code)
{
    switch (code >> 8) {
        case 0x01:
            return "loading";
        case 0x02:
            return "validation";
        case 0x03:
            return "instantiation";
        case 0x04:
            return "execution";
        default:
            return "wasmedge runtime";
    }
}

/* The CLI's first error line for a failed step, without its timestamp. */
static void
report(WasmEdge_Result res)
{
    uint32_t code = WasmEdge_ResultGetCode(res);
    printf("[error] %s failed: %s, Code: 0x%03x\n", phase_of(code),
           WasmEdge_ResultGetMessage(res), code);
}

static int
is_terminated(WasmEdge_Result res)
{
    return WasmEdge_ResultGetCategory(res) == WasmEdge_ErrCategory_WASM
           && WasmEdge_ResultGetCode(res) == WasmEdge_ErrCode_Terminated;
}

/* Load, validate, instantiate: 0 when all went well, else the CLI's status. */
static int
prepare(WasmEdge_VMContext *vm, const char *file)
{
    WasmEdge_Result res = WasmEdge_VMLoadWasmFromFile(vm, file);
    if (WasmEdge_ResultOK(res))
        res = WasmEdge_VMValidate(vm);
    if (WasmEdge_ResultOK(res))
        res = WasmEdge_VMInstantiate(vm);
    if (WasmEdge_ResultOK(res))
        return 0;
    /* proc_exit in a start function stops instantiation; the CLI logs nothing for it */
    if (!is_terminated(res))
        report(res);
    return 1;
}

/* The value of the active instance's exported i32 global `name`, or -1. */
static int32_t
exported_i32(WasmEdge_VMContext *vm, const char *name, WasmEdge_GlobalInstanceContext **global)
{
    WasmEdge_String n = WasmEdge_StringCreateByCString(name);
    *global = WasmEdge_ModuleInstanceFindGlobal(WasmEdge_VMGetActiveModule(vm), n);
    WasmEdge_StringDelete(n);
    return *global ? WasmEdge_ValueGetI32(WasmEdge_GlobalInstanceGetValue(*global)) : -1;
}

/*
 * After a trap in a wasmdiff driver: the run goes on, as the harness's plan
 * semantics ask, on a fresh instance of the same module from the invocation
 * after the one that trapped (`wasmdiff_at`, set by the driver before each
 * call), without loading, validating or compiling again (the JIT's code stays
 * with the module). A separator line `\x1ewasmdiff-next <status>\n` ends the
 * stopped run's output. Returns 0 when the run cannot go on (not a driver, or
 * the fresh instance failed: its error is printed).
 */
static int
continue_after_trap(WasmEdge_VMContext *vm)
{
    WasmEdge_GlobalInstanceContext *at_global, *from_global;
    int32_t at = exported_i32(vm, "wasmdiff_at", &at_global);
    if (at < 0)
        return 0;
    printf("\x1ewasmdiff-next %d\n", EXIT_TRAP);
    fflush(stdout);
    WasmEdge_Result res = WasmEdge_VMInstantiate(vm);
    if (!WasmEdge_ResultOK(res)) {
        if (!is_terminated(res))
            report(res);
        return 0;
    }
    exported_i32(vm, "wasmdiff_from", &from_global);
    if (from_global == NULL || !WasmEdge_ResultOK(WasmEdge_GlobalInstanceSetValue(from_global, WasmEdge_ValueGenI32(at + 1))))
        return 0;
    return 1;
}

static int
run_driver(WasmEdge_VMContext *vm, const char *file)
{
    WasmEdge_ModuleInstanceContext *wasi =
        WasmEdge_VMGetImportModuleContext(vm, WasmEdge_HostRegistration_Wasi);
    const char *args[] = { file };
    WasmEdge_ModuleInstanceInitWASIWithFds(wasi, args, 1, NULL, 0, NULL, 0,
                                           wasi_stdin, 1, 2);
    int status = prepare(vm, file);
    if (status != 0)
        return status;

    WasmEdge_String start = WasmEdge_StringCreateByCString("_start");
    int status_out;
    if (WasmEdge_VMGetFunctionType(vm, start) == NULL) {
        /* without `_start` the CLI switches to reactor mode and wants a name */
        fprintf(stderr, "A function name is required when reactor mode is enabled.\n");
        status_out = 1;
    }
    else {
        for (;;) {
            WasmEdge_Result res = WasmEdge_VMExecute(vm, start, NULL, 0, NULL, 0);
            if (WasmEdge_ResultOK(res) || is_terminated(res)) {
                status_out = (int)WasmEdge_ModuleInstanceWASIGetExitCode(wasi);
                break;
            }
            report(res);
            status_out = EXIT_TRAP;
            if (!continue_after_trap(vm))
                break;
        }
    }
    WasmEdge_StringDelete(start);
    return status_out;
}

/* One request: `driver FILE` or `module FILE`. Returns the exit status. */
static int
run_request(const char *kind, const char *file)
{
    int driver = strcmp(kind, "driver") == 0;
    if (!driver && strcmp(kind, "module") != 0) {
        fprintf(stderr, "wasmedge-serve: unknown request kind \"%s\" (expected driver or module)\n", kind);
        return EXIT_USAGE;
    }
    WasmEdge_VMContext *vm = WasmEdge_VMCreate(config, NULL);
    if (vm == NULL) {
        fprintf(stderr, "wasmedge-serve: WasmEdge_VMCreate failed\n");
        return 1;
    }
    int status = driver ? run_driver(vm, file) : prepare(vm, file);
    WasmEdge_VMDelete(vm);
    return status;
}

static void
end_records(int status)
{
    fflush(stdout);
    fputs("\x1dwasmdiff-end\n", stderr);
    fflush(stderr);
    printf("\x1dwasmdiff-end %d\n", status);
    fflush(stdout);
}

static int
serve(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) != -1) {
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        char *kind = line;
        char *file = strchr(line, '\t');
        int status;
        if (file == NULL || strchr(file + 1, '\t') != NULL) {
            fprintf(stderr, "wasmedge-serve: a request is KIND<TAB>FILE, got \"%s\"\n", line);
            status = EXIT_USAGE;
        }
        else {
            *file++ = '\0';
            status = run_request(kind, file);
        }
        end_records(status);
    }
    free(line);
    return 0;
}

static int
usage(const char *prog)
{
    fprintf(stderr,
            "usage: %s [--run-mode interpreter|jit] (driver FILE | module FILE | --serve)\n"
            "  driver FILE  run FILE's WASI _start (as `wasmedge --log-level error FILE`)\n"
            "  module FILE  load, validate and instantiate FILE, nothing else\n"
            "  --serve      read KIND<TAB>FILE requests from stdin (wasmdiff serve protocol v1)\n",
            prog);
    return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
    enum WasmEdge_RunMode mode = WasmEdge_RunMode_Interpreter;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--run-mode") == 0) {
        if (strcmp(argv[i + 1], "jit") == 0)
            mode = WasmEdge_RunMode_JIT;
        else if (strcmp(argv[i + 1], "interpreter") != 0)
            return usage(argv[0]);
        i += 2;
    }
    int serving = i + 1 == argc && strcmp(argv[i], "--serve") == 0;
    if (!serving && i + 2 != argc)
        return usage(argv[0]);

    WasmEdge_LogOff();
    wasi_stdin = open("/dev/null", O_RDONLY);
    if (wasi_stdin < 0) {
        perror("wasmedge-serve: /dev/null");
        return 1;
    }
    config = WasmEdge_ConfigureCreate();
    WasmEdge_ConfigureAddHostRegistration(config, WasmEdge_HostRegistration_Wasi);
    WasmEdge_ConfigureSetRunMode(config, mode);

    int status = serving ? serve() : run_request(argv[i], argv[i + 1]);
    fflush(stdout);
    WasmEdge_ConfigureDelete(config);
    return status;
}
