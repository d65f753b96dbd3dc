/*
** Enforcement through the databases' own command-line clients (sqlite3, psql), not through the
** store: the generated SQL of a spec is loaded, then every (state, trigger, initiator) of the
** machine is tried as a raw UPDATE on an instance imported into that state, with every legal
** target and one illegal one, plus the bypasses (raw state change, wrong seq, unknown names,
** history UPDATE/DELETE, bad insert, DELETE, and seq touched alone after each accepted move,
** which repeats that move's trigger and initiator and so is judged as that move from the new
** state). What must be accepted and with which refusal comes
** from the checked model of the spec, never from the generated tables.
**   store_enforce sqlite|postgresql TRANSITC SPEC WORKDIR
** The PostgreSQL run uses the cluster named by PGHOST/PGUSER (tests/store/pg.sh run) and a
** database of its own, dropped and created afresh.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "escape.h"
#include "model.h"
#include "parse.h"
#include "prove.h"
#include "source.h"
#include "sql.h"

enum kind { ACCEPT, NO_TRANSITION, NOT_PERMITTED, BAD_SEQUENCE, UNKNOWN_NAME, BAD_INSERT, APPEND_ONLY, BAD_UPDATE,
            UNKNOWN_INSTANCE, STALE, NO_GUARD, KINDS };
static const char *const messages[KINDS] = {
    NULL, "transit: no transition", "transit: not permitted", "transit: bad sequence",
    "transit: unknown name", "transit: bad insert", "transit: append-only", "transit: bad update",
    "transit: unknown instance", "transit: stale", "transit: no guard callback"};
static const char *const codes[KINDS] = {NULL, "TR001", "TR002", "TR003", "TR004", "TR005", "TR006", "TR007",
                                         "TR008", "TR009", "TR010"};

static int pg;
static const char *workdir;
static unsigned expected[KINDS];
static int failures;

typedef struct probe {
    char id[32];
    int accept; /* the seq the UPDATEs must leave: 0 refused, 1 accepted, 2 repeated too */
} probe;
static probe *probes;
static size_t probe_count, probe_cap;

static void quote(out *o, const char *s) { (pg ? escape_postgresql_string : escape_sqlite_string)(o, s); }

/* Runs the client on script, stderr to err; returns its exit status. */
static int client(const char *script, const char *outfile, const char *errfile) {
    char cmd[16384];
    int n;
    if (pg)
        n = snprintf(cmd, sizeof cmd, "psql -X -q -A -t -v VERBOSITY=verbose -f '%s' >'%s' 2>'%s'", script, outfile, errfile);
    else
        n = snprintf(cmd, sizeof cmd, "sqlite3 -batch '%s/enforce.db' <'%s' >'%s' 2>'%s'", workdir, script, outfile, errfile);
    if (n < 0 || (size_t)n >= sizeof cmd)
        return -1;
    return system(cmd);
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    out o = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        out_write(&o, buf, n);
    fclose(f);
    out_write(&o, "", 0);
    return o.data ? o.data : calloc(1, 1);
}

