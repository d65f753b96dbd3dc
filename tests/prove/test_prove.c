/*
** Property test of the prover: hundreds of random small machines (seeded, so every run sees the
** same ones), each with random assertions of every form, written as spec text and sent through
** the parser, the checker and the prover. Every verdict, and the length of every path the prover
** prints, is compared with a brute-force answer computed here from the test's own edge list by
** enumerating every walk, without the prover's graph code.
**
** The machines carry guards and timers too. A guard may be true or false at any fire, so a
** guarded edge is an edge for every assertion, and a timed one (always 'by auto') an auto edge:
** the brute force ignores both, and must still agree. With --explain, no deadlock's notes on the
** states kept live only by guarded transitions are compared with a brute force that tries every
** value of the guards on the alternatives in spec order.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "parse.h"
#include "prove.h"

enum {
    MACHINES = 600,
    MAX_STATES = 6,
    MAX_TRIGGERS = 3,
    MAX_EDGES = 12,
    MAX_ASSERTS = 16,
    GUARDS = 2,
    NONE = 1000, /* no walk */
};

static const char *const bit_names[] = {"", "user", "auto", "", "self"};

/* xorshift64*: a small generator whose sequence is the same everywhere. */
static uint64_t rng_state;

static uint32_t rnd(uint32_t n) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 33) % n;
}

typedef struct edge {
    uint32_t from, to;
    unsigned by;
    uint32_t trigger;
    uint32_t guard; /* 0: unguarded; g + 1: 'when [not] g<g>' */
    bool negated;
    uint32_t after_s; /* 0: not timed */
} edge;

/* A place or goal as the test means it. */
typedef enum where { AT_NONE, AT_NAME, AT_ANY, AT_FINAL } where;

typedef struct assertion {
    ast_assert_form form;
    where goal, from;
    uint32_t goal_state, from_state;
    uint32_t subjects[2], subject_count, objects[2], object_count;
    unsigned by; /* 0: not written (every initiator) */
} assertion;

typedef struct machine {
    uint32_t states;
    bool final[MAX_STATES];
    bool has_final;
    edge edges[MAX_EDGES];
    uint32_t edge_count;
    assertion asserts[MAX_ASSERTS];
    uint32_t assert_count;
    /* dist[mask][s][t]: the fewest transitions (one or more) from s to t, or NONE */
    uint32_t dist[8][MAX_STATES][MAX_STATES];
} machine;

/* ---- Brute force: every walk of up to `states` transitions, from every state. ---- */

static void walk(machine *m, unsigned mask, uint32_t start, uint32_t at, uint32_t len) {
    if (len == m->states)
        return;
    for (uint32_t i = 0; i < m->edge_count; i++) {
        const edge *e = &m->edges[i];
        if (e->from != at || !(e->by & mask))
            continue;
        if (len + 1 < m->dist[mask][start][e->to])
            m->dist[mask][start][e->to] = len + 1;
        walk(m, mask, start, e->to, len + 1);
    }
}

static void brute_force(machine *m) {
    for (unsigned mask = 1; mask < 8; mask++)
        for (uint32_t s = 0; s < m->states; s++) {
            for (uint32_t t = 0; t < m->states; t++)
                m->dist[mask][s][t] = NONE;
            walk(m, mask, s, s, 0);
        }
}

static unsigned mask_of(const assertion *as) { return as->by ? as->by : 7; }

/* The states an assertion's paths start from. */
static uint32_t starts_of(const machine *m, const assertion *as, uint32_t *out) {
    if (as->from == AT_NONE) {
        out[0] = 0;
        return 1;
    }
    if (as->from == AT_NAME) {
        out[0] = as->from_state;
        return 1;
    }
    uint32_t n = 0;
    for (uint32_t s = 0; s < m->states; s++)
        if (!m->final[s] && !(as->goal == AT_NAME && s == as->goal_state))
            out[n++] = s;
    return n;
}

