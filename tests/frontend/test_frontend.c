/*
** Unit tests of the front end (dsl/) and the checker: the parser is reentrant (the same text
** parsed twice, and in two threads at once, gives the same tree), every allocation is freed on
** every path, errors included, and a spec using every construct becomes the model its text
** describes. Expected values are read off the spec texts below, never off the code under test.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "parse.h"
#include "parser.h"

/* --- Counting allocations -----------------------------------------------------------------
   The test links with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free, so every
   allocation made by the front end and the checker passes through here. */

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);

static atomic_long live;      /* blocks allocated and not yet freed */
static atomic_llong requested; /* bytes asked of malloc, in all */

void *__wrap_malloc(size_t size) {
    void *p = __real_malloc(size);
    if (p)
        atomic_fetch_add(&live, 1);
    atomic_fetch_add(&requested, (long long)size);
    return p;
}

void *__wrap_calloc(size_t count, size_t size) {
    void *p = __real_calloc(count, size);
    if (p)
        atomic_fetch_add(&live, 1);
    return p;
}

void *__wrap_realloc(void *p, size_t size) {
    void *q = __real_realloc(p, size);
    if (!p && q)
        atomic_fetch_add(&live, 1);
    return q;
}

void __wrap_free(void *p) {
    if (p)
        atomic_fetch_sub(&live, 1);
    __real_free(p);
}

/* --- Helpers ------------------------------------------------------------------------------ */

/* One compilation: its arena, its diagnostics (into a memory buffer) and what it produced. */
typedef struct run {
    arena a;
    diag d;
    FILE *out;
    char *text;
    size_t len;
    ast_file *file;
    model m;
    bool checked;
} run;

static void run_start(run *r) {
    memset(r, 0, sizeof *r);
    r->out = open_memstream(&r->text, &r->len);
    assert_non_null(r->out);
    diag_init(&r->d, r->out);
}

/* Parses spec (and checks it when it parses). */
static void run_spec(run *r, const char *spec) {
    run_start(r);
    source *src = source_from_bytes(&r->a, "t.transit", spec, strlen(spec));
    r->file = dsl_parse(&r->a, &r->d, src);
    if (r->file)
        r->checked = check_files(&r->a, &r->d, &r->file, 1, &r->m);
    fflush(r->out);
}

static void run_end(run *r) {
    arena_free(&r->a);
    fclose(r->out);
    free(r->text);
}

/* The tree as text: every item with its kind, names and positions, one per line. */
static void dump_names(FILE *f, const char *what, const ast_name *n) {
    for (; n; n = n->next)
        fprintf(f, " %s=%s@%u:%u-%u", what, n->text, n->loc.line, n->loc.column, n->loc.end_column);
}

static char *dump(const ast_file *file) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (const ast_node *m = file->machines; m; m = m->next) {
        fprintf(f, "machine %s doc=%s\n", m->as.machine.name->text,
                m->as.machine.doc ? m->as.machine.doc : "-");
        for (const ast_node *it = m->as.machine.items; it; it = it->next) {
            fprintf(f, "  kind=%d @%u:%u", (int)it->kind, it->loc.line, it->loc.column);
            switch (it->kind) {
            case AST_INITIAL:
                dump_names(f, "state", it->as.initial.state);
                break;
            case AST_TRIGGER:
                dump_names(f, "name", it->as.trigger.name);
                fprintf(f, " doc=%s", it->as.trigger.doc ? it->as.trigger.doc : "-");
                break;
            case AST_GUARD:
                dump_names(f, "name", it->as.guard.name);
                fprintf(f, " doc=%s", it->as.guard.doc ? it->as.guard.doc : "-");
                break;
            case AST_STATE:
                dump_names(f, "name", it->as.state.name);
                fprintf(f, " final=%d as=%s doc=%s", it->as.state.final,
                        it->as.state.persisted ? it->as.state.persisted : "-",
                        it->as.state.doc ? it->as.state.doc : "-");
                break;
            case AST_TRANSITION:
                dump_names(f, "from", it->as.transition.sources);
                dump_names(f, "except", it->as.transition.except);
                dump_names(f, "to", it->as.transition.target);
                dump_names(f, "on", it->as.transition.trigger);
                fprintf(f, " by=%u doc=%s", it->as.transition.by,
                        it->as.transition.doc ? it->as.transition.doc : "-");
                if (it->as.transition.after)
                    fprintf(f, " after=%s=%llums@%u:%u-%u", it->as.transition.after,
                            (unsigned long long)it->as.transition.after_ms,
                            it->as.transition.after_loc.line, it->as.transition.after_loc.column,
                            it->as.transition.after_loc.end_column);
                if (it->as.transition.guard)
                    dump_names(f, it->as.transition.negated ? "when-not" : "when",
                               it->as.transition.guard);
                break;
            case AST_ASSERT:
                dump_names(f, "subject", it->as.assertion.subjects);
                dump_names(f, "object", it->as.assertion.objects);
                fprintf(f, " form=%d by=%u", (int)it->as.assertion.form, it->as.assertion.by);
                break;
            case AST_MACHINE:
                break;
            }
            fputc('\n', f);
        }
    }
    fclose(f);
    return text;
}