static unsigned count(const char *text, const char *needle) {
    unsigned n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* An instance imported into state st, and an UPDATE of it; the outcome expected is kind. */
static void attempt(out *s, const char *inst, const char *st, const char *to, const char *trigger,
                    const char *initiator, const char *seq, enum kind kind) {
    if (probe_count == probe_cap) {
        probe_cap = probe_cap ? probe_cap * 2 : 256;
        probes = xrealloc(probes, probe_cap * sizeof *probes);
    }
    probe *p = &probes[probe_count];
    snprintf(p->id, sizeof p->id, "p%zu", probe_count);
    p->accept = kind == ACCEPT;
    probe_count++;
    out_printf(s, "INSERT INTO %s (id, state, seq, last_initiator) VALUES ('%s', ", inst, p->id);
    quote(s, st);
    out_puts(s, ", 0, 'import');\n");
    out_printf(s, "UPDATE %s SET state = ", inst);
    quote(s, to);
    out_printf(s, ", seq = %s, last_trigger = ", seq);
    if (trigger)
        quote(s, trigger);
    else
        out_puts(s, "NULL");
    out_puts(s, ", last_initiator = ");
    if (initiator)
        quote(s, initiator);
    else
        out_puts(s, "NULL");
    out_printf(s, ", last_actor = 'enforce' WHERE id = '%s' AND seq = 0;\n", p->id);
    expected[kind]++;
}

/* After the accepted UPDATE of the newest probe (from -> to on trigger by the initiator bit),
   an UPDATE of seq alone: the trigger and initiator stay, so it is that move again, from to. */
static void repeat(out *s, const model_machine *m, const char *inst, uint32_t to, uint32_t trigger,
                   unsigned bit, uint32_t *alt) {
    probe *p = &probes[probe_count - 1];
    out_printf(s, "UPDATE %s SET seq = seq + 1 WHERE id = '%s';\n", inst, p->id);
    unsigned any = 0;
    for (unsigned b = 1; b <= 4; b <<= 1)
        if (model_alternatives(m, to, trigger, b, alt))
            any |= b;
    uint32_t n = model_alternatives(m, to, trigger, bit, alt);
    enum kind kind = !any ? NO_TRANSITION : !n ? NOT_PERMITTED : NO_TRANSITION;
    for (uint32_t k = 0; k < n; k++)
        if (m->transitions[alt[k]].to == to)
            kind = ACCEPT;
    if (kind == ACCEPT)
        p->accept = 2;
    expected[kind]++;
}

/* A statement that must be refused with kind. */
static void refused(out *s, enum kind kind, const char *fmt, const char *a, const char *b) {
    out_printf(s, fmt, a, b);
    out_puts(s, "\n");
    expected[kind]++;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: store_enforce sqlite|postgresql TRANSITC SPEC WORKDIR\n");
        return 2;
    }
    pg = strcmp(argv[1], "postgresql") == 0;
    workdir = argv[4];
    arena a = {0};
    diag d;
    diag_init(&d, stderr);
    const char *err = NULL;
    source *src = source_read(&a, argv[3], &err);
    ast_file *f = src ? dsl_parse(&a, &d, src) : NULL;
    model mo;
    if (!f || !check_files(&a, &d, &f, 1, &mo) || !prove_model(&a, &d, &mo, false)) {
        fprintf(stderr, "store_enforce: %s does not check\n", argv[3]);
        return 2;
    }
    char path[4096], outp[4096], errp[4096];
    char cmd[16384];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", workdir, workdir);
    if (system(cmd) != 0)
        return 2;
    snprintf(cmd, sizeof cmd, "'%s' generate -Wno-dead-end --emit %s -o '%s' '%s'", argv[2], argv[1], workdir, argv[3]);
    if (system(cmd) != 0)
        return 2;
    char sqlfile[4096];
    snprintf(sqlfile, sizeof sqlfile, "%s/%s.%s.sql", workdir, mo.machines[0].name, argv[1]);
    if (pg) {
        const char *db = "transit_enforce";
        setenv("PGDATABASE", "postgres", 1);
        snprintf(cmd, sizeof cmd, "psql -X -q -c 'DROP DATABASE IF EXISTS %s' -c 'CREATE DATABASE %s' >/dev/null", db, db);
        if (system(cmd) != 0)
            return 2;
        setenv("PGDATABASE", db, 1);
    }
    snprintf(outp, sizeof outp, "%s/load.out", workdir);
    snprintf(errp, sizeof errp, "%s/load.err", workdir);
    if (pg) {
        snprintf(cmd, sizeof cmd, "psql -X -q -v ON_ERROR_STOP=1 -f '%s' >'%s' 2>'%s'", sqlfile, outp, errp);
    } else {
        snprintf(cmd, sizeof cmd, "sqlite3 -batch -bail '%s/enforce.db' <'%s' >'%s' 2>'%s'", workdir, sqlfile, outp, errp);
    }
    if (system(cmd) != 0) {
        char *e = slurp(errp);
        fprintf(stderr, "store_enforce: loading %s failed:\n%s\n", sqlfile, e ? e : "");
        return 1;
    }

    const model_machine *m = &mo.machines[0];
    const sql_dialect dialect = {.ident = pg ? escape_postgresql_ident : escape_sqlite_ident};
    const char *prefix = sql_prefix(&a, m->name);
    const char *inst = sql_quoted_name(&a, &dialect, prefix, "_instance");
    const char *hist = sql_quoted_name(&a, &dialect, prefix, "_history");
    out s = {0};
    uint32_t *alt = malloc(sizeof *alt * (m->transition_count + 1));
    uint32_t *alt2 = malloc(sizeof *alt2 * (m->transition_count + 1));
    bool *legal = malloc(m->state_count + 1);
    for (uint32_t st = 0; st < m->state_count; st++) {
        const char *from = m->states[st].persisted;
        for (uint32_t t = 0; t < m->trigger_count; t++) {
            const char *trig = m->triggers[t].name;
            unsigned any = 0;
            for (unsigned bit = 1; bit <= 4; bit <<= 1)
                if (model_alternatives(m, st, t, bit, alt))
                    any |= bit;
            for (unsigned bit = 1; bit <= 4; bit <<= 1) {
                const char *who = ast_initiator_name(bit);
                uint32_t n = model_alternatives(m, st, t, bit, alt);
                if (!any) {
                    attempt(&s, inst, from, m->states[(st + 1) % m->state_count].persisted, trig, who, "seq + 1", NO_TRANSITION);
                    continue;
                }
                if (!n) {
                    /* a target some other initiator may reach: still not for this one */
                    uint32_t other = 0;
                    for (unsigned b = 1; b <= 4; b <<= 1)
                        if (b != bit && model_alternatives(m, st, t, b, alt))
                            other = m->transitions[alt[0]].to;
                    attempt(&s, inst, from, m->states[other].persisted, trig, who, "seq + 1", NOT_PERMITTED);
                    continue;
                }
                memset(legal, 0, m->state_count);
                for (uint32_t k = 0; k < n; k++)
                    legal[m->transitions[alt[k]].to] = true;
                for (uint32_t to = 0; to < m->state_count; to++)
                    if (legal[to]) {
                        attempt(&s, inst, from, m->states[to].persisted, trig, who, "seq + 1", ACCEPT);
                        repeat(&s, m, inst, to, t, bit, alt2);
                    }
                for (uint32_t to = 0; to < m->state_count; to++)
                    if (!legal[to]) {
                        attempt(&s, inst, from, m->states[to].persisted, trig, who, "seq + 1", NO_TRANSITION);
                        break;
                    }
                /* the legal move with a wrong seq: not one, two */
                attempt(&s, inst, from, m->states[m->transitions[alt[0]].to].persisted, trig, who, "seq + 2", BAD_SEQUENCE);
                attempt(&s, inst, from, m->states[m->transitions[alt[0]].to].persisted, trig, who, "seq", BAD_SEQUENCE);
            }
        }
    }
    /* The bypasses, on an instance with a history row when the machine has a transition. */
    const char *s0 = m->states[m->initial].persisted;
    const char *s1 = m->states[(m->initial + 1) % m->state_count].persisted;
    if (m->trigger_count) {
        attempt(&s, inst, s0, s0, "no such trigger", "user", "seq + 1", UNKNOWN_NAME);
        attempt(&s, inst, s0, s0, m->triggers[0].name, NULL, "seq + 1", NOT_PERMITTED);
        attempt(&s, inst, s0, s0, m->triggers[0].name, "everybody", "seq + 1", UNKNOWN_NAME);
        attempt(&s, inst, s0, "no such state", m->triggers[0].name, "user", "seq + 1", UNKNOWN_NAME);
    }
    attempt(&s, inst, s0, s0, NULL, "user", "seq + 1", NO_TRANSITION);
    out_printf(&s, "INSERT INTO %s (id) VALUES ('bypass');\n", inst);
    out_printf(&s, "UPDATE %s SET state = ", inst);
    quote(&s, s1);
    out_puts(&s, " WHERE id = 'bypass';\n");
    expected[BAD_SEQUENCE]++;
    refused(&s, BAD_SEQUENCE, "UPDATE %s SET seq = seq + 5 WHERE id = 'bypass'%s;", inst, "");
    refused(&s, BAD_UPDATE, "UPDATE %s SET id = 'other', seq = seq + 1 WHERE id = 'bypass'%s;", inst, "");
    refused(&s, BAD_UPDATE, "UPDATE %s SET due_at = last_at WHERE id = 'bypass'%s;", inst, "");
    refused(&s, APPEND_ONLY, "DELETE FROM %s WHERE id = 'bypass'%s;", inst, "");
    refused(&s, APPEND_ONLY, "UPDATE %s SET actor = 'mallory'%s;", hist, "");
    refused(&s, APPEND_ONLY, "DELETE FROM %s%s;", hist, "");
    refused(&s, APPEND_ONLY, "INSERT INTO %s (instance_id, seq, to_state, initiator, at) SELECT id, seq + 1, state, 'user', last_at FROM %s WHERE id = 'bypass';", hist, inst);
    out_printf(&s, "INSERT INTO %s (id, state) VALUES ('elsewhere', ", inst);
    quote(&s, s1);
    out_puts(&s, ");\n");
    expected[m->state_count > 1 ? BAD_INSERT : ACCEPT]++;
    out_printf(&s, "INSERT INTO %s (id, seq) VALUES ('later', 3);\n", inst);
    expected[BAD_INSERT]++;
    out_printf(&s, "INSERT INTO %s (id, state, seq, last_initiator) VALUES ('gone', 'no such state', 0, 'import');\n", inst);
    expected[UNKNOWN_NAME]++;
    /* PostgreSQL's PREFIX_fire picks the target itself: for every (state, trigger, initiator) the
       first alternative's target, a refusal otherwise. */
    const char *fire_fn = pg ? sql_quoted_name(&a, &dialect, prefix, "_fire") : NULL;
    out fire_expect = {0};
    for (uint32_t st = 0; pg && st < m->state_count; st++)
        for (uint32_t t = 0; t < m->trigger_count; t++) {
            unsigned any = 0;
            for (unsigned bit = 1; bit <= 4; bit <<= 1)
                if (model_alternatives(m, st, t, bit, alt))
                    any |= bit;
            for (unsigned bit = 1; bit <= 4; bit <<= 1) {
                uint32_t n = model_alternatives(m, st, t, bit, alt);
                char id[32];
                snprintf(id, sizeof id, "f%u_%u_%u", st, t, bit);
                out_printf(&s, "INSERT INTO %s (id, state, seq, last_initiator) VALUES ('%s', ", inst, id);
                quote(&s, m->states[st].persisted);
                out_printf(&s, ", 0, 'import');\nSELECT %s('%s', ", fire_fn, id);
                quote(&s, m->triggers[t].name);
                out_printf(&s, ", '%s', 0, 'enforce');\n", ast_initiator_name(bit));
                enum kind k = !any ? NO_TRANSITION : !n ? NOT_PERMITTED
                              : m->transitions[alt[0]].guard != MODEL_NO_GUARD ? NO_GUARD : ACCEPT;
                expected[k]++;
                out_printf(&fire_expect, "frow %s %s %d\n", id,
                           m->states[k == ACCEPT ? m->transitions[alt[0]].to : st].persisted, k == ACCEPT);
            }
        }
    if (pg) {
        out_printf(&s, "SELECT %s('no such instance', 'x', 'user');\n", fire_fn);
        expected[UNKNOWN_INSTANCE]++;
        out_printf(&s, "SELECT %s('bypass', 'x', 'user', 42);\n", fire_fn);
        expected[STALE]++;
        out_printf(&s, "SELECT 'frow ' || id || ' ' || state || ' ' || seq FROM %s WHERE id LIKE 'f%%';\n", inst);
    }
    /* What the probes did, for the check below. */
    out_printf(&s, "SELECT 'row ' || id || ' ' || seq FROM %s;\n", inst);
    out_printf(&s, "SELECT 'history ' || count(*) FROM %s WHERE initiator <> 'import';\n", hist);

    snprintf(path, sizeof path, "%s/probes.sql", workdir);
    FILE *fp = fopen(path, "w");
    if (!fp || fwrite(s.data, 1, s.len, fp) != s.len || fclose(fp) != 0)
        return 2;
    snprintf(outp, sizeof outp, "%s/probes.out", workdir);
    snprintf(errp, sizeof errp, "%s/probes.err", workdir);
    client(path, outp, errp);
    char *output = slurp(outp), *errors = slurp(errp);
    if (!output || !errors)
        return 2;
    /* Every refusal carries its message (and SQLSTATE in PostgreSQL); nothing else failed. */
    unsigned refusals = 0;
    for (int k = 1; k < KINDS; k++) {
        unsigned got = count(errors, messages[k]);
        refusals += got;
        if (got != expected[k]) {
            fprintf(stderr, "FAIL: %u refusals '%s', expected %u\n", got, messages[k], expected[k]);
            failures++;
        }
        if (pg) {
            char code[16];
            snprintf(code, sizeof code, "%s: transit", codes[k]);
            if (count(errors, code) != expected[k]) {
                fprintf(stderr, "FAIL: %u errors with SQLSTATE %s, expected %u\n", count(errors, code), codes[k], expected[k]);
                failures++;
            }
        }
    }
    unsigned errs = pg ? count(errors, "ERROR:") : count(errors, "Error:") + count(errors, "Parse error") + count(errors, "Runtime error");
    if (errs != refusals) {
        fprintf(stderr, "FAIL: %u errors but %u refusals by transit's triggers:\n%s\n", errs, refusals, errors);
        failures++;
    }
    /* Each probe: refused (seq 0), accepted (1), repeated too (2), as the model says. */
    unsigned accepted = 0;
    for (size_t i = 0; i < probe_count; i++) {
        char want[64];
        snprintf(want, sizeof want, "row %s %d\n", probes[i].id, probes[i].accept);
        accepted += (unsigned)probes[i].accept;
        if (!strstr(output, want)) {
            static const char *const how[] = {"refused", "accepted, its repetition refused",
                                              "accepted, its repetition too"};
            fprintf(stderr, "FAIL: probe %s should have been %s (see %s)\n", probes[i].id,
                    how[probes[i].accept], path);
            failures++;
        }
    }
    /* The fire function's outcomes, line by line. */
    for (const char *line = fire_expect.data; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = (size_t)(end - line) + 1;
        char *one = strndup(line, len);
        if (!strstr(output, one)) {
            fprintf(stderr, "FAIL: after the fire function expected %s", one);
            failures++;
        }
        accepted += one[len - 2] == '1';
        free(one);
        line = end + 1;
    }
    out_free(&fire_expect);
    char want[64];
    snprintf(want, sizeof want, "history %u\n", accepted);
    if (!strstr(output, want)) {
        fprintf(stderr, "FAIL: expected %u history rows of transitions:\n%s\n", accepted, output);
        failures++;
    }
    printf("%s %s: %zu probes, %u accepted, %u refused as the spec says\n", argv[1], m->name,
           probe_count, accepted, refusals);
    free(output);
    free(errors);
    free(alt);
    free(alt2);
    free(legal);
    free(probes);
    out_free(&s);
    arena_free(&a);
    return failures ? 1 : 0;
}
