/*
** transit_mutate: writes every single-change mutant of the machines in a spec as generated C, for
** the mutation test of the generated tests (run.sh). Each mutant is the checked model with one
** change that keeps the state and trigger names: retarget a transition (or one initiator of it),
** drop a transition, remove or add an initiator, add a transition, move the initial state, drop,
** negate or swap the guards of alternatives, reorder alternatives, change a state's timer duration
** or a timed transition's target. Only one emitter runs on a mutant (C; Go or TypeScript with
** --lang); mutants that behave exactly like the original (the same outcome of every cell under
** every valuation of the guards, without a guard callback, and the same timers) are excluded.
**
**   transit_mutate -o DIR SPEC
**   transit_mutate -o DIR --lang go|ts EVERY SPEC
**
** For each machine M it writes DIR/M/batch_N.c (mutants' M.c, each file-scope name renamed so
** many share one translation unit), DIR/M/list.c (the mutants' tables and descriptions) and
** appends M to DIR/machines. With --lang it writes every EVERY-th mutant N (1: every one), with
** its description as a line "mN DESCRIPTION" of DIR/M/LANG/list, for lang.sh:
** - go (package "generated"): a mutant's M.go may differ from the original's only in table
**   declarations (var NAME = ..., const NAME = ...; any other difference stops it, status 2).
**   DIR/M/go holds one test package: M.go, the original with those declarations assignable
**   (an array [...]T{} as a slice []T{}, a const as a var); M_test.go, the original's test;
**   mutants_test.go, each mutant as a func assigning its values; run_test.go, TestMutants
**   running every test of M_test.go once per mutant as subtest mN.
** - ts: DIR/M/ts/mN/M.js, the mutant's module as plain JavaScript (emit_ts_module, what tsc
**   makes of its M.ts).
** Exit status: 0, 1 for a spec with errors, 2 for usage or I/O.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "emit.h"
#include "parse.h"

enum { BATCH = 400 }; /* mutants per translation unit */

#define MUTANT_KINDS(X)                                                                            \
    X(RETARGET, "retarget")               /* one transition to another state */                   \
    X(RETARGET_ONE, "retarget initiator") /* one initiator of a transition to another state */    \
    X(DROP, "drop transition")            /* one transition removed */                            \
    X(REMOVE_INITIATOR, "remove initiator") /* one initiator of a transition removed */           \
    X(ADD_INITIATOR, "add initiator")     /* one initiator added to a transition */               \
    X(ADD_TRANSITION, "add transition")   /* a new transition for one initiator */                \
    X(INITIAL, "swap initial")            /* another initial state */                             \
    X(GUARD_DROP, "drop guard")           /* a guarded transition made unguarded */               \
    X(GUARD_NEGATE, "negate guard")       /* 'when g' made 'when not g' and back */               \
    X(GUARD_SWAP, "swap guards")          /* two alternatives exchange their guards */            \
    X(REORDER, "reorder alternatives")    /* two alternatives exchange their try order (rank) */  \
    X(DURATION, "change duration")        /* a state's timer runs out at another time */          \
    X(TIMEOUT_TARGET, "retarget timeout") /* a timed transition to another state */

typedef enum kind {
#define KIND_ENUM(id, name) KIND_##id,
    MUTANT_KINDS(KIND_ENUM)
#undef KIND_ENUM
        KIND_COUNT
} kind;

static const char *const kind_names[] = {
#define KIND_NAME(id, name) name,
    MUTANT_KINDS(KIND_NAME)
#undef KIND_NAME
};

static const char *const slot_names[3] = {"user", "auto", "self"};

/* A top-level declaration of generated Go: from a line at column 0 that is no closing brace
   or parenthesis up to the next such line. */
typedef struct go_decl {
    const char *text;
    size_t len;
} go_decl;

/* --lang go: a mutant's Go differs from the original's only in table declarations (var NAME =
   ... or const NAME = ...). All mutants of a machine run in one test binary: the original with
   those declarations made assignable variables, each mutant a func assigning its own values,
   and TestMutants running the original's tests once per mutant (see lang.sh). */
typedef struct go_swap {
    const char *code;    /* the original M.go */
    go_decl *decls;      /* its declarations */
    size_t decl_count;
    bool *swapped;       /* decls[i] differs in some mutant */
    FILE *mutants;       /* DIR/M/go/mutants_test.go */
} go_swap;

/* One machine being mutated and where its mutants go. */
typedef struct mutator {
    arena *a;
    const model_machine *m;
    const char *dir;
    int64_t *original; /* outcomes() of the original */
    FILE *batch, *list;
    unsigned count, batches;
    unsigned made[KIND_COUNT], equivalent[KIND_COUNT];
    const char *header; /* the original M.h, which a mutant must not change */
    const char *lang;   /* "go" or "ts": write that emitter's output of every every-th mutant */
    unsigned every;
    go_swap *go;        /* with --lang go: the original's declarations and the mutants' file */
} mutator;

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p)
        arena_out_of_memory();
    return p;
}