/* Every construct of the language. Line numbers matter to the tests below. */
static const char job[] =
    "# a print job\n"                                                          /* 1 */
    "machine job \"A document sent \" \"to a printer.\" {\n"                   /* 2 */
    "    initial queued\n"                                                     /* 3 */
    "    trigger start \"The printer takes the job.\"\n"                       /* 4 */
    "    trigger jam \"A \\\"paper jam\\\"\\tstops it.\\n\"\n"                 /* 5 */
    "    trigger finish\n"                                                     /* 6 */
    "    trigger cancel\n"                                                     /* 7 */
    "    state queued \"Waiting.\"\n"                                          /* 8 */
    "\tstate printing\n"                                                       /* 9 */
    "    state jammed as \"paper jam\" \"Stopped \" \"until cleared.\"\n"      /* 10 */
    "    final state done\n"                                                   /* 11 */
    "    final state cancelled as \"canceled\"\n"                              /* 12 */
    "    queued -> printing on start by auto\n"                                /* 13 */
    "    jammed -> printing on start by user \"Resumed.\"\n"                   /* 14 */
    "    printing -> jammed on jam by self\n"                                  /* 15 */
    "    printing -> done on finish by self\n"                                 /* 16 */
    "    * -> cancelled on cancel by user, auto\n"                             /* 17 */
    "    * except jammed -> queued on start by self\n"                         /* 18 */
    "    assert reachable done\n"                                              /* 19 */
    "}\n";

/* --- Reentrancy --------------------------------------------------------------------------- */

/* Parsing the same text twice in one process gives the same tree: nothing carries over. */
static void test_parse_twice_same_tree(void **state) {
    (void)state;
    run r1, r2;
    run_spec(&r1, job);
    run_spec(&r2, job);
    assert_non_null(r1.file);
    assert_non_null(r2.file);
    char *d1 = dump(r1.file), *d2 = dump(r2.file);
    assert_string_equal(d1, d2);
    /* The dump holds what the text says, positions included. */
    assert_non_null(strstr(d1, "machine job doc=A document sent to a printer.\n"));
    assert_non_null(strstr(d1, "name=printing@9:8-16 final=0"));
    assert_non_null(strstr(d1, "except=jammed@18:14-20 to=queued@18:24-30 on=start@18:34-39"));
    free(d1);
    free(d2);
    run_end(&r1);
    run_end(&r2);
}

/* dsl_parse_tokens (trivia mode, for fmt): every token as written, line breaks and comments
   included, with the kind the parser gives it: a guard named like an assertion word is a name,
   digits after 'after' are a duration even past a comment and a line break. The tree is the one
   dsl_parse builds, and the tokens are freed by the caller (no leak). */
