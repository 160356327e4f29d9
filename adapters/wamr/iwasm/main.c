/*
 * An iwasm-compatible command line for the WAMR 1.1.2 interpreter.
 *
 * The WAMR sources vendored by npm @grain/libiwasm have no product-mini, so
 * this small driver stands in for upstream iwasm. It keeps iwasm's observable
 * behaviour, because the wasmdiff adapter parses it:
 *
 *   iwasm [--stack-size=N] [--heap-size=N] [--dir=D]... [--env=K=V]...
 *         [-f FUNC] module.wasm [args...]
 *   iwasm --serve
 *
 * Without -f it runs the WASI `_start` (or main) with argv = module.wasm args...
 * and exits with the WASI exit code. With -f it calls FUNC with the arguments
 * parsed by wasm_application_execute_func, which prints the results as
 * `0x3:i32,1.5:f32`. A trap prints `Exception: <message>` on stdout (as iwasm
 * does) and exits 1.
 *
 * --serve speaks the wasmdiff serve protocol (v1): the runtime is initialised
 * once, then each stdin line is one request whose TAB-separated fields are the
 * arguments above. A request prints exactly what the one-shot command would,
 * then `\x1dwasmdiff-end\n` on stderr and `\x1dwasmdiff-end <exit status>\n`
 * on stdout. At EOF on stdin the server exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

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

/* One iwasm command on an initialised runtime: parses argv (argv[0] is the
   program name), loads, instantiates, runs and frees the module, and returns
   the exit status. Used by the one-shot command and by each served request,
   so nothing here may outlive the call. */
static int
run_command(int argc, char *argv[])
{
    const char *func_name = NULL;
    const char *dir_list[MAX_LIST], *env_list[MAX_LIST];
    uint32_t dir_count = 0, env_count = 0;
    uint32_t stack_size = 64 * 1024, heap_size = 16 * 1024, size = 0;
    char error_buf[128];
    unsigned char *buf;
    wasm_module_t module;
    wasm_module_inst_t inst;
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

    if (!(buf = read_file(app_argv[0], &size))) {
        printf("read file %s failed.\n", app_argv[0]);
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

    /* WASI fd_write goes straight to fd 1 while printf is buffered: flush
       around the module's run so the text keeps its order. */
    fflush(stdout);
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
    return ret;
}

#define END_RECORD "\x1dwasmdiff-end"

/* Splits a request line (without its newline) into argv after `prog`; the
   fields point into `line`. Returns argc, or -1 when out of memory. */
static int
split_request(char *line, char *prog, char ***argv_out)
{
    int argc = 1, n = 2;
    char *p, **argv;

    for (p = line; *p; p++)
        n += *p == '\t';
    if (!(argv = malloc(sizeof(char *) * (size_t)(n + 1))))
        return -1;
    argv[0] = prog;
    if (*line) {
        argv[argc++] = line;
        for (p = line; *p; p++) {
            if (*p == '\t') {
                *p = '\0';
                argv[argc++] = p + 1;
            }
        }
    }
    argv[argc] = NULL;
    *argv_out = argv;
    return argc;
}

/* The serve loop. Requests come on a private copy of stdin; fd 0 itself
   becomes /dev/null, which is what a one-shot run's guest reads (the harness
   starts runtimes with stdin ignored), so a guest reading stdin cannot eat the
   next request. */
static int
serve(char *prog)
{
    int request_fd = dup(0), null_fd = open("/dev/null", O_RDONLY);
    FILE *requests;
    char *line = NULL, **argv;
    size_t capacity = 0;
    ssize_t len;
    int argc, status;

    if (request_fd < 0 || null_fd < 0 || dup2(null_fd, 0) < 0
        || !(requests = fdopen(request_fd, "r"))) {
        fprintf(stderr, "iwasm --serve: cannot set up stdin\n");
        return 1;
    }
    close(null_fd);

    while ((len = getline(&line, &capacity, requests)) >= 0) {
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if ((argc = split_request(line, prog, &argv)) < 0) {
            fprintf(stderr, "iwasm --serve: out of memory\n");
            return 1;
        }
        status = run_command(argc, argv) & 0xff;
        free(argv);
        fflush(stdout);
        fputs(END_RECORD "\n", stderr);
        fflush(stderr);
        printf(END_RECORD " %d\n", status);
        fflush(stdout);
    }
    free(line);
    fclose(requests);
    return 0;
}

int
main(int argc, char *argv[])
{
    RuntimeInitArgs init_args;
    int ret;

    memset(&init_args, 0, sizeof(init_args));
    init_args.mem_alloc_type = Alloc_With_System_Allocator;
    if (!wasm_runtime_full_init(&init_args)) {
        printf("Init runtime environment failed.\n");
        return 1;
    }
    if (argc == 2 && !strcmp(argv[1], "--serve"))
        ret = serve(argv[0]);
    else
        ret = run_command(argc, argv);
    wasm_runtime_destroy();
    return ret;
}