static bool in_goal(const machine *m, const assertion *as, uint32_t start, uint32_t t) {
    switch (as->goal) {
    case AT_NAME: return t == as->goal_state;
    case AT_FINAL: return m->final[t];
    case AT_ANY: return t != start;
    case AT_NONE: break;
    }
    return false;
}

/* What the brute force says: whether the assertion holds, and the length of the path the
   prover must show (a failed unreachable or no deadlock: the shortest counterexample; a
   reachable that holds: its witness, see README "Assertions"). */
typedef struct verdict {
    bool holds;
    bool has_path;
    uint32_t path_len;
} verdict;

static verdict decide_reach(const machine *m, const assertion *as) {
    const uint32_t(*dist)[MAX_STATES] = m->dist[mask_of(as)];
    uint32_t starts[MAX_STATES];
    uint32_t n = starts_of(m, as, starts);
    verdict v = {true, false, 0};
    if (as->form == AST_ASSERT_UNREACHABLE) {
        uint32_t best = NONE;
        for (uint32_t i = 0; i < n; i++)
            for (uint32_t t = 0; t < m->states; t++)
                if (in_goal(m, as, starts[i], t) && dist[starts[i]][t] < best)
                    best = dist[starts[i]][t];
        if (best != NONE)
            v = (verdict){false, true, best};
        return v;
    }
    /* reachable: per start, the nearest goal (named, final) or the farthest (every other). */
    uint32_t farthest = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t s = starts[i], need = as->goal == AT_ANY ? 0 : NONE;
        for (uint32_t t = 0; t < m->states; t++) {
            if (!in_goal(m, as, s, t))
                continue;
            if (as->goal == AT_ANY) {
                if (dist[s][t] == NONE)
                    return (verdict){false, false, 0};
                if (dist[s][t] > need)
                    need = dist[s][t];
            } else if (dist[s][t] < need) {
                need = dist[s][t];
            }
        }
        if (need == NONE)
            return (verdict){false, false, 0};
        if (need > farthest)
            farthest = need;
    }
    /* '*' from '*' shows no path. */
    v.has_path = !(as->goal == AT_ANY && as->from == AT_ANY);
    v.path_len = v.has_path ? farthest : 0;
    return v;
}

static verdict decide(const machine *m, const assertion *as) {
    unsigned mask = mask_of(as);
    switch (as->form) {
    case AST_ASSERT_REACHABLE:
    case AST_ASSERT_UNREACHABLE: return decide_reach(m, as);
    case AST_ASSERT_FINAL: return (verdict){m->final[as->subjects[0]], false, 0};
    case AST_ASSERT_ONLY_BY: /* 'from *': a self-loop on the target does not count */
        for (uint32_t i = 0; i < m->edge_count; i++)
            if (m->edges[i].to == as->subjects[0] && (m->edges[i].by & ~as->by) &&
                !(as->from == AT_ANY && m->edges[i].from == as->subjects[0]))
                return (verdict){false, false, 0};
        return (verdict){true, false, 0};
    case AST_ASSERT_ONLY_TO:
        for (uint32_t i = 0; i < m->edge_count; i++) {
            const edge *e = &m->edges[i];
            bool from = false, to = false;
            for (uint32_t j = 0; j < as->subject_count; j++)
                from |= e->from == as->subjects[j];
            for (uint32_t j = 0; j < as->object_count; j++)
                to |= e->to == as->objects[j];
            if (from && (e->by & mask) && !to)
                return (verdict){false, false, 0};
        }
        return (verdict){true, false, 0};
    case AST_ASSERT_NO_DEADLOCK: {
        uint32_t best = NONE;
        for (uint32_t s = 0; s < m->states; s++) {
            uint32_t depth = s == 0 ? 0 : m->dist[mask][0][s];
            if (depth == NONE || m->final[s])
                continue;
            bool way_out = false;
            for (uint32_t i = 0; i < m->edge_count; i++)
                way_out |= m->edges[i].from == s && m->edges[i].to != s && (m->edges[i].by & mask);
            if (!way_out && depth < best)
                best = depth;
        }
        if (best == NONE)
            return (verdict){true, false, 0};
        return (verdict){false, true, best};
    }
    }
    return (verdict){false, false, 0};
}

