/*
** transitc: the command line. Reads specs, checks them into the model, and runs the emitters.
** Exit status: 0 success, 1 a spec has errors, 2 usage or I/O error.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "diff.h"
#include "emit.h"
#include "fmt.h"
#include "lang.h"
#include "parse.h"
#include "prove.h"
#include "replay.h"
#include "svg.h"
#include "render.h"

#ifndef TRANSIT_VERSION
#define TRANSIT_VERSION "0.0.0"
#endif

enum { EXIT_SPEC = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "usage: transitc check [OPTION]... SPEC...\n"
    "       transitc generate [-o DIR] [--emit KINDS] [--list-outputs] [OPTION]... SPEC...\n"
    "       transitc fmt [--check] [--stdout] SPEC...\n"
    "       transitc diff OLD NEW\n"
    "       transitc replay SPEC [--machine M] [--field NAME=KEY] [SOURCE]...\n"
    "       transitc --help | --version\n"
    "\n"
    "Commands:\n"
    "  check           check specs and prove their assertions; print diagnostics only\n"
    "  generate        check, then write the outputs of every machine\n"
    "  fmt             rewrite specs in the canonical layout ('-': stdin to stdout)\n"
    "  diff            compare two versions of a spec; exit 1 if stored instances would break\n"
    "  replay          check a recorded history (JSON lines, CSV, sqlite:PATH, postgresql://)\n"
    "                  against the spec; exit 1 on any violation\n"
    "\n"
    "Options:\n"
    "  -o DIR          write outputs into DIR, made if missing (default: the current directory)\n"
    "  --list-outputs  generate: write nothing; print the path of each file it would write\n"
    "  --emit KINDS    comma-separated output kinds (default: all but svg):\n"
    "%s"
    "  --machine M     replay: the machine whose history it is (when the spec has several)\n"
    "  --field NAME=KEY  replay: the log names field NAME (instance, seq, from, trigger,\n"
    "                  initiator, to, time, guards) KEY\n"
    "  --input=FMT     replay: read files as 'json' (JSON lines) or 'csv' (default: by name)\n"
    "  --go-package NAME  the package of MACHINE.go and MACHINE_test.go (default: the machine's\n"
    "                  name, '_' appended to a Go keyword, main, documentation\n"
    "                  or a name ending in _test)\n"
    "  --explain       print the witness or proof of every assertion that holds\n"
    "  -Werror         treat warnings as errors\n"
    "  -Wno-NAME       silence warning NAME; -WNAME enables it again\n"
    "%s"
    "  --format=FMT    diagnostics as 'text' (default) or 'json' (one object per line)\n"
    "  --color=WHEN    colour diagnostics: 'auto' (on a terminal, default), 'always', 'never'\n"
    "  --check         fmt: change nothing; list the specs not formatted, exit 1 if any\n"
    "  --stdout        fmt: print the formatted spec instead of rewriting the file\n"
    "  --help          print this help\n"
    "  --version       print the version\n"
    "\n"
    "A SPEC of '-' is read from standard input.\n"
    "Exit status: 0 no error (warnings may have been printed), 1 a spec has errors (warnings\n"
    "count under -Werror), 2 a usage error or a file that cannot be read or written.\n";

/* The output kinds --emit takes: every EMIT_KINDS row, written by default, then svg, written
   only when asked (it runs Graphviz's dot, which may be missing). */
typedef enum emit_kind {
#define KIND_ENUM(kind, fn, what) KIND_##kind,
    EMIT_KINDS(KIND_ENUM)
#undef KIND_ENUM
        KIND_svg,
    KIND_COUNT
} emit_kind;

static const struct {
    const char *name;
    emit_fn *fn; /* NULL: svg (svg_emit) */
    const char *what;
    bool by_default;
} kinds[KIND_COUNT] = {
#define KIND_ROW(kind, fn, what) {#kind, fn, what, true},
    EMIT_KINDS(KIND_ROW)
#undef KIND_ROW
    {"svg", NULL, "MACHINE.svg: the Graphviz graph rendered by dot (needs dot)", false},
};

