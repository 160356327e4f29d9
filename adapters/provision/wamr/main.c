/*
 * An iwasm-compatible command line for the WAMR 1.1.2 interpreter.
 *
 * The WAMR sources vendored by npm @grain/libiwasm have no product-mini, so
 * this small driver stands in for upstream iwasm. It keeps iwasm's observable
 * behaviour, because the wasmdiff adapter parses it:
 *
 *   iwasm [--stack-size=N] [--heap-size=N] [--dir=D]... [--env=K=V]...
 *         [-f FUNC] module.wasm [args...]
 *
 * Without -f it runs the WASI `_start` (or main) with argv = module.wasm args...
 * and exits with the WASI exit code. With -f it calls FUNC with the arguments
 * parsed by wasm_application_execute_func, which prints the results as
 * `0x3:i32,1.5:f32`. A trap prints `Exception: <message>` on stdout (as iwasm
 * does) and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "version.h"
#include "wasm_export.h"

#define MAX_LIST 32

static int
usage(const char *prog)
{
    fprintf(stderr,
            "Usage: %s [options] wasm_file [args...]\n"
            "options:\n"
            "  -f|--function name  call the exported function and print its "
            "results\n"
            "  --stack-size=n      operand/frame stack size in bytes (default "
            "65536)\n"
            "  --heap-size=n       app heap size in bytes (default 16384)\n"
            "  --dir=<dir>         grant WASI access to a directory\n"
            "  --env=<key=value>   set a WASI environment variable\n"
            "  --version           print the WAMR version and interpreter mode\n",
            prog);
    return 1;
}

static const char *
interpreter_mode(void)
{
#if WASM_ENABLE_FAST_INTERP != 0
    return "fast interpreter";
#else
    return "classic interpreter";
#endif
}

/* Reads a whole file; the loader keeps pointers into the buffer, so it must
   outlive the module. */
static unsigned char *
read_file(const char *path, uint32_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long len;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0
        && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc(len ? len : 1))
        && fread(buf, 1, (size_t)len, f) == (size_t)len) {
        *size = (uint32_t)len;
    }
    else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static int
parse_size(const char *text, uint32_t *out)
{
    char *end;
    unsigned long value = strtoul(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value > UINT32_MAX)
        return 0;
    *out = (uint32_t)value;
    return 1;
}

int
main(int argc, char *argv[])
{
    const char *func_name = NULL;
    const char *dir_list[MAX_LIST], *env_list[MAX_LIST];
    uint32_t dir_count = 0, env_count = 0;
    uint32_t stack_size = 64 * 1024, heap_size = 16 * 1024, size = 0;
    char error_buf[128];
    unsigned char *buf;
    wasm_module_t module;
    wasm_module_inst_t inst;
    RuntimeInitArgs init_args;
    int i, ret;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "-f") || !strcmp(arg, "--function")) {
            if (++i >= argc)
                return usage(argv[0]);
            func_name = argv[i];
        }
        else if (!strncmp(arg, "--stack-size=", 13)) {
            if (!parse_size(arg + 13, &stack_size))
                return usage(argv[0]);
        }
        else if (!strncmp(arg, "--heap-size=", 12)) {
            if (!parse_size(arg + 12, &heap_size))
                return usage(argv[0]);
        }
        else if (!strncmp(arg, "--dir=", 6) && dir_count < MAX_LIST) {
            dir_list[dir_count++] = arg + 6;
        }
        else if (!strncmp(arg, "--env=", 6) && env_count < MAX_LIST
                 && strchr(arg + 6, '=')) {
            env_list[env_count++] = arg + 6;
        }
        else if (!strcmp(arg, "--version")) {
            printf("iwasm %d.%d.%d (%s)\n", WAMR_VERSION_MAJOR,
                   WAMR_VERSION_MINOR, WAMR_VERSION_PATCH, interpreter_mode());
            return 0;
        }
        else {
            return usage(argv[0]);
        }
    }
    if (i >= argc)
        return usage(argv[0]);

    /* The guest's argv starts with the module path, as in iwasm. */
    char **app_argv = argv + i;
    int app_argc = argc - i;

    memset(&init_args, 0, sizeof(init_args));
    init_args.mem_alloc_type = Alloc_With_System_Allocator;
    if (!wasm_runtime_full_init(&init_args)) {
        printf("Init runtime environment failed.\n");
        return 1;
    }

    if (!(buf = read_file(app_argv[0], &size))) {
        printf("read file %s failed.\n", app_argv[0]);
        wasm_runtime_destroy();
        return 1;
    }

    ret = 1;
    if (!(module = wasm_runtime_load(buf, size, error_buf, sizeof(error_buf)))) {
        printf("%s\n", error_buf);
        goto free_buf;
    }

    wasm_runtime_set_wasi_args(module, dir_list, dir_count, NULL, 0, env_list,
                               env_count, app_argv, app_argc);

    if (!(inst = wasm_runtime_instantiate(module, stack_size, heap_size,
                                          error_buf, sizeof(error_buf)))) {
        printf("%s\n", error_buf);
        goto unload;
    }

    if (func_name) {
        /* Prints the results, or the exception, itself. */
        ret = wasm_application_execute_func(inst, func_name, app_argc - 1,
                                            app_argv + 1)
                  ? 0
                  : 1;
    }
    else if (wasm_application_execute_main(inst, app_argc, app_argv)) {
        /* proc_exit arrives here as success with the code kept in WASI. */
        ret = wasm_runtime_is_wasi_mode(inst)
                  ? (int)wasm_runtime_get_wasi_exit_code(inst)
                  : 0;
    }
    else {
        const char *exception = wasm_runtime_get_exception(inst);
        printf("%s\n", exception ? exception : "Exception: unknown failure");
        ret = 1;
    }
    fflush(stdout);

    wasm_runtime_deinstantiate(inst);
unload:
    wasm_runtime_unload(module);
free_buf:
    free(buf);
    wasm_runtime_destroy();
    return ret;
}