/* ---- Random machines, as spec text. ---- */

static uint32_t state_other_than(const machine *m, uint32_t not) {
    uint32_t s = rnd(m->states - 1);
    return s >= not ? s + 1 : s;
}

static void random_machine(machine *m) {
    memset(m, 0, sizeof *m);
    m->states = 2 + rnd(MAX_STATES - 1);
    for (uint32_t s = 0; s < m->states; s++) {
        m->final[s] = rnd(s == 0 ? 10 : 4) == 0 && s != 0; /* a final initial state is an error */
        m->has_final |= m->final[s];
    }
    /* Initiator bits of the unguarded edges per (from, trigger): no two may share one, and
       each guard is read once per (from, trigger), so no alternative hides another (the
       guarded ones are written first). A state's timer: one trigger, one duration. */
    unsigned used[MAX_STATES][MAX_TRIGGERS] = {{0}};
    bool guard_used[MAX_STATES][MAX_TRIGGERS][GUARDS] = {{{false}}};
    uint32_t timer_trigger[MAX_STATES];
    for (uint32_t s = 0; s < MAX_STATES; s++)
        timer_trigger[s] = MAX_TRIGGERS;
    uint32_t tries = rnd(2 * m->states + 1);
    for (uint32_t i = 0; i < tries && m->edge_count < MAX_EDGES; i++) {
        uint32_t from = rnd(m->states), trigger = rnd(MAX_TRIGGERS);
        if (m->final[from])
            continue;
        uint32_t guard = rnd(3) == 0 ? 1 + rnd(GUARDS) : 0;
        if (guard && guard_used[from][trigger][guard - 1])
            guard = 0;
        unsigned by = 1 + rnd(7);
        /* A timed edge is by auto; every auto edge of a state's timer trigger is timed. */
        bool timed = timer_trigger[from] == trigger ||
                     (timer_trigger[from] == MAX_TRIGGERS && rnd(4) == 0);
        for (uint32_t j = 0; timed && j < m->edge_count; j++)
            if (m->edges[j].from == from && m->edges[j].by >> 3 == trigger &&
                !m->edges[j].after_s && (m->edges[j].by & 2))
                timed = false; /* an untimed auto edge of this trigger came first */
        if (timed)
            by |= 2;
        else if (timer_trigger[from] == trigger)
            by &= ~2u;
        if (!guard)
            by &= ~used[from][trigger];
        if (!by || (timed && !(by & 2)))
            continue;
        if (timed)
            timer_trigger[from] = trigger;
        if (guard)
            guard_used[from][trigger][guard - 1] = true;
        else
            used[from][trigger] |= by;
        /* The trigger rides along in the by field's upper bits until the text is written. */
        m->edges[m->edge_count++] = (edge){from, rnd(m->states), by | trigger << 3, trigger,
                                           guard, guard && rnd(2), timed ? 1 + from : 0};
    }
    m->assert_count = 1 + rnd(MAX_ASSERTS);
    for (uint32_t i = 0; i < m->assert_count; i++) {
        assertion *as = &m->asserts[i];
        memset(as, 0, sizeof *as);
        as->form = (ast_assert_form)rnd(6);
        as->by = rnd(3) == 0 ? 0 : 1 + rnd(7);
        switch (as->form) {
        case AST_ASSERT_REACHABLE:
        case AST_ASSERT_UNREACHABLE:
            as->goal = (where)(AT_NAME + rnd(m->has_final ? 3 : 2));
            as->goal_state = rnd(m->states);
            as->from = (where)rnd(3);
            as->from_state = rnd(m->states);
            break;
        case AST_ASSERT_FINAL: as->subjects[0] = rnd(m->states); break;
        case AST_ASSERT_ONLY_BY:
            as->subjects[0] = rnd(m->states);
            as->by = 1 + rnd(7);
            as->from = rnd(2) ? AT_ANY : AT_NONE; /* 'from *' */
            break;
        case AST_ASSERT_ONLY_TO:
            as->subject_count = 1 + rnd(2);
            as->object_count = 1 + rnd(2);
            as->subjects[0] = rnd(m->states);
            as->subjects[1] = state_other_than(m, as->subjects[0]);
            as->objects[0] = rnd(m->states);
            as->objects[1] = state_other_than(m, as->objects[0]);
            break;
        case AST_ASSERT_NO_DEADLOCK: break;
        }
    }
}