static void print_help(FILE *f) {
    char kind_lines[2048] = "", warnings[1024] = "";
    size_t n = 0;
    for (int k = 0; k < KIND_COUNT; k++)
        n += (size_t)snprintf(kind_lines + n, sizeof kind_lines - n, "                    %-8s %s\n",
                              kinds[k].name, kinds[k].what);
    n = 0;
#define WARNING_LINE(id, name, what)                                                               \
    n += (size_t)snprintf(warnings + n, sizeof warnings - n, "                    %-15s %s\n",    \
                          name, what);
    DIAG_WARNINGS(WARNING_LINE)
#undef WARNING_LINE
    fprintf(f, usage, kind_lines, warnings);
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("transitc: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'transitc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Parses a comma list of kinds into wanted[]; false (after a message naming the valid kinds) on an
   unknown one. */
static bool parse_kinds(const char *list, bool *wanted) {
    const char *p = list;
    while (*p) {
        size_t len = strcspn(p, ",");
        bool found = false;
        for (int k = 0; k < KIND_COUNT; k++)
            if (strlen(kinds[k].name) == len && strncmp(p, kinds[k].name, len) == 0)
                wanted[k] = found = true;
        if (!found) {
            fprintf(stderr, "transitc: error: unknown output kind '%.*s' in --emit; the kinds are ",
                    (int)len, p);
            for (int k = 0; k < KIND_COUNT; k++)
                fprintf(stderr, "%s%s", kinds[k].name, k + 1 < KIND_COUNT ? ", " : "\n");
            return false;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return true;
}

/* A Go package name: an identifier, not a keyword (ASCII letters, digits, '_'). */
static bool go_identifier(const char *s) {
    if (!*s || (*s >= '0' && *s <= '9') || strcmp(s, "_") == 0)
        return false;
    for (const char *p = s; *p; p++)
        if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

/* Whether an output machine m's emitter just added (files from index `from`) has the name of
   another output; reported at the machine. Each machine's outputs start with its name, so the
   other is found among the machines whose name starts its own (machine foo's test foo_test.c
   and machine foo_test's code). */
static bool output_clash(diag *d, const model *mo, uint32_t m, const out_files *files,
                         size_t from, const char *dir) {
    for (size_t i = from; i < files->count; i++)
        for (size_t j = 0; j < i; j++) {
            if (strcmp(files->items[i].name, files->items[j].name) != 0)
                continue;
            const char *other = mo->machines[m].name;
            for (uint32_t k = 0; k < mo->machine_count; k++)
                if (k != m && strncmp(files->items[i].name, mo->machines[k].name,
                                      strlen(mo->machines[k].name)) == 0)
                    other = mo->machines[k].name;
            diag_error(d, mo->machines[m].loc,
                       "machine '%s' would write '%s/%s', which machine '%s' writes too: rename "
                       "one of them", mo->machines[m].name, dir, files->items[i].name, other);
            return true;
        }
    return false;
}

typedef struct options {
    bool generate;
    bool explain;
    const char *outdir;
    const char *go_package;
    bool wanted[KIND_COUNT];
    bool list_outputs; /* print the paths instead of writing */
    bool any_wanted;
    const char **specs;
    int spec_count;
} options;

/* Reads the options after the command word; returns 0 to go on, -1 when done (--help), or an
   exit status. */
static int parse_options(int argc, char **argv, options *o, diag *d) {
    const char *color = "auto";
    o->specs = calloc((size_t)argc, sizeof *o->specs);
    if (!o->specs)
        arena_out_of_memory();
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            while (++i < argc)
                o->specs[o->spec_count++] = argv[i];
            break;
        } else if (arg[0] != '-' || arg[1] == '\0') {
            o->specs[o->spec_count++] = arg;
        } else if (strcmp(arg, "-o") == 0 && o->generate) {
            if (++i == argc)
                return usage_error("%s needs a directory", arg);
            o->outdir = argv[i];
        } else if (strcmp(arg, "--emit") == 0 && o->generate) {
            if (++i == argc)
                return usage_error("%s needs a list of kinds", arg);
            if (!parse_kinds(argv[i], o->wanted))
                return EXIT_USAGE;
            o->any_wanted = true;
        } else if (strncmp(arg, "--emit=", 7) == 0 && o->generate) {
            if (!parse_kinds(arg + 7, o->wanted))
                return EXIT_USAGE;
            o->any_wanted = true;
        } else if (strcmp(arg, "--list-outputs") == 0 && o->generate) {
            o->list_outputs = true;
        } else if (strcmp(arg, "--go-package") == 0 && o->generate) {
            if (++i == argc)
                return usage_error("%s needs a package name", arg);
            if (!go_identifier(argv[i]))
                return usage_error("--go-package: '%s' is not a Go package name", argv[i]);
            if (lang_go_package_problem(argv[i]))
                return usage_error("--go-package: '%s' cannot name the package: %s", argv[i],
                                   lang_go_package_problem(argv[i]));
            o->go_package = argv[i];
        } else if (strcmp(arg, "--explain") == 0) {
            o->explain = true;
        } else if (strcmp(arg, "-Werror") == 0) {
            d->werror = true;
        } else if (strncmp(arg, "-Wno-", 5) == 0 || strncmp(arg, "-W", 2) == 0) {
            bool off = strncmp(arg, "-Wno-", 5) == 0;
            int w = diag_warning_index(arg + (off ? 5 : 2));
            if (w < 0)
                return usage_error("unknown warning option '%s'", arg);
            d->disabled[w] = off;
        } else if (strcmp(arg, "--format=json") == 0) {
            d->format = DIAG_JSON;
        } else if (strcmp(arg, "--format=text") == 0) {
            d->format = DIAG_TEXT;
        } else if (strncmp(arg, "--color=", 8) == 0) {
            color = arg + 8;
            if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never"))
                return usage_error("--color takes auto, always or never, not '%s'", color);
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            print_help(stdout);
            return -1;
        } else if (!o->generate && (strcmp(arg, "-o") == 0 || strncmp(arg, "--emit", 6) == 0 ||
                                    strcmp(arg, "--list-outputs") == 0 ||
                                    strcmp(arg, "--go-package") == 0)) {
            return usage_error("'%s' is an option of 'generate', not of 'check'", arg);
        } else {
            return usage_error("unknown option '%s'", arg);
        }
    }
    if (o->spec_count == 0)
        return usage_error("%s: no spec file given", argv[1]);
    d->color = d->format == DIAG_TEXT &&
               (strcmp(color, "always") == 0 ||
                (strcmp(color, "auto") == 0 && isatty(fileno(stderr)) && !getenv("NO_COLOR")));
    if (o->generate && !o->any_wanted)
        for (int k = 0; k < KIND_COUNT; k++)
            o->wanted[k] = kinds[k].by_default;
    if (o->wanted[KIND_svg] && !o->list_outputs && !svg_dot_found()) {
        fputs("transitc: error: --emit svg needs Graphviz's 'dot' on PATH (Debian: apt-get install "
              "graphviz)\n", stderr);
        return EXIT_USAGE;
    }
    return 0;
}

/* mkdir -p dir: makes dir and its missing parents. Returns NULL or a message (malloc'd). */
static char *make_dirs(const char *dir) {
    size_t len = strlen(dir);
    char *path = xrealloc(NULL, len + 1);
    memcpy(path, dir, len + 1);
    char *msg = NULL;
    for (size_t i = 1; i <= len && !msg; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char saved = path[i];
        path[i] = '\0';
        struct stat st;
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            int err = errno;
            size_t n = strlen(path) + strlen(strerror(err)) + 64;
            msg = xrealloc(NULL, n);
            snprintf(msg, n, "cannot make output directory '%s': %s", path, strerror(err));
        } else if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            size_t n = strlen(path) + 64;
            msg = xrealloc(NULL, n);
            snprintf(msg, n, "output directory '%s' is not a directory", path);
        }
        path[i] = saved;
    }
    free(path);
    return msg;
}

/* check and generate: read, parse, check, prove; then emit for generate. */
static int run(options *o, diag *d) {
    arena a = {0};
    int status = 0;
    ast_file **files = calloc((size_t)o->spec_count, sizeof *files);
    if (!files)
        arena_out_of_memory();
    size_t parsed = 0;
    bool syntax_ok = true;
    for (int i = 0; i < o->spec_count; i++) {
        const char *err = NULL;
        source *src = source_read(&a, o->specs[i], &err);
        if (!src) {
            fprintf(stderr, "transitc: error: %s\n", err);
            status = EXIT_USAGE;
            continue;
        }
        ast_file *f = dsl_parse(&a, d, src);
        if (f)
            files[parsed++] = f;
        else
            syntax_ok = false;
    }
    if (status == 0 && syntax_ok) {
        model mo;
        bool checked = check_files(&a, d, files, parsed, &mo);
        for (size_t i = 0; i < parsed; i++) /* the model points into no syntax tree */
            arena_free(files[i]->tree);
        if (!checked || !prove_model(&a, d, &mo, o->explain))
            status = EXIT_SPEC;
        if (status == 0 && d->errors == 0 && o->generate) {
            const char *dir = o->outdir ? o->outdir : ".";
            /* Each emitter's output goes to temporary files as soon as it is made, and its
               scratch memory back to the system: one output in memory at a time. */
            out_files files_out = {0};
            arena scratch = {0};
            emit_ctx ctx = {&scratch, &mo, o->go_package, render_svg};
            char *err = o->list_outputs ? NULL : make_dirs(dir);
            for (uint32_t m = 0; m < mo.machine_count && !err && !status; m++) {
                const model_machine *mm = &mo.machines[m];
                for (int k = 0; k < KIND_COUNT && !err; k++) {
                    if (!o->wanted[k])
                        continue;
                    size_t before = files_out.count;
                    if (kinds[k].fn)
                        kinds[k].fn(&ctx, mm, &files_out);
                    else if (o->list_outputs) /* svg: the name is known without running dot */
                        out_files_add(&files_out, "%s.svg", mm->name);
                    else
                        err = svg_emit(&ctx, mm, &files_out);
                    arena_free(&scratch);
                    if (!err && output_clash(d, &mo, m, &files_out, before, dir)) {
                        status = EXIT_SPEC;
                        break;
                    }
                    if (!err && !o->list_outputs)
                        err = out_files_stage(&files_out, dir);
                }
            }
            if (status) {
                /* reported by output_clash */
            } else if (o->list_outputs) {
                for (size_t f = 0; f < files_out.count; f++)
                    printf("%s/%s\n", dir, files_out.items[f].name);
            } else if (!err) {
                err = out_files_write(&files_out, dir);
            }
            if (err) {
                fprintf(stderr, "transitc: error: %s\n", err);
                free(err);
                status = EXIT_USAGE;
            }
            out_files_free(&files_out);
        }
    } else if (status == 0) {
        status = EXIT_SPEC;
    }
    if (status == 0 && d->errors)
        status = EXIT_SPEC;
    free(files);
    arena_free(&a);
    return status;
}

/* diff OLD NEW: check both, then list what changed from OLD to NEW. Exit 0, or 1 when a change
   breaks stored data or a spec has errors (warnings are not shown: diff reviews changes). */
static int run_diff(int argc, char **argv) {
    if (argc != 4)
        return usage_error("%s needs two spec files: OLD NEW", "diff");
    arena a = {0};
    diag d;
    diag_init(&d, stderr);
    for (int w = 0; w < DIAG_WARNING_COUNT; w++)
        d.disabled[w] = true;
    model versions[2];
    int status = 0;
    for (int i = 0; i < 2 && status == 0; i++) {
        const char *err = NULL;
        source *src = source_read(&a, argv[2 + i], &err);
        ast_file *f = NULL;
        if (!src) {
            fprintf(stderr, "transitc: error: %s\n", err);
            status = EXIT_USAGE;
        } else if (!(f = dsl_parse(&a, &d, src)) || !check_files(&a, &d, &f, 1, &versions[i])) {
            status = EXIT_SPEC;
        }
    }
    if (status == 0) {
        out o = {0};
        diff_counts n = diff_models(&o, &versions[0], &versions[1]);
        if (o.len)
            fwrite(o.data, 1, o.len, stdout);
        if (n.changes == 0)
            printf("no changes\n");
        else
            printf("%u change%s, %u breaking stored data\n", n.changes, n.changes == 1 ? "" : "s",
                   n.breaking);
        out_free(&o);
        status = n.breaking ? EXIT_SPEC : 0;
    }
    arena_free(&a);
    return status;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("transitc %s\n", TRANSIT_VERSION);
        return 0;
    }
    if (strcmp(cmd, "fmt") == 0)
        return fmt_main(argc - 1, argv + 1);
    if (strcmp(cmd, "diff") == 0)
        return run_diff(argc, argv);
    if (strcmp(cmd, "replay") == 0)
        return replay_main(argc - 1, argv + 1);
    options o = {0};
    diag d;
    diag_init(&d, stderr);
    if (strcmp(cmd, "generate") == 0)
        o.generate = true;
    else if (strcmp(cmd, "check") != 0)
        return usage_error("unknown command '%s'", cmd);
    int status = parse_options(argc, argv, &o, &d);
    if (status == 0)
        status = run(&o, &d);
    else if (status < 0)
        status = 0;
    free(o.specs);
    return status;
}