static void test_tokens_with_trivia(void **state) {
    (void)state;
    const char *spec = "machine m \"a \\\"q\\\" #\" {  # one  \r\n"
                       "\tguard reachable\r"
                       "  a -> b on go after # two\n"
                       " 90s by auto when not reachable\n"
                       "}\n# end";
    static const struct {
        int kind;
        const char *text;
        unsigned line, column;
    } want[] = {
        {TOK_MACHINE, "machine", 1, 1}, {TOK_IDENT, "m", 1, 9},
        {TOK_STRING, "\"a \\\"q\\\" #\"", 1, 11}, {TOK_LBRACE, "{", 1, 23},
        {TOK_COMMENT, "# one  ", 1, 26}, {TOK_NEWLINE, "\r\n", 1, 33},
        {TOK_GUARD, "guard", 2, 2}, {TOK_IDENT, "reachable", 2, 8}, {TOK_NEWLINE, "\r", 2, 17},
        {TOK_IDENT, "a", 3, 3}, {TOK_ARROW, "->", 3, 5}, {TOK_IDENT, "b", 3, 8},
        {TOK_ON, "on", 3, 10}, {TOK_IDENT, "go", 3, 13}, {TOK_AFTER, "after", 3, 16},
        {TOK_COMMENT, "# two", 3, 22}, {TOK_NEWLINE, "\n", 3, 27},
        {TOK_DURATION, "90s", 4, 2}, {TOK_BY, "by", 4, 6}, {TOK_AUTO, "auto", 4, 9},
        {TOK_WHEN, "when", 4, 14}, {TOK_NOT, "not", 4, 19}, {TOK_IDENT, "reachable", 4, 23},
        {TOK_NEWLINE, "\n", 4, 32}, {TOK_RBRACE, "}", 5, 1}, {TOK_NEWLINE, "\n", 5, 2},
        {TOK_COMMENT, "# end", 6, 1},
    };
    size_t n = sizeof want / sizeof want[0];
    long before = atomic_load(&live);
    run plain, trivia;
    run_spec(&plain, spec);
    run_start(&trivia);
    dsl_tokens tokens = {0};
    trivia.file = dsl_parse_tokens(&trivia.a, &trivia.d,
                                   source_from_bytes(&trivia.a, "t.transit", spec, strlen(spec)),
                                   &tokens);
    fflush(trivia.out);
    assert_non_null(plain.file);
    assert_non_null(trivia.file);
    assert_int_equal(trivia.len, 0); /* no message */
    char *d1 = dump(plain.file), *d2 = dump(trivia.file);
    assert_string_equal(d1, d2);
    assert_int_equal(tokens.count, n);
    for (size_t i = 0; i < n; i++) {
        const dsl_token *t = &tokens.items[i];
        char text[64];
        snprintf(text, sizeof text, "%.*s", (int)t->len, t->text);
        assert_string_equal(text, want[i].text);
        assert_int_equal(t->kind, want[i].kind);
        assert_int_equal(t->loc.line, want[i].line);
        assert_int_equal(t->loc.column, want[i].column);
    }
    free(tokens.items);
    arena_free(&plain.a);
    arena_free(&trivia.a);
    /* The memory streams' buffers come from inside the C library, uncounted: freed after. */
    assert_int_equal(atomic_load(&live), before);
    free(d1);
    free(d2);
    fclose(plain.out);
    free(plain.text);
    fclose(trivia.out);
    free(trivia.text);
}

/* A lexical error in trivia mode is reported as without it: same words, same place. */
static void test_tokens_lexical_error_as_parse(void **state) {
    (void)state;
    const char *spec = "machine m {\n  initial a\n  a -> a on go after 90x by auto # c\n  @\n}\n";
    run plain, trivia;
    run_spec(&plain, spec);
    run_start(&trivia);
    dsl_tokens tokens = {0};
    trivia.file = dsl_parse_tokens(&trivia.a, &trivia.d,
                                   source_from_bytes(&trivia.a, "t.transit", spec, strlen(spec)),
                                   &tokens);
    fflush(trivia.out);
    assert_null(plain.file);
    assert_null(trivia.file);
    assert_non_null(strstr(trivia.text, "t.transit:3:24: error: unknown unit 'x'"));
    assert_non_null(strstr(trivia.text, "t.transit:4:3: error: unexpected character '@'"));
    assert_string_equal(plain.text, trivia.text);
    free(tokens.items);
    run_end(&plain);
    run_end(&trivia);
}