enum { MAX_GUARDS = 12 }; /* 2^MAX_GUARDS valuations a cell is compared under */

/* How many outcomes outcomes() gives per (state, trigger, initiator): one per valuation of the
   machine's guards, and one without a guard callback. */
static size_t valuations(const model_machine *m) { return ((size_t)1 << m->guard_count) + 1; }

/* The outcome of every (state, trigger, initiator) of m, as the generated test expects it, as the
   runtime decides it (transit.h): under every valuation v of the guards (bit g of v: guard g
   holds), then without a guard callback. A target, or -1 no transition, -2 not permitted, -3 guard
   failed, -4 no guard callback. Then every state's timer (duration and trigger). */
static int64_t *outcomes(const model_machine *m) {
    size_t nv = valuations(m), cells = (size_t)m->state_count * m->trigger_count * 3;
    int64_t *o = xcalloc(cells * nv + (size_t)m->state_count * 2, sizeof *o);
    uint32_t *alts = xcalloc((size_t)m->transition_count + 1, sizeof *alts);
    for (uint32_t s = 0; s < m->state_count; s++)
        for (uint32_t trig = 0; trig < m->trigger_count; trig++) {
            bool any = false;
            for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++)
                any |= m->transitions[e].trigger == trig;
            for (unsigned k = 0; k < 3; k++) {
                int64_t *c = &o[(((size_t)s * m->trigger_count + trig) * 3 + k) * nv];
                uint32_t n = model_alternatives(m, s, trig, 1u << k, alts);
                for (size_t v = 0; v < nv; v++) {
                    bool callback = v + 1 < nv;
                    c[v] = any ? (n ? (callback ? -3 : -4) : -2) : -1;
                    for (uint32_t i = 0; i < n; i++) {
                        const model_transition *t = &m->transitions[alts[i]];
                        if (t->guard == MODEL_NO_GUARD) {
                            c[v] = t->to;
                            break;
                        }
                        if (!callback)
                            break;
                        if ((bool)((v >> t->guard) & 1) != t->negated) {
                            c[v] = t->to;
                            break;
                        }
                    }
                }
            }
        }
    for (uint32_t s = 0; s < m->state_count; s++) {
        o[cells * nv + 2 * s] = (int64_t)m->states[s].after_ms;
        o[cells * nv + 2 * s + 1] = m->states[s].after_ms ? m->states[s].timer_trigger : 0;
    }
    free(alts);
    return o;
}

static size_t outcomes_size(const model_machine *m) {
    return ((size_t)m->state_count * m->trigger_count * 3 * valuations(m) +
            (size_t)m->state_count * 2) * sizeof(int64_t);
}

/* The edge order of model.h: (from, trigger, to, guard, negated); edges equal in it merge. */
static int by_edge(const void *pa, const void *pb) {
    const model_transition *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->trigger != b->trigger)
        return a->trigger < b->trigger ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    if (a->guard != b->guard)
        return a->guard < b->guard ? -1 : 1;
    return (int)a->negated - (int)b->negated;
}

static bool ident_char(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Writes a #define (or, with undo, an #undef) for every name code defines at file scope (a line
   "[static ]const TYPE NAME[...]" or "... NAME = ...", or a function "transit_result NAME(...":
   MACHINE_fire_choice()), so that mutant i's names are its own and
   many mutants share one translation unit. */
static void rename_names(FILE *f, const char *code, unsigned i, bool undo) {
    for (const char *p = code; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        bool function = strncmp(p, "transit_result ", 15) == 0;
        if (strncmp(p, "static const ", 13) != 0 && strncmp(p, "const ", 6) != 0 && !function)
            continue;
        const char *eol = strchr(p, '\n');
        const char *end = p;
        while (*end && end != eol && *end != (function ? '(' : '[') && *end != '=')
            end++;
        if (end == eol || !*end)
            continue;
        while (end > p && end[-1] == ' ')
            end--;
        const char *start = end;
        while (start > p && ident_char(start[-1]))
            start--;
        int len = (int)(end - start);
        if (undo)
            fprintf(f, "#undef %.*s\n", len, start);
        else
            fprintf(f, "#define %.*s mutant_%u_%.*s\n", len, start, i, len, start);
    }
}

/* Writes code with, after its #include lines, a declaration of each external name it defines (the
   header declares the original's, and code may use a name before its definition: the machine
   names its fast path's table). */
