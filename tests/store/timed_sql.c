/*
** Writes MACHINE.sqlite.sql and MACHINE.postgresql.sql of a spec with a timer put on one state
** of its checked model (the state's timer_trigger and after_ms, and the after_ms of its
** transitions on that trigger), through the emitters themselves: the timer tests of the store
** need a timed machine before the language can state one.
**   timed_sql SPEC STATE TRIGGER AFTER_MS OUTDIR
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "emit.h"
#include "parse.h"
#include "prove.h"
#include "source.h"

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: timed_sql SPEC STATE TRIGGER AFTER_MS OUTDIR\n");
        return 2;
    }
    arena a = {0};
    diag d;
    diag_init(&d, stderr);
    const char *err = NULL;
    source *src = source_read(&a, argv[1], &err);
    ast_file *f = src ? dsl_parse(&a, &d, src) : NULL;
    model mo;
    if (!f || !check_files(&a, &d, &f, 1, &mo) || !prove_model(&a, &d, &mo, false))
        return 1;
    model_machine *m = &mo.machines[0];
    uint32_t s = 0, t = 0;
    while (s < m->state_count && strcmp(m->states[s].name, argv[2]) != 0)
        s++;
    while (t < m->trigger_count && strcmp(m->triggers[t].name, argv[3]) != 0)
        t++;
    if (s == m->state_count || t == m->trigger_count) {
        fprintf(stderr, "timed_sql: no state %s or trigger %s\n", argv[2], argv[3]);
        return 2;
    }
    uint64_t after = strtoull(argv[4], NULL, 10);
    m->states[s].after_ms = after;
    m->states[s].timer_trigger = t;
    for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++)
        if (m->transitions[e].trigger == t) {
            m->transitions[e].after_ms = after;
            m->transitions[e].after = argv[4];
        }
    out_files files = {0};
    emit_ctx ctx = {&a, &mo, NULL, NULL};
    emit_sqlite(&ctx, m, &files);
    emit_postgresql(&ctx, m, &files);
    char *werr = out_files_write(&files, argv[5]);
    if (werr) {
        fprintf(stderr, "timed_sql: %s\n", werr);
        free(werr);
        return 1;
    }
    out_files_free(&files);
    arena_free(&a);
    return 0;
}