/* An error in one parse leaves nothing behind for the next: the scanner's position, an open
   string and the open brace all belong to the parse that had them. */
static void test_parse_after_error_starts_clean(void **state) {
    (void)state;
    run bad, good;
    run_spec(&bad, "machine m {\n  state a \"open string");
    assert_null(bad.file);
    assert_int_equal(bad.d.errors, 1);
    run_spec(&good, job);
    assert_non_null(good.file);
    assert_int_equal(good.d.errors, 0);
    assert_int_equal(good.len, 0);
    assert_int_equal(good.file->machines->as.machine.close.line, 20);
    run_end(&bad);
    run_end(&good);
}

enum { THREAD_RUNS = 50 };

static void *parse_many(void *reference) {
    for (int i = 0; i < THREAD_RUNS; i++) {
        run r;
        run_spec(&r, job);
        char *d = r.file ? dump(r.file) : NULL;
        bool same = d && strcmp(d, reference) == 0 && r.checked;
        free(d);
        run_end(&r);
        if (!same)
            return "different";
    }
    return NULL;
}

/* Two threads parsing at the same time get the same trees as one parse alone: no globals. */
static void test_parse_in_two_threads(void **state) {
    (void)state;
    run r;
    run_spec(&r, job);
    char *reference = dump(r.file);
    run_end(&r);
    pthread_t t1, t2;
    assert_int_equal(pthread_create(&t1, NULL, parse_many, reference), 0);
    assert_int_equal(pthread_create(&t2, NULL, parse_many, reference), 0);
    void *res1, *res2;
    pthread_join(t1, &res1);
    pthread_join(t2, &res2);
    assert_null(res1);
    assert_null(res2);
    free(reference);
}

/* --- Memory ------------------------------------------------------------------------------- */

/* Parses and checks spec, frees everything, and requires no block to be left. */
static void assert_no_leak(const char *spec, bool parses, int errors) {
    long before = atomic_load(&live);
    run r;
    run_spec(&r, spec);
    assert_int_equal(r.file != NULL, parses);
    assert_int_equal(r.d.errors, errors);
    arena_free(&r.a);
    assert_int_equal(atomic_load(&live), before);
    fclose(r.out);
    free(r.text);
}

static void test_memory_valid_spec(void **state) {
    (void)state;
    assert_no_leak(job, true, 0);
}

/* Syntax errors: in a transition, at the end of the file inside a machine, recovered from. */
static void test_memory_syntax_error(void **state) {
    (void)state;
    assert_no_leak("machine m {\n  initial a\n  state a\n  a -> a on by user\n}\n", false, 1);
    assert_no_leak("machine m {\n  initial a\n  state a", false, 1);
    assert_no_leak("machine m { state } machine n { initial } machine o { a -> }", false, 3);
}

/* Lexical errors, including a string left open (its buffer is the scanner's own). */
static void test_memory_lexical_error(void **state) {
    (void)state;
    assert_no_leak("machine m {\n  state a \"never closed\n}\n", false, 1);
    assert_no_leak("machine m {\n  state a \"never closed", false, 1);
    assert_no_leak("machine m { state caf\xc3\xa9 @ \"\\q\" }", false, 3);
    /* A string longer than the scanner's first buffer. */
    char big[20000];
    snprintf(big, sizeof big, "machine m { state a \"%*s", 19000, "x");
    assert_no_leak(big, false, 1);
}

/* Errors of the checker: unknown names, duplicates, nondeterminism, C-name clashes. */
static void test_memory_check_errors(void **state) {
    (void)state;
    assert_no_leak("machine m {\n"
                   "  initial x\n"
                   "  trigger go trigger go\n"
                   "  state a state b state a state A\n"
                   "  a -> b on go by user\n"
                   "  a -> a on go by user\n"
                   "  a -> c on og by auto\n"
                   "}\n"
                   "machine m { initial a state a }\n",
                   true, 8);
}

/* A doc of many adjacent strings costs memory in proportion to its length: the pieces are
   joined once, not copied again for each piece (which would take 2000 * 100 KB here). */