static void write_declared(FILE *f, const char *code) {
    const char *body = code;
    for (const char *p = code; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, "#include ", 9) == 0 && strchr(p, '\n'))
            body = strchr(p, '\n') + 1;
    fwrite(code, 1, (size_t)(body - code), f);
    for (const char *p = body; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        const char *eol = strchr(p, '\n');
        const char *end = strchr(p, '=');
        if (strncmp(p, "const ", 6) != 0 || !end || (eol && end > eol))
            continue;
        while (end > p && end[-1] == ' ')
            end--;
        fprintf(f, "extern %.*s;\n", (int)(end - p), p);
    }
    fputs(body, f);
}

static FILE *open_or_exit(const char *path) {
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path); /* the test fails: no need to free what the exit frees */
        exit(2);
    }
    return f;
}

/* The top-level declarations of Go code. */
static go_decl *go_decls(const char *code, size_t *count) {
    size_t n = 0, cap = 64;
    go_decl *d = xcalloc(cap, sizeof *d);
    for (const char *p = code; *p;) {
        const char *eol = strchr(p, '\n');
        const char *next = eol ? eol + 1 : p + strlen(p);
        if (*p != '\t' && *p != ' ' && *p != '}' && *p != ')' && *p != '\n') {
            if (n == cap)
                d = xrealloc(d, (cap *= 2) * sizeof *d);
            d[n++] = (go_decl){p, 0};
        }
        if (n)
            d[n - 1].len = (size_t)(next - d[n - 1].text);
        p = next;
    }
    *count = n;
    return d;
}

/* The length of the name a single declaration "var NAME = " or "const NAME = " declares, after
   its keyword (*name); 0 when decl is no such declaration. */
static size_t go_decl_name(const go_decl *decl, const char **name) {
    const char *p = decl->text;
    if (strncmp(p, "var ", 4) == 0)
        p += 4;
    else if (strncmp(p, "const ", 6) == 0)
        p += 6;
    else
        return 0;
    size_t len = 0;
    while (ident_char(p[len]))
        len++;
    *name = p;
    return len && strncmp(p + len, " = ", 3) == 0 ? len : 0;
}

/* Writes declaration decl as an assignment (NAME = VALUE, an array [...]T{...} as a slice
   []T{...}), or with var_decl as an assignable declaration (var NAME = VALUE likewise). */
static void go_assignable(FILE *f, const go_decl *decl, bool var_decl) {
    const char *name;
    size_t len = go_decl_name(decl, &name);
    const char *value = name + len + 3, *end = decl->text + decl->len;
    fprintf(f, "%s%.*s = ", var_decl ? "var " : "\t\t", (int)len, name);
    if (strncmp(value, "[...]", 5) == 0) {
        fputs("[]", f);
        value += 5;
    }
    while (!var_decl && end > value && end[-1] == '\n')
        end--;
    fprintf(f, "%.*s%s", (int)(end - value), value, var_decl ? "" : "\n");
}

/* Opens DIR/M/go/mutants_test.go and keeps the original's Go for go_mutant(). */
static void go_swap_start(mutator *mu, go_swap *g) {
    out_files files = {0};
    emit_ctx ctx = {mu->a, NULL, "generated", NULL};
    emit_go(&ctx, mu->m, &files);
    g->code = arena_strdup(mu->a, files.items[0].buf.data);
    out_files_free(&files);
    g->decls = go_decls(g->code, &g->decl_count);
    g->swapped = xcalloc(g->decl_count, sizeof *g->swapped);
    g->mutants = open_or_exit(arena_printf(mu->a, "%s/%s/go/mutants_test.go", mu->dir, mu->m->name));
    fputs("// Written by transit_mutate: the tables of each mutant, as assignments. DO NOT EDIT.\n\n"
          "package generated\n\nimport \"time\"\n\nvar _ = time.Second // the tables may use it\n\n"
          "var _mutants = []struct {\n\tname  string\n\tapply func()\n}{\n",
          g->mutants);
    mu->go = g;
}

/* Writes mutant i's Go as a func assigning the declarations where it differs from the
   original's; exits when it differs anywhere else. */