static size_t put(char *buf, size_t len, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static size_t put(char *buf, size_t len, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < cap - len);
    return len + (size_t)n;
}

static size_t put_by(char *buf, size_t len, size_t cap, unsigned by) {
    const char *sep = "";
    for (unsigned bit = 1; bit <= 4; bit <<= 1)
        if (by & bit) {
            len = put(buf, len, cap, "%s%s", sep, bit_names[bit]);
            sep = ", ";
        }
    return len;
}

static const char *place_text(where w, uint32_t s, char *tmp) {
    switch (w) {
    case AT_NAME: sprintf(tmp, "s%u", s); return tmp;
    case AT_ANY: return "*";
    case AT_FINAL: return "final";
    case AT_NONE: break;
    }
    return "";
}

/* Writes m as a spec and strips the triggers from the edges' by fields. */
static size_t spec_text(machine *m, char *buf, size_t cap) {
    size_t len = put(buf, 0, cap, "machine random {\n    initial s0\n");
    for (uint32_t t = 0; t < MAX_TRIGGERS; t++)
        len = put(buf, len, cap, "    trigger t%u\n", t);
    for (uint32_t s = 0; s < m->states; s++)
        len = put(buf, len, cap, "    %sstate s%u\n", m->final[s] ? "final " : "", s);
    for (uint32_t g = 0; g < GUARDS; g++)
        len = put(buf, len, cap, "    guard g%u\n", g);
    /* Spec order, which is the order alternatives are tried in: the guarded edges first. */
    edge ordered[MAX_EDGES];
    uint32_t n = 0;
    for (int guarded = 1; guarded >= 0; guarded--)
        for (uint32_t i = 0; i < m->edge_count; i++)
            if ((m->edges[i].guard != 0) == guarded)
                ordered[n++] = m->edges[i];
    memcpy(m->edges, ordered, n * sizeof *ordered);
    for (uint32_t i = 0; i < m->edge_count; i++) {
        edge *e = &m->edges[i];
        len = put(buf, len, cap, "    s%u -> s%u on t%u", e->from, e->to, e->by >> 3);
        if (e->after_s)
            len = put(buf, len, cap, " after %us", e->after_s);
        len = put(buf, len, cap, " by ");
        e->trigger = e->by >> 3;
        e->by &= 7;
        len = put_by(buf, len, cap, e->by);
        if (e->guard)
            len = put(buf, len, cap, " when %sg%u", e->negated ? "not " : "", e->guard - 1);
        len = put(buf, len, cap, "\n");
    }
    char a[16], b[16];
    for (uint32_t i = 0; i < m->assert_count; i++) {
        const assertion *as = &m->asserts[i];
        len = put(buf, len, cap, "    assert ");
        switch (as->form) {
        case AST_ASSERT_REACHABLE:
        case AST_ASSERT_UNREACHABLE:
            len = put(buf, len, cap, "%s %s%s%s",
                      as->form == AST_ASSERT_REACHABLE ? "reachable" : "unreachable",
                      place_text(as->goal, as->goal_state, a), as->from ? " from " : "",
                      place_text(as->from, as->from_state, b));
            break;
        case AST_ASSERT_FINAL: len = put(buf, len, cap, "final s%u", as->subjects[0]); break;
        case AST_ASSERT_ONLY_BY:
            len = put(buf, len, cap, "only ");
            len = put_by(buf, len, cap, as->by);
            len = put(buf, len, cap, " -> s%u%s", as->subjects[0],
                      as->from == AT_ANY ? " from *" : "");
            break;
        case AST_ASSERT_ONLY_TO:
            len = put(buf, len, cap, "s%u", as->subjects[0]);
            if (as->subject_count == 2)
                len = put(buf, len, cap, ", s%u", as->subjects[1]);
            len = put(buf, len, cap, " -> only s%u", as->objects[0]);
            if (as->object_count == 2)
                len = put(buf, len, cap, ", s%u", as->objects[1]);
            break;
        case AST_ASSERT_NO_DEADLOCK: len = put(buf, len, cap, "no deadlock"); break;
        }
        if (as->by && as->form != AST_ASSERT_ONLY_BY && as->form != AST_ASSERT_FINAL) {
            len = put(buf, len, cap, " by ");
            len = put_by(buf, len, cap, as->by);
        }
        len = put(buf, len, cap, "\n");
    }
    return put(buf, len, cap, "}\n");
}