static void test_memory_long_doc_is_linear(void **state) {
    (void)state;
    enum { PIECES = 2000, PIECE = 100 };
    size_t size = PIECES * (PIECE + 4) + 100;
    char *spec = malloc(size);
    size_t n = (size_t)snprintf(spec, size, "machine m\n");
    for (int i = 0; i < PIECES; i++)
        n += (size_t)snprintf(spec + n, size - n, " \"%0*d\"\n", PIECE, i);
    snprintf(spec + n, size - n, "{ initial a state a a -> a on t by user trigger t }");
    long long before = atomic_load(&requested);
    run r;
    run_spec(&r, spec);
    long long used = atomic_load(&requested) - before;
    assert_true(r.checked);
    assert_int_equal(strlen(r.m.machines[0].doc), PIECES * PIECE);
    assert_true(used < 10 * 1024 * 1024);
    run_end(&r);
    free(spec);
}

/* --- The model ---------------------------------------------------------------------------- */

/* The spec of every construct becomes the machine its text describes: declaration order,
   wildcards expanded (never from a final state, never to the target, minus 'except'),
   transitions sorted by (from, trigger, to), initiator bits, docs concatenated and unescaped. */
static void test_model_every_construct(void **state) {
    (void)state;
    run r;
    run_spec(&r, job);
    assert_true(r.checked);
    assert_int_equal(r.m.machine_count, 1);
    const model_machine *m = &r.m.machines[0];
    assert_string_equal(m->name, "job");
    assert_string_equal(m->doc, "A document sent to a printer.");

    enum { QUEUED, PRINTING, JAMMED, DONE, CANCELLED };
    static const char *const states[] = {"queued", "printing", "jammed", "done", "cancelled"};
    static const char *const persisted[] = {"queued", "printing", "paper jam", "done",
                                            "canceled"};
    assert_int_equal(m->state_count, 5);
    for (uint32_t s = 0; s < 5; s++) {
        assert_string_equal(m->states[s].name, states[s]);
        assert_string_equal(m->states[s].persisted, persisted[s]);
        assert_int_equal(m->states[s].final, s == DONE || s == CANCELLED);
    }
    assert_int_equal(m->initial, QUEUED);
    assert_string_equal(m->states[QUEUED].doc, "Waiting.");
    assert_null(m->states[PRINTING].doc);
    assert_string_equal(m->states[JAMMED].doc, "Stopped until cleared.");
    /* A tab counts as one column. */
    assert_int_equal(m->states[PRINTING].loc.line, 9);
    assert_int_equal(m->states[PRINTING].loc.column, 8);

    enum { START, JAM, FINISH, CANCEL };
    assert_int_equal(m->trigger_count, 4);
    assert_string_equal(m->triggers[JAM].name, "jam");
    assert_string_equal(m->triggers[JAM].doc, "A \"paper jam\"\tstops it.\n");
    assert_null(m->triggers[FINISH].doc);

    static const model_transition want[] = {
        {.from = QUEUED, .trigger = START, .to = PRINTING, .by = AST_AUTO, .doc = NULL},
        {.from = QUEUED, .trigger = CANCEL, .to = CANCELLED, .by = AST_USER | AST_AUTO, .doc = NULL},
        {.from = PRINTING, .trigger = START, .to = QUEUED, .by = AST_SELF, .doc = NULL},
        {.from = PRINTING, .trigger = JAM, .to = JAMMED, .by = AST_SELF, .doc = NULL},
        {.from = PRINTING, .trigger = FINISH, .to = DONE, .by = AST_SELF, .doc = NULL},
        {.from = PRINTING, .trigger = CANCEL, .to = CANCELLED, .by = AST_USER | AST_AUTO, .doc = NULL},
        {.from = JAMMED, .trigger = START, .to = PRINTING, .by = AST_USER, .doc = "Resumed."},
        {.from = JAMMED, .trigger = CANCEL, .to = CANCELLED, .by = AST_USER | AST_AUTO, .doc = NULL},
    };
    static const uint32_t want_lines[] = {13, 17, 18, 15, 16, 17, 14, 17};
    assert_int_equal(m->transition_count, 8);
    for (uint32_t i = 0; i < 8; i++) {
        const model_transition *t = &m->transitions[i];
        assert_int_equal(t->from, want[i].from);
        assert_int_equal(t->trigger, want[i].trigger);
        assert_int_equal(t->to, want[i].to);
        assert_int_equal(t->by, want[i].by);
        if (want[i].doc)
            assert_string_equal(t->doc, want[i].doc);
        else
            assert_null(t->doc);
        assert_int_equal(t->loc.line, want_lines[i]);
    }
    static const uint32_t out[] = {0, 2, 6, 8, 8, 8};
    for (uint32_t s = 0; s <= 5; s++)
        assert_int_equal(m->out[s], out[s]);
    assert_int_equal(m->assert_count, 1);
    assert_int_equal(m->asserts[0].goal.state, DONE);
    run_end(&r);
}