static void go_mutant(mutator *mu, const model_machine *mm, unsigned i, const char *what) {
    go_swap *g = mu->go;
    out_files files = {0};
    emit_ctx ctx = {mu->a, NULL, "generated", NULL};
    emit_go(&ctx, mm, &files);
    size_t n;
    go_decl *d = go_decls(files.items[0].buf.data, &n);
    fprintf(g->mutants, "\t{\"m%u\", func() {\n", i);
    for (size_t k = 0; k < n || k < g->decl_count; k++) {
        if (k < n && k < g->decl_count && d[k].len == g->decls[k].len &&
            !memcmp(d[k].text, g->decls[k].text, d[k].len))
            continue;
        /* Both the same declaration (keyword and name), of a different value. */
        const char *name = NULL, *orig_name = NULL;
        size_t len = k < n ? go_decl_name(&d[k], &name) : 0;
        size_t orig_len = k < g->decl_count ? go_decl_name(&g->decls[k], &orig_name) : 0;
        if (!len || len != orig_len || name - d[k].text != orig_name - g->decls[k].text ||
            strncmp(d[k].text, g->decls[k].text, (size_t)(name - d[k].text) + len) != 0) {
            const go_decl *at = k < n ? &d[k] : &g->decls[k];
            fprintf(stderr, "transit_mutate: %s: mutant %u (%s) changes the Go beyond its "
                            "tables, at: %.*s\n", mu->m->name, i, what,
                    (int)strcspn(at->text, "\n"), at->text);
            exit(2);
        }
        g->swapped[k] = true;
        go_assignable(g->mutants, &d[k], false);
    }
    fputs("\t}},\n", g->mutants);
    free(d);
    out_files_free(&files);
    fprintf(mu->list, "m%u %s\n", i, what);
}

/* Finishes the mutants' file and writes the harness: DIR/M/go/M.go (the original, its swapped
   declarations assignable), M_test.go (the original's test) and run_test.go (TestMutants). */
static void go_swap_finish(mutator *mu) {
    go_swap *g = mu->go;
    fputs("}\n\n// _mutants_reset gives every swapped table the original's value.\n"
          "func _mutants_reset() {\n", g->mutants);
    for (size_t k = 0; k < g->decl_count; k++)
        if (g->swapped[k])
            go_assignable(g->mutants, &g->decls[k], false);
    fputs("}\n", g->mutants);
    fclose(g->mutants);

    FILE *f = open_or_exit(arena_printf(mu->a, "%s/%s/go/%s.go", mu->dir, mu->m->name, mu->m->name));
    for (size_t k = 0; k < g->decl_count; k++)
        if (g->swapped[k])
            go_assignable(f, &g->decls[k], true);
        else
            fwrite(g->decls[k].text, 1, g->decls[k].len, f);
    fclose(f);

    out_files files = {0};
    emit_ctx ctx = {mu->a, NULL, "generated", NULL};
    emit_go_test(&ctx, mu->m, &files);
    const char *test = files.items[0].buf.data;
    f = open_or_exit(arena_printf(mu->a, "%s/%s/go/%s_test.go", mu->dir, mu->m->name, mu->m->name));
    fputs(test, f);
    fclose(f);
    f = open_or_exit(arena_printf(mu->a, "%s/%s/go/run_test.go", mu->dir, mu->m->name));
    fputs("// Written by transit_mutate: runs the original's tests on every mutant. DO NOT EDIT.\n\n"
          "package generated\n\nimport \"testing\"\n\n"
          "// _mutants_catch turns a panic of a test into its failure.\n"
          "func _mutants_catch(t *testing.T) {\n"
          "\tif r := recover(); r != nil {\n\t\tt.Errorf(\"panic: %v\", r)\n\t}\n}\n\n"
          "// TestMutants runs every test of the original with each mutant's tables in turn: one\n"
          "// of them must fail for each (go test prints --- FAIL: TestMutants/mN).\n"
          "func TestMutants(t *testing.T) {\n\tdefer _mutants_reset()\n"
          "\tfor _, m := range _mutants {\n\t\t_mutants_reset()\n\t\tm.apply()\n"
          "\t\tt.Run(m.name, func(t *testing.T) {\n", f);
    for (const char *p = test; (p = strstr(p, "\nfunc Test")) != NULL; p++) {
        size_t len = 0;
        while (ident_char(p[6 + len]))
            len++;
        if (strncmp(p + 6 + len, "(t *testing.T)", 14) == 0)
            fprintf(f, "\t\t\tt.Run(\"%.*s\", func(t *testing.T) {\n"
                       "\t\t\t\tdefer _mutants_catch(t)\n\t\t\t\t%.*s(t)\n\t\t\t})\n",
                    (int)len - 4, p + 10, (int)len, p + 6);
    }
    fputs("\t\t})\n\t}\n}\n", f);
    fclose(f);
    out_files_free(&files);
    free(g->decls);
    free(g->swapped);
}

/* Writes mutant i's Go (go_mutant) or its TypeScript module as plain JavaScript
   (emit_ts_module, what tsc makes of M.ts) into DIR/M/ts/mI/M.js, and its description into
   the list. */