/* ---- The comparison. ---- */

/* A path the prover printed: a chain from proof.start along transitions open to mask. Returns
   the state it ends in. */
static uint32_t follow(const model_machine *mm, const model_proof *pr, unsigned mask) {
    uint32_t at = pr->start;
    for (uint32_t i = 0; i < pr->path_len; i++) {
        const model_transition *t = &mm->transitions[pr->path[i]];
        assert_int_equal(t->from, at);
        assert_true(t->by & mask);
        at = t->to;
    }
    return at;
}

typedef struct tally {
    uint32_t seen[6][2];     /* per form: failed, held */
    uint32_t only_from_any[2]; /* 'only I -> X from *': failed, held */
    uint32_t loops_only;       /* 'only I -> X from *' that holds only as self-loops are left out */
    uint32_t paths;
    uint32_t guarded, timed, kept_live; /* edges; notes of no deadlock */
} tally;

/* Whether s has a way out under mask when guard g holds iff bit g of values is set: in each
   (trigger, initiator) the first edge in spec order whose guard holds is taken. */
static bool leaves(const machine *m, uint32_t s, unsigned mask, unsigned values) {
    for (uint32_t t = 0; t < MAX_TRIGGERS; t++)
        for (unsigned bit = 1; bit <= 4; bit <<= 1) {
            if (!(bit & mask))
                continue;
            for (uint32_t i = 0; i < m->edge_count; i++) {
                const edge *e = &m->edges[i];
                if (e->from != s || e->trigger != t || !(e->by & bit))
                    continue;
                if (e->guard && (((values >> (e->guard - 1)) & 1u) != 0) == e->negated)
                    continue;
                if (e->to != s)
                    return true;
                break;
            }
        }
    return false;
}

/* The notes no deadlock (holding, under --explain) must print: one per state it reaches that
   some value of the guards shuts. */
static uint32_t kept_live_notes(const machine *m) {
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->assert_count; i++) {
        const assertion *as = &m->asserts[i];
        unsigned mask = mask_of(as);
        if (as->form != AST_ASSERT_NO_DEADLOCK || !decide(m, as).holds)
            continue;
        for (uint32_t s = 0; s < m->states; s++) {
            if (m->final[s] || (s != 0 && m->dist[mask][0][s] == NONE))
                continue;
            for (unsigned values = 0; values < 1u << GUARDS; values++)
                if (!leaves(m, s, mask, values)) {
                    n++;
                    break;
                }
        }
    }
    return n;
}

/* The lines of f (rewound) that contain what. */
static uint32_t count_lines(FILE *f, const char *what) {
    char line[1024];
    uint32_t n = 0;
    rewind(f);
    while (fgets(line, sizeof line, f))
        n += strstr(line, what) != NULL;
    return n;
}