/* Guards and timers: the model holds each guard, each transition's guard, polarity, rank (the
   spec order of its first line) and duration, each state's timer, and model_alternatives gives
   every (state, trigger, initiator) its alternatives in spec order. */
static const char leased[] =
    "machine lease {\n"                                                          /* 1 */
    "  initial held\n"                                                           /* 2 */
    "  guard revoked \"Taken back.\"\n"                                          /* 3 */
    "  guard reachable\n"                                                        /* 4 */
    "  trigger renew trigger expire\n"                                           /* 5 */
    "  state held state suspect final state lapsed\n"                            /* 6 */
    "  held -> held on renew by self\n"                                          /* 7 */
    "  held -> lapsed on expire after 2m by auto when revoked\n"                 /* 8 */
    "  held -> suspect on expire after 120s by auto, user\n"                     /* 9 */
    "  suspect -> held on renew by self, user when reachable\n"                  /* 10 */
    "  suspect -> lapsed on renew by user when not revoked\n"                    /* 11 */
    "  * -> lapsed on renew by user \"Fallback.\"\n"                             /* 12 */
    "  suspect -> lapsed on expire after 1d by auto\n"                           /* 13 */
    "}\n";

static void test_model_guards_and_timers(void **state) {
    (void)state;
    run r;
    run_spec(&r, leased);
    assert_true(r.checked);
    char *tree = dump(r.file);
    assert_non_null(strstr(tree, "after=2m=120000ms@8:28-36 when=revoked@8:50-57"));
    assert_non_null(strstr(tree, "when-not=revoked@11:47-54"));
    free(tree);
    const model_machine *m = &r.m.machines[0];
    enum { HELD, SUSPECT, LAPSED };
    enum { RENEW, EXPIRE };
    enum { REVOKED, REACHABLE };
    assert_int_equal(m->guard_count, 2);
    assert_string_equal(m->guards[REVOKED].name, "revoked");
    assert_string_equal(m->guards[REVOKED].doc, "Taken back.");
    assert_string_equal(m->guards[REACHABLE].name, "reachable");
    assert_null(m->guards[REACHABLE].doc);
    assert_int_equal(m->guards[REACHABLE].loc.line, 4);
    assert_int_equal(m->guards[REACHABLE].loc.column, 9);

    /* Sorted by (from, trigger, to, guard, negated); rank is the spec order of the lines. */
    const uint32_t none = MODEL_NO_GUARD;
    static const struct {
        uint32_t from, trigger, to;
        unsigned by;
        uint32_t guard;
        bool negated;
        uint64_t after_ms;
        const char *after;
        uint32_t line;
    } want[] = {
        {HELD, RENEW, HELD, AST_SELF, UINT32_MAX, false, 0, NULL, 7},
        {HELD, RENEW, LAPSED, AST_USER, UINT32_MAX, false, 0, NULL, 12},
        {HELD, EXPIRE, SUSPECT, AST_AUTO | AST_USER, UINT32_MAX, false, 120000, "120s", 9},
        {HELD, EXPIRE, LAPSED, AST_AUTO, REVOKED, false, 120000, "2m", 8},
        {SUSPECT, RENEW, HELD, AST_SELF | AST_USER, REACHABLE, false, 0, NULL, 10},
        {SUSPECT, RENEW, LAPSED, AST_USER, REVOKED, true, 0, NULL, 11},
        {SUSPECT, RENEW, LAPSED, AST_USER, UINT32_MAX, false, 0, NULL, 12},
        {SUSPECT, EXPIRE, LAPSED, AST_AUTO, UINT32_MAX, false, 86400000, "1d", 13},
    };
    enum { WANT = sizeof want / sizeof want[0] };
    assert_int_equal(m->transition_count, WANT);
    for (uint32_t i = 0; i < WANT; i++) {
        const model_transition *t = &m->transitions[i];
        assert_int_equal(t->from, want[i].from);
        assert_int_equal(t->trigger, want[i].trigger);
        assert_int_equal(t->to, want[i].to);
        assert_int_equal(t->by, want[i].by);
        assert_int_equal(t->guard, want[i].guard == UINT32_MAX ? none : want[i].guard);
        assert_int_equal(t->negated, want[i].negated);
        assert_int_equal(t->after_ms, want[i].after_ms);
        if (want[i].after)
            assert_string_equal(t->after, want[i].after);
        else
            assert_null(t->after);
        assert_int_equal(t->loc.line, want[i].line);
    }
    /* Timers: 2m and 120s are one duration; the final state has none. */
    assert_int_equal(m->states[HELD].after_ms, 120000);
    assert_int_equal(m->states[HELD].timer_trigger, EXPIRE);
    assert_int_equal(m->states[SUSPECT].after_ms, 86400000);
    assert_int_equal(m->states[SUSPECT].timer_trigger, EXPIRE);
    assert_int_equal(m->states[LAPSED].after_ms, 0);

    /* Alternatives in spec order, per initiator. */
    uint32_t alt[8];
    assert_int_equal(model_alternatives(m, HELD, EXPIRE, AST_AUTO, alt), 2);
    assert_int_equal(alt[0], 3); /* line 8: when revoked */
    assert_int_equal(alt[1], 2); /* line 9: the fallback */
    assert_int_equal(model_alternatives(m, HELD, EXPIRE, AST_USER, alt), 1);
    assert_int_equal(alt[0], 2);
    assert_int_equal(model_alternatives(m, SUSPECT, RENEW, AST_USER, alt), 3);
    assert_int_equal(alt[0], 4);
    assert_int_equal(alt[1], 5);
    assert_int_equal(alt[2], 6);
    assert_int_equal(model_alternatives(m, SUSPECT, RENEW, AST_SELF, alt), 1);
    assert_int_equal(model_alternatives(m, SUSPECT, RENEW, AST_AUTO, alt), 0);
    run_end(&r);
}