static void lang_mutant(mutator *mu, const model_machine *mm, unsigned i, const char *what) {
    if (strcmp(mu->lang, "go") == 0) {
        go_mutant(mu, mm, i, what);
        return;
    }
    out_files files = {0};
    emit_ts_module(mu->a, mm, out_files_add(&files, "%s.js", mm->name), false);
    char *sub = arena_printf(mu->a, "%s/%s/%s/m%u", mu->dir, mu->m->name, mu->lang, i);
    mkdir(sub, 0777);
    char *err = out_files_write(&files, sub);
    if (err) {
        fprintf(stderr, "transit_mutate: %s\n", err);
        exit(2);
    }
    out_files_free(&files);
    fprintf(mu->list, "m%u %s\n", i, what);
}

/* The end of a header's text, or of the part before MACHINE_choose()'s body when it has one
   (*rest: what follows the body). */
static size_t header_part(const char *h, const char **rest) {
    const char *start = strstr(h, "static TRANSIT_ALWAYS_INLINE transit_result\n");
    const char *end = start ? strstr(start, "\n}\n") : NULL;
    *rest = end ? end : h + strlen(h);
    return end ? (size_t)(start - h) : strlen(h);
}

/* Whether two headers are the same but for MACHINE_choose()'s body. */
static bool same_header(const char *a, const char *b) {
    const char *ra, *rb;
    size_t na = header_part(a, &ra), nb = header_part(b, &rb);
    return na == nb && memcmp(a, b, na) == 0 && strcmp(ra, rb) == 0;
}

/* Emits the C code of m with transitions[0 .. n) and initial, unless it behaves like the
   original, and records it with its description. */
static void mutant(mutator *mu, kind k, model_transition *transitions, uint32_t n, uint32_t initial,
                   const char *what) {
    const model_machine *m = mu->m;
    /* Normalise: sorted, one edge per (from, trigger, to, guard, negated), no edge without an
       initiator; merged edges keep the first rank. */
    qsort(transitions, n, sizeof *transitions, by_edge);
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!transitions[i].by)
            continue;
        if (kept && !by_edge(&transitions[kept - 1], &transitions[i])) {
            transitions[kept - 1].by |= transitions[i].by;
            if (transitions[i].rank < transitions[kept - 1].rank)
                transitions[kept - 1].rank = transitions[i].rank;
        } else
            transitions[kept++] = transitions[i];
    }
    model_machine mm = *m;
    mm.transitions = transitions;
    mm.transition_count = kept;
    mm.initial = initial;
    mm.out = xcalloc((size_t)m->state_count + 1, sizeof *mm.out);
    for (uint32_t i = 0; i < kept; i++)
        mm.out[transitions[i].from + 1]++;
    for (uint32_t s = 0; s < m->state_count; s++)
        mm.out[s + 1] += mm.out[s];
    /* Each state's timer, from its timed transitions. */
    model_state *states = xcalloc(m->state_count, sizeof *states);
    memcpy(states, m->states, m->state_count * sizeof *states);
    for (uint32_t s = 0; s < m->state_count; s++)
        states[s].after_ms = 0, states[s].timer_trigger = 0;
    for (uint32_t i = 0; i < kept; i++)
        if (transitions[i].after_ms) {
            states[transitions[i].from].after_ms = transitions[i].after_ms;
            states[transitions[i].from].timer_trigger = transitions[i].trigger;
        }
    mm.states = states;
    mu->made[k]++;
    int64_t *o = outcomes(&mm);
    bool same = initial == m->initial && !memcmp(o, mu->original, outcomes_size(m));
    free(o);
    if (same) {
        /* Equivalent: the same outcomes, timers and initial state. */
        mu->equivalent[k]++;
        free(mm.out);
        free(states);
        return;
    }
    out_files files = {0};
    if (mu->lang) {
        unsigned i = mu->count++;
        if (i % mu->every == 0)
            lang_mutant(mu, &mm, i, what);
        free(mm.out);
        free(states);
        return;
    }
    emit_ctx ctx = {mu->a, NULL, NULL, NULL};
    emit_c(&ctx, &mm, &files);
    free(mm.out);
    free(states);
    const char *header = NULL, *code = NULL;
    for (size_t i = 0; i < files.count; i++) {
        size_t len = strlen(files.items[i].name);
        if (len > 2 && !strcmp(files.items[i].name + len - 2, ".h"))
            header = files.items[i].buf.data;
        else
            code = files.items[i].buf.data;
    }
    /* The header may change only by the initial state the compact form's inline init sets and
       by MACHINE_choose()'s cases (the guarded choices' decision, inline): the test is built with
       the original header, and finds the mutant by its tables (MACHINE_fire() and the compact
       forms, which read the original's, are checked against the original spec only). */
    if (!header || !code || (k != KIND_INITIAL && !same_header(header, mu->header))) {
        fprintf(stderr, "transit_mutate: %s: mutant '%s' changes %s.h\n", m->name, what, m->name);
        exit(2);
    }
    unsigned i = mu->count++;
    if (i % BATCH == 0) {
        if (mu->batch)
            fclose(mu->batch);
        char *path = arena_printf(mu->a, "%s/%s/batch_%u.c", mu->dir, m->name, mu->batches++);
        mu->batch = fopen(path, "w");
        if (!mu->batch) {
            perror(path);
            exit(2);
        }
    }
    fprintf(mu->batch, "/* mutant %u: %s */\n", i, what);
    rename_names(mu->batch, code, i, false);
    write_declared(mu->batch, code);
    rename_names(mu->batch, code, i, true);
    fputs("\n", mu->batch);
    fprintf(mu->list, "extern const transit_machine mutant_%u_%s_machine;\n", i, m->name);
    out_files_free(&files);
}

