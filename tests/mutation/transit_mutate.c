/*
** transit_mutate: writes every single-change mutant of the machines in a spec as generated C, for
** the mutation test of the generated tests (run.sh). Each mutant is the checked model with one
** change that keeps the state and trigger names: retarget a transition (or one initiator of it),
** drop a transition, remove or add an initiator, add a transition, move the initial state. Only
** the C emitter runs on a mutant; mutants that behave exactly like the original are excluded.
**
**   transit_mutate -o DIR SPEC
**   transit_mutate -o DIR --lang go|ts EVERY SPEC
**
** For each machine M it writes DIR/M/batch_N.c (mutants' M.c, each file-scope name renamed so
** many share one translation unit), DIR/M/list.c (the mutants' tables and descriptions) and
** appends M to DIR/machines. With --lang it writes, for every EVERY-th mutant N instead, the Go
** (package "generated") or TypeScript module as DIR/M/LANG/mN/M.go (M.ts), and its description
** as a line "mN DESCRIPTION" of DIR/M/LANG/list (lang.sh tests them). Exit status: 0, 1 for a spec with errors, 2 for usage or I/O.
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
    X(INITIAL, "swap initial")            /* another initial state */

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

/* One machine being mutated and where its mutants go. */
typedef struct mutator {
    arena *a;
    const model_machine *m;
    const char *dir;
    int32_t *original; /* outcome of every triple: target, -1 no transition, -2 not permitted */
    FILE *batch, *list;
    unsigned count, batches;
    unsigned made[KIND_COUNT], equivalent[KIND_COUNT];
    const char *header; /* the original M.h, which a mutant must not change */
    const char *lang;   /* "go" or "ts": write that emitter's output of every every-th mutant */
    unsigned every;
} mutator;

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p)
        arena_out_of_memory();
    return p;
}

/* The outcome of every (state, trigger, initiator) of m, as the generated test expects it. */
static int32_t *outcomes(const model_machine *m) {
    size_t n = (size_t)m->state_count * m->trigger_count * 3;
    int32_t *o = xcalloc(n, sizeof *o);
    for (size_t i = 0; i < n; i++)
        o[i] = -1;
    for (uint32_t e = 0; e < m->transition_count; e++) {
        const model_transition *t = &m->transitions[e];
        int32_t *c = &o[((size_t)t->from * m->trigger_count + t->trigger) * 3];
        for (unsigned k = 0; k < 3; k++)
            if (c[k] == -1)
                c[k] = -2;
    }
    for (uint32_t e = 0; e < m->transition_count; e++) {
        const model_transition *t = &m->transitions[e];
        int32_t *c = &o[((size_t)t->from * m->trigger_count + t->trigger) * 3];
        for (unsigned k = 0; k < 3; k++)
            if (t->by & (1u << k))
                c[k] = (int32_t)t->to;
    }
    return o;
}

static int by_edge(const void *pa, const void *pb) {
    const model_transition *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->trigger != b->trigger)
        return a->trigger < b->trigger ? -1 : 1;
    return a->to < b->to ? -1 : a->to > b->to;
}

static bool ident_char(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Writes a #define (or, with undo, an #undef) for every name code defines at file scope (a line
   "[static ]const TYPE NAME[...]" or "... NAME = ..."), so that mutant i's names are its own and
   many mutants share one translation unit. */
static void rename_names(FILE *f, const char *code, unsigned i, bool undo) {
    for (const char *p = code; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        if (strncmp(p, "static const ", 13) != 0 && strncmp(p, "const ", 6) != 0)
            continue;
        const char *eol = strchr(p, '\n');
        const char *end = p;
        while (*end && end != eol && *end != '[' && *end != '=')
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

/* Writes mutant i's Go or TypeScript into DIR/M/LANG/mI and its description into the list. */
static void lang_mutant(mutator *mu, const model_machine *mm, unsigned i, const char *what) {
    out_files files = {0};
    emit_ctx ctx = {mu->a, NULL, "generated", NULL};
    if (strcmp(mu->lang, "go") == 0)
        emit_go(&ctx, mm, &files);
    else
        emit_ts(&ctx, mm, &files);
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

/* Emits the C code of m with transitions[0 .. n) and initial, unless it behaves like the
   original, and records it with its description. */
static void mutant(mutator *mu, kind k, model_transition *transitions, uint32_t n, uint32_t initial,
                   const char *what) {
    const model_machine *m = mu->m;
    /* Normalise: sorted, one edge per (from, trigger, to), no edge without an initiator. */
    qsort(transitions, n, sizeof *transitions, by_edge);
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!transitions[i].by)
            continue;
        if (kept && !by_edge(&transitions[kept - 1], &transitions[i]))
            transitions[kept - 1].by |= transitions[i].by;
        else
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
    mu->made[k]++;
    int32_t *o = outcomes(&mm);
    bool same = initial == m->initial &&
                !memcmp(o, mu->original,
                        (size_t)m->state_count * m->trigger_count * 3 * sizeof *o);
    free(o);
    if (same) {
        /* Equivalent: the same outcome for every triple and the same initial state. */
        mu->equivalent[k]++;
        free(mm.out);
        return;
    }
    out_files files = {0};
    if (mu->lang) {
        unsigned i = mu->count++;
        if (i % mu->every == 0)
            lang_mutant(mu, &mm, i, what);
        free(mm.out);
        return;
    }
    emit_ctx ctx = {mu->a, NULL, NULL, NULL};
    emit_c(&ctx, &mm, &files);
    free(mm.out);
    const char *header = NULL, *code = NULL;
    for (size_t i = 0; i < files.count; i++) {
        size_t len = strlen(files.items[i].name);
        if (len > 2 && !strcmp(files.items[i].name + len - 2, ".h"))
            header = files.items[i].buf.data;
        else
            code = files.items[i].buf.data;
    }
    if (!header || !code || strcmp(header, mu->header) != 0) {
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
    fputs(code, mu->batch);
    rename_names(mu->batch, code, i, true);
    fputs("\n", mu->batch);
    fprintf(mu->list, "extern const transit_machine mutant_%u_%s_machine;\n", i, m->name);
    out_files_free(&files);
}

/* The description of transition e of the original machine. */
static const char *edge_text(const mutator *mu, const model_transition *t) {
    const model_machine *m = mu->m;
    return arena_printf(mu->a, "%s -> %s on %s by %s", m->states[t->from].name,
                        m->states[t->to].name, m->triggers[t->trigger].name,
                        model_initiators_text(mu->a, t->by, ", "));
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
            add(mu, KIND_RETARGET, t, n, m->initial,
                arena_printf(mu->a, "retarget %s: to %s", edge, m->states[to].name));
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
        mutator mu = {&a, m, dir, outcomes(m), NULL, NULL, 0, 0, {0}, {0}, NULL, lang, every};
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
            mutate_machine(&mu);
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
        printf("; %u equivalent (same outcome for every triple and the same initial state), "
               "excluded\n", equivalent);
        out_files_free(&orig);
        free(mu.original);
    }
    free(notes.text);
    free(notes.kinds);
    fclose(machines);
    arena_free(&a);
    return 0;
}