/* Lines end with LF, CRLF or CR; a column counts characters, not bytes. */
static void test_locations_line_endings_and_utf8(void **state) {
    (void)state;
    run r;
    run_spec(&r, "machine m \"\xc3\xa9t\xc3\xa9 \xe2\x80\x94\" {\r\n initial a\r  state a\n"
                 "\"\xe2\x86\x92\" state b a -> b on t by user trigger t }");
    assert_true(r.checked);
    const model_machine *m = &r.m.machines[0];
    assert_int_equal(m->states[0].loc.line, 3);
    assert_int_equal(m->states[0].loc.column, 9);
    assert_int_equal(m->states[1].loc.line, 4);
    assert_int_equal(m->states[1].loc.column, 11); /* after a 3-byte arrow in a 3-column string */
    assert_string_equal(m->states[0].doc, "\xe2\x86\x92");
    run_end(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_twice_same_tree),
        cmocka_unit_test(test_parse_after_error_starts_clean),
        cmocka_unit_test(test_parse_in_two_threads),
        cmocka_unit_test(test_memory_valid_spec),
        cmocka_unit_test(test_memory_syntax_error),
        cmocka_unit_test(test_memory_lexical_error),
        cmocka_unit_test(test_memory_check_errors),
        cmocka_unit_test(test_memory_long_doc_is_linear),
        cmocka_unit_test(test_model_every_construct),
        cmocka_unit_test(test_model_guards_and_timers),
        cmocka_unit_test(test_locations_line_endings_and_utf8),
        cmocka_unit_test(test_tokens_with_trivia),
        cmocka_unit_test(test_tokens_lexical_error_as_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