/* The description of transition e of the original machine. */
static const char *edge_text(const mutator *mu, const model_transition *t) {
    const model_machine *m = mu->m;
    const char *guard = model_guard_text(mu->a, m, t);
    return arena_printf(mu->a, "%s -> %s on %s by %s%s%s", m->states[t->from].name,
                        m->states[t->to].name, model_trigger_text(mu->a, m, t),
                        model_initiators_text(mu->a, t->by, ", "), *guard ? " " : "", guard);
}

typedef struct described {
    char **text;
    int *kinds;
    unsigned count, cap;
} described;

static described notes;

static void describe(kind k, const char *text) {
    if (notes.count == notes.cap) {
        notes.cap = notes.cap ? notes.cap * 2 : 256;
        notes.text = xrealloc(notes.text, notes.cap * sizeof *notes.text);
        notes.kinds = xrealloc(notes.kinds, notes.cap * sizeof *notes.kinds);
    }
    notes.text[notes.count] = strdup(text);
    notes.kinds[notes.count++] = (int)k;
}

/* mutant() and, when it was kept, its description. */
static void add(mutator *mu, kind k, model_transition *t, uint32_t n, uint32_t initial,
                const char *what) {
    unsigned before = mu->count;
    mutant(mu, k, t, n, initial, what);
    if (mu->count != before)
        describe(k, what);
}