static void check_machine(machine *m, const char *text, bool paths, tally *tl) {
    arena a = {0};
    FILE *sink = tmpfile();
    assert_non_null(sink);
    diag d;
    diag_init(&d, sink);
    source *src = source_from_bytes(&a, "random.transit", text, strlen(text));
    ast_file *f = dsl_parse(&a, &d, src);
    if (!f)
        fail_msg("does not parse:\n%s", text);
    model mo;
    if (!check_files(&a, &d, &f, 1, &mo))
        fail_msg("does not check:\n%s", text);
    prove_model(&a, &d, &mo, false);
    const model_machine *mm = &mo.machines[0];
    assert_int_equal(mm->assert_count, m->assert_count);
    for (uint32_t i = 0; i < m->assert_count; i++) {
        const assertion *as = &m->asserts[i];
        const model_proof *pr = &mm->asserts[i].proof;
        verdict v = decide(m, as);
        if (pr->holds != v.holds)
            fail_msg("assertion %u (%s): prover says %s, brute force %s\n%s", i + 1,
                     mm->asserts[i].text, pr->holds ? "holds" : "fails",
                     v.holds ? "holds" : "fails", text);
        tl->seen[as->form][v.holds]++;
        if (as->form == AST_ASSERT_ONLY_BY && as->from == AT_ANY) {
            assertion plain = *as;
            plain.from = AT_NONE;
            tl->only_from_any[v.holds]++;
            tl->loops_only += v.holds && !decide(m, &plain).holds;
        }
        if (!paths || !v.has_path)
            continue;
        if (pr->path_len != v.path_len)
            fail_msg("assertion %u (%s): path of %u, brute force %u\n%s", i + 1,
                     mm->asserts[i].text, pr->path_len, v.path_len, text);
        uint32_t end = follow(mm, pr, mask_of(as));
        if (as->form == AST_ASSERT_NO_DEADLOCK) {
            assert_int_equal(pr->start, 0);
            assert_false(m->final[end]);
            for (uint32_t j = 0; j < m->edge_count; j++)
                assert_false(m->edges[j].from == end && m->edges[j].to != end &&
                             (m->edges[j].by & mask_of(as)));
        } else if (v.path_len > 0) {
            uint32_t starts[MAX_STATES], n = starts_of(m, as, starts);
            bool start_ok = false;
            for (uint32_t j = 0; j < n; j++)
                start_ok |= starts[j] == pr->start;
            assert_true(start_ok);
            assert_true(in_goal(m, as, pr->start, end));
        }
        tl->paths++;
    }
    for (uint32_t i = 0; i < m->edge_count; i++) {
        tl->guarded += m->edges[i].guard != 0;
        tl->timed += m->edges[i].after_s != 0;
    }
    /* Again with --explain, into a fresh sink: the notes on guarded liveness. */
    FILE *explained = tmpfile();
    assert_non_null(explained);
    diag_init(&d, explained);
    prove_model(&a, &d, &mo, true);
    uint32_t want = kept_live_notes(m);
    uint32_t got = count_lines(explained, "is kept live only by guarded transitions");
    if (got != want)
        fail_msg("%u notes on states kept live by guards, brute force %u\n%s", got, want, text);
    tl->kept_live += want;
    fclose(explained);
    fclose(sink);
    arena_free(&a);
}

static void run(bool paths) {
    rng_state = 0x7472616e736974ULL; /* "transit" */
    tally tl = {0};
    static char text[8192];
    for (int i = 0; i < MACHINES; i++) {
        machine m;
        random_machine(&m);
        spec_text(&m, text, sizeof text);
        brute_force(&m);
        check_machine(&m, text, paths, &tl);
    }
    /* The random machines must exercise every form both ways, or the test proves little. */
    for (int form = 0; form < 6; form++) {
        assert_true(tl.seen[form][0] > 10);
        assert_true(tl.seen[form][1] > 10);
    }
    assert_true(tl.only_from_any[0] > 10);
    assert_true(tl.only_from_any[1] > 10);
    assert_true(tl.loops_only > 10); /* where 'from *' and the plain form part */
    if (paths)
        assert_true(tl.paths > 500);
    assert_true(tl.guarded > 300);
    assert_true(tl.timed > 100);
    assert_true(tl.kept_live > 20);
}

static void test_prove_verdicts_match_brute_force(void **state) {
    (void)state;
    run(false);
}

static void test_prove_paths_are_shortest(void **state) {
    (void)state;
    run(true);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prove_verdicts_match_brute_force),
        cmocka_unit_test(test_prove_paths_are_shortest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