static void mutate_machine(mutator *mu) {
    const model_machine *m = mu->m;
    uint32_t n = m->transition_count, ns = m->state_count, nt = m->trigger_count;
    model_transition *t = xcalloc((size_t)n + 1, sizeof *t);
    /* used[from * nt + trigger]: the initiator bits some transition there has */
    unsigned *used = xcalloc((size_t)ns * nt, sizeof *used);
    for (uint32_t e = 0; e < n; e++)
        used[(size_t)m->transitions[e].from * nt + m->transitions[e].trigger] |= m->transitions[e].by;
#define RESET() memcpy(t, m->transitions, n * sizeof *t)
    for (uint32_t e = 0; e < n; e++) {
        const model_transition *o = &m->transitions[e];
        const char *edge = edge_text(mu, o);
        for (uint32_t to = 0; to < ns; to++) {
            if (to == o->to)
                continue;
            RESET();
            t[e].to = to;
            add(mu, o->after_ms ? KIND_TIMEOUT_TARGET : KIND_RETARGET, t, n, m->initial,
                arena_printf(mu->a, "retarget %s: to %s", edge, m->states[to].name));
        }
        if (o->guard != MODEL_NO_GUARD) {
            RESET();
            t[e].guard = MODEL_NO_GUARD;
            t[e].negated = false;
            add(mu, KIND_GUARD_DROP, t, n, m->initial,
                arena_printf(mu->a, "drop the guard of %s", edge));
            RESET();
            t[e].negated = !o->negated;
            add(mu, KIND_GUARD_NEGATE, t, n, m->initial,
                arena_printf(mu->a, "negate the guard of %s", edge));
        }
        /* Another alternative of the same (from, trigger) for some initiator: swap their guards,
           swap their try order. */
        for (uint32_t f = e + 1; f < n; f++) {
            const model_transition *p = &m->transitions[f];
            if (p->from != o->from || p->trigger != o->trigger || !(p->by & o->by))
                continue;
            const char *other = edge_text(mu, p);
            if (p->guard != o->guard || p->negated != o->negated) {
                RESET();
                t[e].guard = p->guard, t[e].negated = p->negated;
                t[f].guard = o->guard, t[f].negated = o->negated;
                add(mu, KIND_GUARD_SWAP, t, n, m->initial,
                    arena_printf(mu->a, "swap the guards of %s and %s", edge, other));
            }
            RESET();
            t[e].rank = p->rank;
            t[f].rank = o->rank;
            add(mu, KIND_REORDER, t, n, m->initial,
                arena_printf(mu->a, "try %s before %s", o->rank < p->rank ? other : edge,
                             o->rank < p->rank ? edge : other));
        }
        unsigned bits = (unsigned)__builtin_popcount(o->by);
        for (unsigned k = 0; k < 3; k++) {
            unsigned bit = 1u << k;
            if ((o->by & bit) && bits > 1) {
                RESET();
                t[e].by &= ~bit;
                add(mu, KIND_REMOVE_INITIATOR, t, n, m->initial,
                    arena_printf(mu->a, "remove %s from %s", slot_names[k], edge));
                for (uint32_t to = 0; to < ns; to++) {
                    if (to == o->to)
                        continue;
                    RESET();
                    t[e].by &= ~bit;
                    t[n] = *o;
                    t[n].by = bit;
                    t[n].to = to;
                    add(mu, KIND_RETARGET_ONE, t, n + 1, m->initial,
                        arena_printf(mu->a, "retarget %s of %s: to %s", slot_names[k], edge,
                                     m->states[to].name));
                }
            }
            if (!(used[(size_t)o->from * nt + o->trigger] & bit)) {
                RESET();
                t[e].by |= bit;
                add(mu, KIND_ADD_INITIATOR, t, n, m->initial,
                    arena_printf(mu->a, "add %s to %s", slot_names[k], edge));
            }
        }
        RESET();
        t[e].by = 0;
        add(mu, KIND_DROP, t, n, m->initial, arena_printf(mu->a, "drop %s", edge));
    }
    /* A new transition for one initiator free at (from, trigger), to a state no transition there
       already leads to (else it is an added initiator). A final state keeps no way out. */
    for (uint32_t from = 0; from < ns; from++) {
        if (m->states[from].final)
            continue;
        for (uint32_t trig = 0; trig < nt; trig++)
            for (unsigned k = 0; k < 3; k++) {
                if (used[(size_t)from * nt + trig] & (1u << k))
                    continue;
                for (uint32_t to = 0; to < ns; to++) {
                    bool taken = false;
                    for (uint32_t e = m->out[from]; e < m->out[from + 1]; e++)
                        taken |= m->transitions[e].trigger == trig && m->transitions[e].to == to;
                    if (taken)
                        continue;
                    RESET();
                    t[n] = (model_transition){.from = from, .trigger = trig, .to = to, .by = 1u << k,
                                              .guard = MODEL_NO_GUARD, .rank = UINT32_MAX, .loc = m->loc};
                    add(mu, KIND_ADD_TRANSITION, t, n + 1, m->initial,
                        arena_printf(mu->a, "add %s -> %s on %s by %s", m->states[from].name,
                                     m->states[to].name, m->triggers[trig].name, slot_names[k]));
                }
            }
    }
    /* Every timed state's timer runs out at half, twice and one millisecond past its duration. */
    for (uint32_t s = 0; s < ns; s++) {
        uint64_t d = m->states[s].after_ms;
        if (!d)
            continue;
        uint64_t changed[3] = {d / 2, d * 2, d + 1};
        for (unsigned c = 0; c < 3; c++) {
            if (!changed[c] || changed[c] == d)
                continue;
            RESET();
            for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++)
                if (t[e].after_ms) {
                    t[e].after_ms = changed[c];
                    t[e].after = arena_printf(mu->a, "%llums", (unsigned long long)changed[c]);
                }
            add(mu, KIND_DURATION, t, n, m->initial,
                arena_printf(mu->a, "timer of %s after %llums instead of %llums",
                             m->states[s].name, (unsigned long long)changed[c],
                             (unsigned long long)d));
        }
    }
    for (uint32_t s = 0; s < ns; s++)
        if (s != m->initial) {
            RESET();
            add(mu, KIND_INITIAL, t, n, s,
                arena_printf(mu->a, "initial %s instead of %s", m->states[s].name,
                             m->states[m->initial].name));
        }
#undef RESET
    free(used);
    free(t);
}

static void c_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        if (*s == '?' && s[1] == '?')
            fputs("?\"\"", f); /* no trigraph */
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

int main(int argc, char **argv) {
    const char *lang = NULL;
    unsigned every = 1;
    if (argc == 7 && strcmp(argv[3], "--lang") == 0) {
        lang = argv[4];
        every = (unsigned)strtoul(argv[5], NULL, 10);
        argv[3] = argv[6];
        argc = 4;
    }
    if (argc != 4 || strcmp(argv[1], "-o") != 0 || every == 0 ||
        (lang && strcmp(lang, "go") != 0 && strcmp(lang, "ts") != 0)) {
        fputs("usage: transit_mutate -o DIR [--lang go|ts EVERY] SPEC\n", stderr);
        return 2;
    }
    const char *dir = argv[2];
    arena a = {0};
    diag d;
    diag_init(&d, stderr);
    for (int w = 0; w < DIAG_WARNING_COUNT; w++)
        d.disabled[w] = true;
    const char *err = NULL;
    source *src = source_read(&a, argv[3], &err);
    if (!src) {
        fprintf(stderr, "transit_mutate: %s\n", err);
        arena_free(&a);
        return 2;
    }
    ast_file *f = dsl_parse(&a, &d, src);
    model mo;
    if (!f || !check_files(&a, &d, &f, 1, &mo) || d.errors) {
        arena_free(&a);
        return 1;
    }
    char *machines_path = arena_printf(&a, "%s/machines", dir);
    FILE *machines = fopen(machines_path, "a");
    if (!machines) {
        perror(machines_path);
        arena_free(&a);
        return 2;
    }
    for (uint32_t i = 0; i < mo.machine_count; i++) {
        const model_machine *m = &mo.machines[i];
        mutator mu = {&a, m, dir, outcomes(m), NULL, NULL, 0, 0, {0}, {0}, NULL, lang, every, NULL};
        go_swap swap = {0};
        out_files orig = {0};
        emit_ctx ctx = {&a, &mo, NULL, NULL};
        emit_c(&ctx, m, &orig);
        mu.header = orig.items[0].buf.data;
        char *sub = arena_printf(&a, "%s/%s", dir, m->name);
        mkdir(sub, 0777);
        if (lang) {
            sub = arena_printf(&a, "%s/%s", sub, lang);
            mkdir(sub, 0777);
        }
        char *list_path = arena_printf(&a, lang ? "%s/list" : "%s/list.c", sub);
        mu.list = fopen(list_path, "w");
        if (!mu.list) {
            perror(list_path); /* the test fails: no need to free what the exit frees */
            exit(2);
        }
        notes.count = 0;
        if (lang) {
            if (strcmp(lang, "go") == 0)
                go_swap_start(&mu, &swap);
            mutate_machine(&mu);
            if (mu.go)
                go_swap_finish(&mu);
            fclose(mu.list);
            fprintf(machines, "%s %u\n", m->name, mu.count);
            printf("%s: %u mutants (not equivalent), every %u-th tested in %s\n", m->name,
                   mu.count, every, lang);
            for (unsigned k = 0; k < notes.count; k++)
                free(notes.text[k]);
            out_files_free(&orig);
            free(mu.original);
            continue;
        }
        fprintf(mu.list, "/* The mutants of %s (written by transit_mutate). */\n"
                         "#include \"transit.h\"\n\n", m->name);
        mutate_machine(&mu);
        if (mu.batch)
            fclose(mu.batch);
        fputs("\nconst transit_machine *const mutation_subjects[] = {\n", mu.list);
        for (unsigned k = 0; k < mu.count; k++)
            fprintf(mu.list, "    &mutant_%u_%s_machine,\n", k, m->name);
        fputs("    NULL\n};\n\nconst char *const mutation_descriptions[] = {\n", mu.list);
        for (unsigned k = 0; k < notes.count; k++) {
            fputs("    ", mu.list);
            c_string(mu.list, notes.text[k]);
            fputs(",\n", mu.list);
            free(notes.text[k]);
        }
        fputs("    NULL\n};\n\nconst int mutation_kinds[] = {", mu.list);
        for (unsigned k = 0; k < notes.count; k++)
            fprintf(mu.list, "%s%d,", k % 32 ? " " : "\n    ", notes.kinds[k]);
        fputs("\n    -1\n};\n\nconst char *const mutation_kind_names[] = {", mu.list);
        for (int k = 0; k < KIND_COUNT; k++)
            fprintf(mu.list, "\"%s\", ", kind_names[k]);
        fprintf(mu.list, "NULL};\n\nconst unsigned mutation_count = %u;\n", mu.count);
        fclose(mu.list);
        fprintf(machines, "%s %u\n", m->name, mu.batches);
        unsigned made = 0, equivalent = 0;
        for (int k = 0; k < KIND_COUNT; k++) {
            made += mu.made[k];
            equivalent += mu.equivalent[k];
        }
        printf("%s: %u mutants:", m->name, made);
        for (int k = 0; k < KIND_COUNT; k++)
            printf("%s %u %s", k ? "," : "", mu.made[k], kind_names[k]);
        printf("; %u equivalent (same outcomes under every guard valuation, timers and initial "
               "state), excluded\n", equivalent);
        out_files_free(&orig);
        free(mu.original);
    }
    free(notes.text);
    free(notes.kinds);
    fclose(machines);
    arena_free(&a);
    return 0;
}
