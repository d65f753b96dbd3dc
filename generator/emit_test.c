/*
** Test emitter: MACHINE_test.c, a self-contained cmocka program that checks a machine's generated
** code against the spec. Every expected outcome is literal data computed here from the checked
** model; the test never reads an expectation back from the tables under test.
** A (state, trigger, initiator) whose alternatives ask n guards is fired under all 2^n
** assignments of them when n <= 8, else under the n + 1 prefix assignments (the guards asked
** before position p fail their first alternative, the rest make it hold: every alternative
** taken once, then the fallback or guard failed): the rule of the Go and TypeScript tests too,
** lang.h's LANG_ALL_ASSIGNMENTS. The test answers each guard question in constant time.
*/
#include <stdlib.h>
#include <string.h>

#include "cnames.h"
#include "emit.h"
#include "escape.h"
#include "graph.h"
#include "lang.h"

enum { NO_TRANSITION = -1, NOT_PERMITTED = -2, GUARD_FAILED = -3, GUARDED = -4 };

/* A (state, trigger, initiator) whose outcome depends on guards: its alternatives and the guards
   they ask (lang_choice), its outcome under each assignment the test fires it under (the state
   reached or GUARD_FAILED), and the state its first alternative leads to. */
typedef struct guarded_triple {
    uint32_t state, trigger, slot;
    lang_choice choice;
    int32_t *outcomes; /* [choice.assignments] */
    uint32_t taken_first;
} guarded_triple;

/* What the spec says about every (state, trigger, initiator), and the walks the test takes. */
typedef struct expect {
    uint32_t ns, nt;
    int32_t *outcome; /* [ns * nt * 3]: the state reached, NO_TRANSITION, NOT_PERMITTED, or
                         GUARDED - i for guarded[i] */
    guarded_triple *guarded;
    uint32_t guarded_count;
    uint32_t *alt_at; /* [transition * 3 + slot]: its place among its guarded triple's alternatives */
    /* Walks as (trigger, initiator slot, state reached) steps: a path to each state, a tour. */
    /* The shortest paths from the initial state as a tree: per state, its depth (-1: not
       reachable), the state before it and the step into it (trigger, slot). */
    int32_t *path_depth, *path_from;
    uint32_t *path_trigger, *path_slot;
    int32_t *path_guards; /* [state_count * 2]: the guard answers of the step into each */
    uint32_t *tour_steps, tour_len;
    uint32_t *tour_first, tour_walks; /* [tour_walks + 1] */
    uint32_t toured, acceptable;      /* accepted triples the tour fires, and of all */
} expect;

static int32_t *cell(const expect *x, uint32_t s, uint32_t t) {
    return &x->outcome[((size_t)s * x->nt + t) * 3];
}

/* Fills the outcome of every triple from the model's transitions: a cell some transition uses is
   NOT_PERMITTED for the initiators none of them names; a choice among alternatives that asks a
   guard is GUARDED, its outcomes listed under every assignment of the guards it asks that the
   test fires it under (lang.h: all of them for a few guards, else the prefix ones). */
static void outcomes(arena *a, const model_machine *m, expect *x) {
    x->ns = m->state_count;
    x->nt = m->trigger_count;
    size_t n = (size_t)x->ns * x->nt * 3;
    x->outcome = arena_array(a, n ? n : 1, sizeof *x->outcome);
    x->guarded = arena_array(a, (size_t)m->transition_count * 3 + 1, sizeof *x->guarded);
    x->alt_at = arena_array(a, (size_t)m->transition_count * 3 + 1, sizeof *x->alt_at);
    x->guarded_count = 0;
    for (size_t i = 0; i < n; i++)
        x->outcome[i] = NO_TRANSITION;
    for (uint32_t e = 0; e < m->transition_count; e++) {
        const model_transition *tr = &m->transitions[e];
        int32_t *c = cell(x, tr->from, tr->trigger);
        for (unsigned k = 0; k < 3; k++)
            if (c[k] == NO_TRANSITION)
                c[k] = NOT_PERMITTED;
    }
    lang_choices cs;
    lang_choices_init(&cs, a, m);
    for (uint32_t e = 0; e < m->transition_count; e++) {
        const model_transition *tr = &m->transitions[e];
        int32_t *c = cell(x, tr->from, tr->trigger);
        for (unsigned k = 0; k < 3; k++) {
            if (!(tr->by & (1u << k)) || c[k] >= 0 || c[k] <= GUARDED)
                continue; /* not this initiator's, or decided from an earlier edge */
            guarded_triple *g = &x->guarded[x->guarded_count];
            *g = (guarded_triple){.state = tr->from, .trigger = tr->trigger, .slot = k};
            if (!lang_choice_make(&cs, tr->from, tr->trigger, 1u << k, &g->choice)) {
                c[k] = (int32_t)m->transitions[g->choice.alts[0]].to; /* one, unguarded */
                continue;
            }
            for (uint32_t i = 0; i < g->choice.alt_count; i++)
                x->alt_at[(size_t)g->choice.alts[i] * 3 + k] = i;
            g->outcomes = arena_array(a, g->choice.assignments, sizeof *g->outcomes);
            for (uint32_t v = 0; v < g->choice.assignments; v++) {
                uint32_t to;
                lang_assignment as = lang_choice_assignment(&g->choice, v);
                g->outcomes[v] = lang_choice_decide(m, &g->choice, as, &to) == LANG_OK
                                     ? (int32_t)to
                                     : GUARD_FAILED;
            }
            lang_choice_decide(m, &g->choice, lang_choice_taking(&g->choice, 0), &g->taken_first);
            c[k] = GUARDED - (int32_t)x->guarded_count++;
        }
    }
}

/* The guard answers that make the alternative e the one taken by initiator slot k: the guarded
   triple (-1 when its choice asks no guard) and the prefix assignment that takes e, every guard
   asked before it failing (lang_choice_taking). */
static void answers_for(const model_machine *m, const expect *x, uint32_t e, uint32_t k,
                        int32_t *triple, int32_t *prefix) {
    const model_transition *tr = &m->transitions[e];
    int32_t c = cell(x, tr->from, tr->trigger)[k];
    *triple = -1;
    *prefix = 0;
    if (c <= GUARDED) {
        const guarded_triple *g = &x->guarded[GUARDED - c];
        *triple = GUARDED - c;
        *prefix = (int32_t)lang_choice_taking(&g->choice, x->alt_at[(size_t)e * 3 + k]).v;
    }
}

/* A growing array of steps. */
typedef struct steps {
    uint32_t *v;
    uint32_t len, cap;
} steps;

/* Values per step: trigger, initiator slot, state reached, and the guard answers it needs (the
   guarded triple, -1 for none, and the prefix assignment: answers_for). */
enum { STEP = 5 };

static void step(steps *w, uint32_t trigger, uint32_t slot, uint32_t to) {
    if (w->len + STEP > w->cap) {
        w->cap = w->cap ? w->cap * 2 : 80;
        w->v = xrealloc(w->v, w->cap * sizeof *w->v);
    }
    w->v[w->len++] = trigger;
    w->v[w->len++] = slot;
    w->v[w->len++] = to;
    w->v[w->len++] = UINT32_MAX;
    w->v[w->len++] = 0;
}

/* A step along transition e by initiator slot k, with the guard answers that take it. */
static void step_edge(const model_machine *m, const expect *x, steps *w, uint32_t e, uint32_t k) {
    const model_transition *tr = &m->transitions[e];
    int32_t triple, prefix;
    step(w, tr->trigger, k, tr->to);
    answers_for(m, x, e, k, &triple, &prefix);
    w->v[w->len - 2] = (uint32_t)triple;
    w->v[w->len - 1] = (uint32_t)prefix;
}

static uint32_t lowest_slot(unsigned by) { return by & 1u ? 0 : by & 2u ? 1 : 2; }

/* Copies a growing array into the arena (so the emitter frees nothing later). */
static uint32_t *keep(arena *a, steps *w) {
    uint32_t *v = arena_array(a, w->len ? w->len : 1, sizeof *v);
    if (w->len)
        memcpy(v, w->v, w->len * sizeof *v);
    free(w->v);
    return v;
}

/* A shortest path from the initial state to every reachable state (any initiator), as the
   search's tree: linear in the machine, however long the paths. */
static void paths(arena *a, const model_machine *m, graph *g, expect *x) {
    graph_walk w;
    graph_walk_init(g, a, &w);
    graph_search(g, &w, &m->initial, 1, 7u, false, false);
    x->path_depth = arena_array(a, m->state_count + 1, sizeof *x->path_depth);
    x->path_from = arena_array(a, m->state_count + 1, sizeof *x->path_from);
    x->path_trigger = arena_array(a, m->state_count + 1, sizeof *x->path_trigger);
    x->path_slot = arena_array(a, m->state_count + 1, sizeof *x->path_slot);
    x->path_guards = arena_array(a, (size_t)m->state_count * 2 + 1, sizeof *x->path_guards);
    for (uint32_t s = 0; s < m->state_count; s++) {
        x->path_depth[s] = graph_reached(&w, s) ? (int32_t)w.depth[s] : -1;
        x->path_from[s] = (int32_t)s;
        x->path_guards[s * 2] = -1;
        if (graph_reached(&w, s) && w.via[s] != GRAPH_NONE) {
            const model_transition *tr = &m->transitions[w.via[s]];
            x->path_from[s] = (int32_t)tr->from;
            x->path_trigger[s] = tr->trigger;
            x->path_slot[s] = lowest_slot(tr->by);
            answers_for(m, x, w.via[s], x->path_slot[s], &x->path_guards[s * 2],
                        &x->path_guards[s * 2 + 1]);
        }
    }
}

/* Walks from the initial state that together fire every accepted (state, trigger, initiator)
   reachable from it: greedily to the nearest state with a triple not yet fired, then that
   triple; a new walk when none is left within reach. */
static void tour(arena *a, const model_machine *m, graph *g, expect *x) {
    uint32_t ns = m->state_count, nt = m->trigger_count;
    bool *done = arena_array(a, (size_t)ns * nt * 3 + 1, sizeof *done);
    uint32_t *left = arena_array(a, ns, sizeof *left); /* triples not yet fired, per state */
    graph_walk from_initial, w;
    graph_walk_init(g, a, &from_initial);
    graph_walk_init(g, a, &w);
    graph_search(g, &from_initial, &m->initial, 1, 7u, false, false);
    x->acceptable = 0;
    for (uint32_t s = 0; s < ns; s++)
        for (uint32_t i = 0; i < nt * 3; i++)
            if (cell(x, s, i / 3)[i % 3] >= 0) {
                x->acceptable++;
                if (graph_reached(&from_initial, s))
                    left[s]++;
            }
    steps all = {0}, walks = {0};
    uint32_t *path = arena_array(a, ns, sizeof *path);
    uint32_t here = ns; /* no walk under way */
    x->toured = 0;
    for (;;) {
        if (here == ns) {
            here = m->initial;
            if (walks.len + 1 > walks.cap) {
                walks.cap = walks.cap ? walks.cap * 2 : 16;
                walks.v = xrealloc(walks.v, walks.cap * sizeof *walks.v);
            }
            walks.v[walks.len++] = all.len / STEP;
        }
        /* The nearest state with a triple left, from here: here itself needs no search. */
        uint32_t best = left[here] ? here : ns;
        if (best == ns) {
            graph_search(g, &w, &here, 1, 7u, false, false);
            for (uint32_t s = 0; s < ns; s++)
                if (left[s] && graph_reached(&w, s) && (best == ns || w.depth[s] < w.depth[best]))
                    best = s;
        }
        if (best == ns) {
            bool any = false;
            for (uint32_t s = 0; s < ns && !any; s++)
                any = left[s] > 0;
            if (!any || here == m->initial)
                break;
            here = ns; /* stuck: start again from the initial state */
            continue;
        }
        uint32_t len = best == here ? 0 : graph_path(g, &w, best, false, path);
        for (uint32_t i = 0; i < len; i++) {
            const model_transition *tr = &m->transitions[path[i]];
            uint32_t k = lowest_slot(tr->by);
            step_edge(m, x, &all, path[i], k);
            size_t id = ((size_t)tr->from * nt + tr->trigger) * 3 + k;
            if (!done[id] && cell(x, tr->from, tr->trigger)[k] >= 0) {
                done[id] = true;
                left[tr->from]--;
                x->toured++;
            }
        }
        for (uint32_t i = 0; i < nt * 3; i++) {
            int32_t to = cell(x, best, i / 3)[i % 3];
            size_t id = ((size_t)best * nt + i / 3) * 3 + i % 3;
            if (to >= 0 && !done[id]) {
                done[id] = true;
                left[best]--;
                x->toured++;
                step(&all, i / 3, i % 3, (uint32_t)to);
                here = (uint32_t)to;
                break;
            }
        }
    }
    /* A walk that fired nothing is dropped. */
    if (walks.len && walks.v[walks.len - 1] == all.len / STEP)
        walks.len--;
    x->tour_walks = walks.len;
    if (walks.len + 1 > walks.cap) {
        walks.cap = walks.len + 1;
        walks.v = xrealloc(walks.v, walks.cap * sizeof *walks.v);
    }
    walks.v[walks.len++] = all.len / STEP;
    x->tour_len = all.len / STEP;
    x->tour_steps = keep(a, &all);
    x->tour_first = keep(a, &walks);
}

/* A name no state, trigger or guard of m has, identifier or persisted. */
static const char *unknown_name(arena *a, const model_machine *m) {
    char *name = arena_strdup(a, "no_such_name");
    for (;;) {
        bool taken = false;
        for (uint32_t s = 0; s < m->state_count && !taken; s++)
            taken = !strcmp(name, m->states[s].name) || !strcmp(name, m->states[s].persisted);
        for (uint32_t t = 0; t < m->trigger_count && !taken; t++)
            taken = !strcmp(name, m->triggers[t].name);
        for (uint32_t g = 0; g < m->guard_count && !taken; g++)
            taken = !strcmp(name, m->guards[g].name);
        if (!taken)
            return name;
        name = arena_printf(a, "%s_", name);
    }
}

/* ---- Writing the test ---- */

static void c_string(out *o, const char *s) {
    out_puts(o, "\"");
    escape_c_string(o, s);
    out_puts(o, "\"");
}

static void comment(out *o, const char *s) {
    out_puts(o, "/* ");
    escape_c_comment(o, s, "   ");
    out_puts(o, " */");
}

/* What comes before item i of a list of numbers, 16 a line. */
static const char *separator(uint32_t i) {
    return i == 0 ? "\n    " : i % 16 ? ", " : ",\n    ";
}

static void steps_array(out *o, const char *name, const uint32_t *v, uint32_t n,
                        const model_machine *m) {
    static const char *const slot_names[3] = {"user", "auto", "self"};
    out_printf(o, "static const walk_step %s[%u] = {\n", name, n ? n : 1);
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t *p = &v[i * STEP];
        out_printf(o, "    {%u, %u, %u, %d, %d}, /* %s by %s -> %s%s */\n", p[0], p[1], p[2],
                   (int)p[3], (int)p[4], m->triggers[p[0]].name, slot_names[p[1]],
                   m->states[p[2]].name, p[3] != UINT32_MAX ? ", guards answered" : "");
    }
    if (!n)
        out_puts(o, "    {0, 0, 0, -1, 0} /* none */\n");
    out_puts(o, "};\n\n");
}


/* The test's own code after the data: the same for every machine. It names nothing the generated
   header declares (MACHINE_..., M_STATE_..., M_TRIGGER_...), so no machine can clash with it. */
static const char *const test_code[] = {
    "/* Who fires: the initiator slots of the tables above (0 user, 1 auto, 2 self). */\n",
    "static const transit_initiator initiator_values[3] = {TRANSIT_USER, TRANSIT_AUTO, TRANSIT_SELF};\n",
    "static const char *const initiator_names[3] = {\"user\", \"auto\", \"self\"};\n",
    "\n",
    "/* The tables under test: the generated ones, or a mutant's given to the run function. */\n",
    "static const transit_machine *subject;\n",
    "\n",
    "/* A value a message leaves out (a test about a state names no trigger). */\n",
    "enum { NA = INT_MIN };\n",
    "\n",
    "/* Mismatches the running test has found; the first REPORT_LIMIT are printed. */\n",
    "enum { REPORT_LIMIT = 20 };\n",
    "static int mismatches;\n",
    "\n",
    "static void describe(char *buf, size_t size, const char *const *names, int count, int value) {\n",
    "    if (value == NA)\n",
    "        (void)snprintf(buf, size, \"-\");\n",
    "    else if (value >= 0 && value < count)\n",
    "        (void)snprintf(buf, size, \"'%s'\", names[value]);\n",
    "    else\n",
    "        (void)snprintf(buf, size, \"%d (out of range)\", value);\n",
    "}\n",
    "\n",
    "static void describe_initiator(char *buf, size_t size, int initiator) {\n",
    "    for (int k = 0; k < 3; k++)\n",
    "        if (initiator == (int)initiator_values[k]) {\n",
    "            (void)snprintf(buf, size, \"%s\", initiator_names[k]);\n",
    "            return;\n",
    "        }\n",
    "    describe(buf, size, initiator_names, 0, initiator);\n",
    "}\n",
    "\n",
    "/* Records one mismatch: where (state, trigger and initiator, NA when not part of the case), what\n",
    "   the spec expects and what happened. */\n",
    "static void mismatch(const char *test, int state, int trigger, int initiator, const char *expected,\n",
    "                     const char *actual) {\n",
    "    char s[80], t[80], i[40];\n",
    "    if (++mismatches > REPORT_LIMIT)\n",
    "        return;\n",
    "    describe(s, sizeof s, spec_state_ids, STATE_COUNT, state);\n",
    "    describe(t, sizeof t, spec_trigger_ids, TRIGGER_COUNT, trigger);\n",
    "    describe_initiator(i, sizeof i, initiator);\n",
    "    print_error(\"%s: state %s, trigger %s, initiator %s: expected %s, got %s\\n\", test, s, t, i,\n",
    "                expected, actual);\n",
    "}\n",
    "\n",
    "/* Fails the running test if it found any mismatch. */\n",
    "static void finish(const char *test) {\n",
    "    if (mismatches == 0)\n",
    "        return;\n",
    "    print_error(\"%s: %d mismatch%s\\n\", test, mismatches, mismatches == 1 ? \"\" : \"es\");\n",
    "    mismatches = 0;\n",
    "    fail();\n",
    "}\n",
    "\n",
    "/* \"ok in 'registered'\" */\n",
    "static void describe_outcome(char *buf, size_t size, transit_result result, int state) {\n",
    "    char s[80];\n",
    "    describe(s, sizeof s, spec_state_ids, STATE_COUNT, state);\n",
    "    (void)snprintf(buf, size, \"%s in %s\", transit_result_string(result), s);\n",
    "}\n",
    "\n",
    "static transit_result expected_result(int outcome) {\n",
    "    return outcome == NO ? TRANSIT_NO_TRANSITION\n",
    "           : outcome == NP ? TRANSIT_NOT_PERMITTED\n",
    "           : outcome == GF ? TRANSIT_GUARD_FAILED\n",
    "                           : TRANSIT_OK;\n",
    "}\n",
    "\n",
    "/* ---- Guards ---- */\n",
    "\n",
    "/* What the test's guard callback answers: the guards guarded_triples[triple] asks (none\n",
    "   when triple is -1) under one assignment of them, v: when prefix is 0, the guard at\n",
    "   position i holds when bit i of v is set; when it is 1, the guards at positions before v\n",
    "   answer what makes the first alternative asking them fail, those from v on what makes it\n",
    "   hold. It counts as stray any question about another guard or another fire than (state,\n",
    "   trigger, by). */\n",
    "typedef struct guard_answers {\n",
    "    int triple, prefix, v;\n",
    "    int state, trigger;\n",
    "    transit_initiator by;\n",
    "    int asked, stray;\n",
    "} guard_answers;\n",
    "\n",
    "/* 1 + the position of each guard among the guards of guarded_triples[placed] (0: not one of\n",
    "   them), so that a question is answered in constant time however many guards it asks. */\n",
    "static int guard_position[GUARD_DIM];\n",
    "static int placed = -1;\n",
    "\n",
    "static void place_guards(int triple) {\n",
    "    if (triple == placed)\n",
    "        return;\n",
    "    for (int i = 0; placed >= 0 && i < guarded_triples[placed].guard_count; i++) {\n",
    "        int guard = guarded_guards[guarded_triples[placed].first_guard + i];\n",
    "        if (guard >= 0 && guard < GUARD_DIM) /* always: the bounds are for the compiler */\n",
    "            guard_position[guard] = 0;\n",
    "    }\n",
    "    for (int i = 0; triple >= 0 && i < guarded_triples[triple].guard_count; i++) {\n",
    "        int guard = guarded_guards[guarded_triples[triple].first_guard + i];\n",
    "        if (guard >= 0 && guard < GUARD_DIM)\n",
    "            guard_position[guard] = i + 1;\n",
    "    }\n",
    "    placed = triple;\n",
    "}\n",
    "\n",
    "static int answer_guard(void *context, const transit_instance *inst, int guard,\n",
    "                        const transit_event *event) {\n",
    "    guard_answers *g = (guard_answers *)context;\n",
    "    (void)inst;\n",
    "    g->asked++;\n",
    "    if (event->from != g->state || event->trigger != g->trigger || event->initiator != g->by)\n",
    "        g->stray++;\n",
    "    place_guards(g->triple);\n",
    "    int i = g->triple >= 0 && guard >= 0 && guard < GUARD_DIM ? guard_position[guard] - 1 : -1;\n",
    "    if (i < 0) {\n",
    "        g->stray++;\n",
    "        return 0;\n",
    "    }\n",
    "    if (!g->prefix)\n",
    "        return (int)(((unsigned)g->v >> i) & 1u);\n",
    "    int holding = guarded_holding[guarded_triples[g->triple].first_guard + i];\n",
    "    return i >= g->v ? holding : !holding;\n",
    "}\n",
    "\n",
    "/* Answers for guarded_triples[i] under assignment v (a prefix one when prefix is 1). */\n",
    "static guard_answers triple_answers(int i, int prefix, int v) {\n",
    "    const guarded_triple *g = &guarded_triples[i];\n",
    "    guard_answers a = {i, prefix, v, g->state, g->trigger, initiator_values[g->slot], 0, 0};\n",
    "    return a;\n",
    "}\n",
    "\n",
    "/* \"bits 0x5\" or \"prefix 3\": an assignment, for messages. */\n",
    "static void describe_answers(char *buf, size_t size, const guard_answers *a) {\n",
    "    if (a->prefix)\n",
    "        (void)snprintf(buf, size, \"prefix %d\", a->v);\n",
    "    else\n",
    "        (void)snprintf(buf, size, \"bits %#x\", (unsigned)a->v);\n",
    "}\n",
    "\n",
    "/* A fresh instance of the machine under test in state s (its initial state when s is NA). */\n",
    "static int fresh(transit_instance *inst, int s, const char *test) {\n",
    "    transit_result r = transit_init(inst, subject);\n",
    "    if (r == TRANSIT_OK && s != NA)\n",
    "        r = transit_restore(inst, s);\n",
    "    if (r != TRANSIT_OK) {\n",
    "        char got[80];\n",
    "        (void)snprintf(got, sizeof got, \"%s\", transit_result_string(r));\n",
    "        mismatch(test, s, NA, NA, \"ok from transit_init and transit_restore\", got);\n",
    "        return 0;\n",
    "    }\n",
    "    return 1;\n",
    "}\n",
    "\n",
    "/* A function that fires a trigger with transit_fire's contract: transit_fire itself, or a\n",
    "   generated fast path checked over the same triples. */\n",
    "typedef transit_result fire_fn(transit_instance *inst, int trigger, transit_initiator initiator);\n",
    "\n",
    "/* Fires the guarded triple i with fire: without a guard callback (no guard callback), then,\n",
    "   when fire asks guards, under each assignment of the guards it asks the table lists (all of\n",
    "   them, or the prefix ones for many guards), comparing result and state with the spec's. A\n",
    "   fire that asks none (the compact form) answers no guard callback. */\n",
    "static void check_guarded(const char *test, fire_fn *fire, int i, int asks) {\n",
    "    char want[300], got[300];\n",
    "    transit_instance inst;\n",
    "    const guarded_triple *g = &guarded_triples[i];\n",
    "    int s = g->state, t = g->trigger;\n",
    "    transit_initiator by = initiator_values[g->slot];\n",
    "    if (!fresh(&inst, s, test))\n",
    "        return;\n",
    "    transit_result r = fire(&inst, t, by);\n",
    "    if (r != TRANSIT_NO_GUARD || transit_state(&inst) != s) {\n",
    "        describe_outcome(want, sizeof want, TRANSIT_NO_GUARD, s);\n",
    "        describe_outcome(got, sizeof got, r, transit_state(&inst));\n",
    "        mismatch(test, s, t, (int)by, want, got);\n",
    "    }\n",
    "    if (!asks)\n",
    "        return;\n",
    "    for (int v = 0; v < g->outcome_count; v++) {\n",
    "        guard_answers answers = triple_answers(i, !g->all, v);\n",
    "        if (!fresh(&inst, s, test))\n",
    "            return;\n",
    "        transit_set_guard(&inst, answer_guard, &answers);\n",
    "        int outcome = guarded_outcomes[g->first_outcome + v];\n",
    "        transit_result want_r = expected_result(outcome);\n",
    "        int want_s = outcome >= 0 ? outcome : s;\n",
    "        r = fire(&inst, t, by);\n",
    "        int now = transit_state(&inst);\n",
    "        if (r != want_r || now != want_s || answers.stray || !answers.asked) {\n",
    "            char outcome_text[120], assignment[40];\n",
    "            describe_outcome(outcome_text, sizeof outcome_text, want_r, want_s);\n",
    "            describe_answers(assignment, sizeof assignment, &answers);\n",
    "            (void)snprintf(want, sizeof want, \"%s (guards answered by %s), asking its guards only\",\n",
    "                           outcome_text, assignment);\n",
    "            describe_outcome(outcome_text, sizeof outcome_text, r, now);\n",
    "            (void)snprintf(got, sizeof got, \"%s, %d asked, %d stray\", outcome_text,\n",
    "                           answers.asked, answers.stray);\n",
    "            mismatch(test, s, t, (int)by, want, got);\n",
    "        }\n",
    "    }\n",
    "}\n",
    "\n",
    "/* Fires every (state, trigger, initiator) with fire and compares result and state with the spec;\n",
    "   a guarded one under every value of the guards it asks when fire asks guards (asks). */\n",
    "static void check_triples(const char *test, fire_fn *fire, int asks) {\n",
    "    char want[120], got[120];\n",
    "    transit_instance inst;\n",
    "    for (int s = 0; s < STATE_COUNT; s++)\n",
    "        for (int t = 0; t < TRIGGER_COUNT; t++)\n",
    "            for (int k = 0; k < 3; k++) {\n",
    "                int outcome = expected_outcome[s][t][k];\n",
    "                if (IS_GUARDED(outcome)) {\n",
    "                    check_guarded(test, fire, GUARDED_INDEX(outcome), asks);\n",
    "                    continue;\n",
    "                }\n",
    "                if (!fresh(&inst, s, test))\n",
    "                    continue;\n",
    "                transit_result want_r = expected_result(outcome);\n",
    "                int want_s = outcome >= 0 ? outcome : s;\n",
    "                transit_result r = fire(&inst, t, initiator_values[k]);\n",
    "                int now = transit_state(&inst);\n",
    "                if (r != want_r || now != want_s) {\n",
    "                    describe_outcome(want, sizeof want, want_r, want_s);\n",
    "                    describe_outcome(got, sizeof got, r, now);\n",
    "                    mismatch(test, s, t, (int)initiator_values[k], want, got);\n",
    "                }\n",
    "            }\n",
    "    finish(test);\n",
    "}\n",
    "\n",
    "static void test_triples(void **fixture) {\n",
    "    (void)fixture;\n",
    "    check_triples(\"triples\", transit_fire, 1);\n",
    "}\n",
    "\n",
    "/* ---- Hooks ---- */\n",
    "\n",
    "/* One hook call as the recording hooks saw it. */\n",
    "typedef struct hook_call {\n",
    "    const char *hook;\n",
    "    transit_event event;\n",
    "    int state;           /* transit_state() during the call */\n",
    "    const void *context; /* the context pointer it was given */\n",
    "} hook_call;\n",
    "\n",
    "typedef struct hook_log {\n",
    "    hook_call calls[8];\n",
    "    int count;\n",
    "    int refuse; /* what the veto hook answers */\n",
    "} hook_log;\n",
    "\n",
    "static void record(void *context, const transit_instance *inst, const transit_event *event,\n",
    "                   const char *hook) {\n",
    "    hook_log *book = (hook_log *)context;\n",
    "    if (book->count < 8) {\n",
    "        hook_call *c = &book->calls[book->count];\n",
    "        c->hook = hook;\n",
    "        c->event = *event;\n",
    "        c->state = transit_state(inst);\n",
    "        c->context = context;\n",
    "    }\n",
    "    book->count++;\n",
    "}\n",
    "\n",
    "static int log_veto(void *context, const transit_instance *inst, const transit_event *event) {\n",
    "    record(context, inst, event, \"veto\");\n",
    "    return ((hook_log *)context)->refuse;\n",
    "}\n",
    "\n",
    "static void log_exit(void *context, const transit_instance *inst, const transit_event *event) {\n",
    "    record(context, inst, event, \"exit\");\n",
    "}\n",
    "\n",
    "static void log_enter(void *context, const transit_instance *inst, const transit_event *event) {\n",
    "    record(context, inst, event, \"enter\");\n",
    "}\n",
    "\n",
    "static void log_observe(void *context, const transit_instance *inst, const transit_event *event) {\n",
    "    record(context, inst, event, \"observe\");\n",
    "}\n",
    "\n",
    "static const transit_hooks recording_hooks = {log_veto, log_exit, log_enter, log_observe};\n",
    "\n",
    "/* A transition as text: \"'a' -> 'b' on 'go' by user\". */\n",
    "static void describe_move(char *buf, size_t size, int from, int to, int trigger, int initiator) {\n",
    "    char f[80], t[80], g[80], i[40];\n",
    "    describe(f, sizeof f, spec_state_ids, STATE_COUNT, from);\n",
    "    describe(t, sizeof t, spec_state_ids, STATE_COUNT, to);\n",
    "    describe(g, sizeof g, spec_trigger_ids, TRIGGER_COUNT, trigger);\n",
    "    describe_initiator(i, sizeof i, initiator);\n",
    "    (void)snprintf(buf, size, \"%s -> %s on %s by %s\", f, t, g, i);\n",
    "}\n",
    "\n",
    "/* The calls in a hook log as text: \"veto('a' -> 'b' on 'go' by user, in 'a') ...\" */\n",
    "static void describe_log(char *buf, size_t size, const hook_log *book) {\n",
    "    size_t n = 0;\n",
    "    buf[0] = '\\0';\n",
    "    if (book->count == 0)\n",
    "        (void)snprintf(buf, size, \"no hook\");\n",
    "    for (int i = 0; i < book->count && i < 8 && n < size; i++) {\n",
    "        const hook_call *c = &book->calls[i];\n",
    "        char move[300], in[80];\n",
    "        describe_move(move, sizeof move, c->event.from, c->event.to, c->event.trigger,\n",
    "                      (int)c->event.initiator);\n",
    "        describe(in, sizeof in, spec_state_ids, STATE_COUNT, c->state);\n",
    "        int w = snprintf(buf + n, size - n, \"%s%s(%s, in %s)\", i ? \" \" : \"\", c->hook, move,\n",
    "                         in);\n",
    "        if (w < 0)\n",
    "            break;\n",
    "        n += (size_t)w;\n",
    "    }\n",
    "}\n",
    "\n",
    "/* Whether a hook log holds exactly the calls hooks[0 .. n) for the transition s -> to on t by\n",
    "   initiator, each seeing state seen[i] and the log as its context. */\n",
    "static int log_is(const hook_log *book, const char *const *hooks, const int *seen, int n, int s,\n",
    "                  int to, int t, transit_initiator initiator) {\n",
    "    if (book->count != n)\n",
    "        return 0;\n",
    "    for (int i = 0; i < n; i++) {\n",
    "        const hook_call *c = &book->calls[i];\n",
    "        if (strcmp(c->hook, hooks[i]) != 0 || c->event.from != s || c->event.to != to ||\n",
    "            c->event.trigger != t || c->event.initiator != initiator || c->state != seen[i] ||\n",
    "            c->context != (const void *)book)\n",
    "            return 0;\n",
    "    }\n",
    "    return 1;\n",
    "}\n",
    "\n",
    "/* One (state, trigger, initiator) with recording hooks, the veto hook refusing or not: an\n",
    "   accepted triple runs veto, exit, enter and observe once each, in order, with the right event\n",
    "   and state; a refused one runs no hook but the veto hook and leaves the state; a veto refuses. */\n",
    "static void hooks_case(int s, int t, int k, int refuse) {\n",
    "    static const char *const accepted[4] = {\"veto\", \"exit\", \"enter\", \"observe\"};\n",
    "    static const char *const vetoed[1] = {\"veto\"};\n",
    "    char want[400], move[300];\n",
    "    transit_instance inst;\n",
    "    hook_log seen_log;\n",
    "    int outcome = expected_outcome[s][t][k];\n",
    "    transit_initiator by = initiator_values[k];\n",
    "    if (!fresh(&inst, s, \"hooks\"))\n",
    "        return;\n",
    "    memset(&seen_log, 0, sizeof seen_log);\n",
    "    /* no guard to answer: a choice that reads none asks none */\n",
    "    guard_answers answers = {-1, 0, 0, s, t, by, 0, 0};\n",
    "    if (IS_GUARDED(outcome)) {\n",
    "        /* every guard answering what makes its first alternative hold: the first one taken */\n",
    "        int i = GUARDED_INDEX(outcome);\n",
    "        answers = triple_answers(i, 1, 0);\n",
    "        outcome = guarded_triples[i].taken_first;\n",
    "    }\n",
    "    transit_set_guard(&inst, answer_guard, &answers);\n",
    "    seen_log.refuse = refuse;\n",
    "    transit_set_hooks(&inst, &recording_hooks, &seen_log);\n",
    "    transit_result r = transit_fire(&inst, t, by);\n",
    "    int now = transit_state(&inst);\n",
    "    int ok;\n",
    "    if (outcome < 0) {\n",
    "        int others = 0;\n",
    "        for (int i = 0; i < seen_log.count && i < 8; i++)\n",
    "            others += strcmp(seen_log.calls[i].hook, \"veto\") != 0;\n",
    "        ok = others == 0 && now == s && r == expected_result(outcome);\n",
    "        (void)snprintf(want, sizeof want, \"%s, no exit, enter or observe, state kept\",\n",
    "                       transit_result_string(expected_result(outcome)));\n",
    "    } else if (refuse) {\n",
    "        const int seen[1] = {s};\n",
    "        ok = r == TRANSIT_VETOED && now == s &&\n",
    "             log_is(&seen_log, vetoed, seen, 1, s, outcome, t, by);\n",
    "        describe_move(move, sizeof move, s, outcome, t, (int)by);\n",
    "        (void)snprintf(want, sizeof want, \"vetoed, veto(%s) only, state kept\", move);\n",
    "    } else {\n",
    "        const int seen[4] = {s, s, outcome, outcome};\n",
    "        ok = r == TRANSIT_OK && now == outcome &&\n",
    "             log_is(&seen_log, accepted, seen, 4, s, outcome, t, by);\n",
    "        describe_move(move, sizeof move, s, outcome, t, (int)by);\n",
    "        (void)snprintf(want, sizeof want, \"ok, veto exit enter observe (%s) once each\", move);\n",
    "    }\n",
    "    ok = ok && answers.stray == 0;\n",
    "    if (!ok) {\n",
    "        char calls[1200], in[80], got[1400];\n",
    "        describe_log(calls, sizeof calls, &seen_log);\n",
    "        describe(in, sizeof in, spec_state_ids, STATE_COUNT, now);\n",
    "        (void)snprintf(got, sizeof got, \"%s in state %s, %s\", transit_result_string(r), in,\n",
    "                       calls);\n",
    "        mismatch(\"hooks\", s, t, (int)by, want, got);\n",
    "    }\n",
    "}\n",
    "\n",
    "static void test_hooks(void **fixture) {\n",
    "    (void)fixture;\n",
    "    for (int s = 0; s < STATE_COUNT; s++)\n",
    "        for (int t = 0; t < TRIGGER_COUNT; t++)\n",
    "            for (int k = 0; k < 3; k++)\n",
    "                for (int refuse = 0; refuse < 2; refuse++)\n",
    "                    hooks_case(s, t, k, refuse);\n",
    "    finish(\"hooks\");\n",
    "}\n",
    "\n",
    "/* ---- Invalid arguments ---- */\n",
    "\n",
    "static void expect_invalid(const char *what, transit_result r, int s, int t, int initiator) {\n",
    "    char got[120];\n",
    "    if (r == TRANSIT_INVALID)\n",
    "        return;\n",
    "    (void)snprintf(got, sizeof got, \"%s from %s\", transit_result_string(r), what);\n",
    "    mismatch(\"invalid\", s, t, initiator, \"invalid\", got);\n",
    "}\n",
    "\n",
    "/* Out-of-range triggers, initiators and states, and null pointers, give TRANSIT_INVALID and\n",
    "   change nothing. */\n",
    "static void test_invalid(void **fixture) {\n",
    "    const int bad_triggers[4] = {-1, TRIGGER_COUNT, TRIGGER_COUNT + 1, INT_MAX};\n",
    "    const int bad_initiators[5] = {0, 3, 5, 6, 7};\n",
    "    const int bad_states[4] = {-1, STATE_COUNT, STATE_COUNT + 1, INT_MAX};\n",
    "    char got[120];\n",
    "    transit_instance inst;\n",
    "    hook_log seen_log;\n",
    "    (void)fixture;\n",
    "    for (int s = 0; s < STATE_COUNT; s++) {\n",
    "        if (!fresh(&inst, s, \"invalid\"))\n",
    "            continue;\n",
    "        memset(&seen_log, 0, sizeof seen_log);\n",
    "        transit_set_hooks(&inst, &recording_hooks, &seen_log);\n",
    "        for (int i = 0; i < 4; i++)\n",
    "            for (int k = 0; k < 3; k++)\n",
    "                expect_invalid(\"transit_fire\",\n",
    "                               transit_fire(&inst, bad_triggers[i], initiator_values[k]), s,\n",
    "                               bad_triggers[i], (int)initiator_values[k]);\n",
    "        for (int t = 0; t < TRIGGER_COUNT; t++)\n",
    "            for (int i = 0; i < 5; i++)\n",
    "                expect_invalid(\"transit_fire\",\n",
    "                               transit_fire(&inst, t, (transit_initiator)bad_initiators[i]), s, t,\n",
    "                               bad_initiators[i]);\n",
    "        for (int i = 0; i < 4; i++) {\n",
    "            expect_invalid(\"transit_restore\", transit_restore(&inst, bad_states[i]), bad_states[i],\n",
    "                           NA, NA);\n",
    "            expect_invalid(\"transit_lookup\",\n",
    "                           transit_lookup(subject, bad_states[i], 0, TRANSIT_USER, NULL),\n",
    "                           bad_states[i], 0, (int)TRANSIT_USER);\n",
    "        }\n",
    "        if (transit_state(&inst) != s || seen_log.count != 0) {\n",
    "            (void)snprintf(got, sizeof got, \"state %d and %d hook calls\", transit_state(&inst),\n",
    "                     seen_log.count);\n",
    "            mismatch(\"invalid\", s, NA, NA, \"the state kept and no hook run\", got);\n",
    "        }\n",
    "    }\n",
    "    if (!fresh(&inst, NA, \"invalid\"))\n",
    "        return;\n",
    "    expect_invalid(\"transit_fire(NULL)\", transit_fire(NULL, 0, TRANSIT_USER), NA, 0,\n",
    "                   (int)TRANSIT_USER);\n",
    "    expect_invalid(\"transit_init(NULL, machine)\", transit_init(NULL, subject), NA, NA, NA);\n",
    "    expect_invalid(\"transit_init(inst, NULL)\", transit_init(&inst, NULL), NA, NA, NA);\n",
    "    expect_invalid(\"transit_restore(NULL)\", transit_restore(NULL, 0), 0, NA, NA);\n",
    "    expect_invalid(\"transit_restore_name(inst, NULL)\", transit_restore_name(&inst, NULL), NA, NA,\n",
    "                   NA);\n",
    "    if (transit_state(NULL) != -1 || transit_allowed(NULL, TRANSIT_USER, NULL, 0) != -1 ||\n",
    "        transit_state_index(subject, NULL) != -1 || transit_trigger_index(subject, NULL) != -1 ||\n",
    "        transit_state_name(NULL, 0) != NULL || transit_trigger_name(NULL, 0) != NULL)\n",
    "        mismatch(\"invalid\", NA, NA, NA, \"-1 or NULL from every function given a null pointer\",\n",
    "                 \"another value\");\n",
    "    finish(\"invalid\");\n",
    "}\n",
    "\n",
    "/* ---- Walks through the public API ---- */\n",
    "\n",
    "/* Drives a fresh instance along steps[first .. last) from the initial state, checking every state\n",
    "   on the way; what names the walk in messages (\"the path to 'x'\"). */\n",
    "static void walk(const char *test, const walk_step *steps, int first, int last, const char *what) {\n",
    "    char want[400], got[120];\n",
    "    transit_instance inst;\n",
    "    if (!fresh(&inst, NA, test))\n",
    "        return;\n",
    "    if (transit_state(&inst) != INITIAL_INDEX) {\n",
    "        describe_outcome(got, sizeof got, TRANSIT_OK, transit_state(&inst));\n",
    "        mismatch(test, INITIAL_INDEX, NA, NA, \"the initial state\", got);\n",
    "        return;\n",
    "    }\n",
    "    for (int i = first; i < last; i++) {\n",
    "        const walk_step *p = &steps[i];\n",
    "        int from = transit_state(&inst);\n",
    "        guard_answers answers = {p->triple, 1, p->prefix, from, p->trigger,\n",
    "                                 initiator_values[p->slot], 0, 0};\n",
    "        transit_set_guard(&inst, p->triple >= 0 ? answer_guard : NULL, &answers);\n",
    "        transit_result r = transit_fire(&inst, p->trigger, initiator_values[p->slot]);\n",
    "        int now = transit_state(&inst);\n",
    "        if (r != TRANSIT_OK || now != p->to) {\n",
    "            char outcome[100];\n",
    "            describe_outcome(outcome, sizeof outcome, TRANSIT_OK, p->to);\n",
    "            (void)snprintf(want, sizeof want, \"%s (step %d of %s)\", outcome, i - first + 1, what);\n",
    "            describe_outcome(got, sizeof got, r, now);\n",
    "            mismatch(test, from, p->trigger, (int)initiator_values[p->slot], want, got);\n",
    "            return;\n",
    "        }\n",
    "    }\n",
    "}\n",
    "\n",
    "/* A shortest path to every state reachable from the initial one, each state on it checked:\n",
    "   read back from the tree, from the state to the initial one, into path_buffer. */\n",
    "static walk_step path_buffer[STATE_COUNT];\n",
    "\n",
    "static void test_paths(void **fixture) {\n",
    "    char what[120];\n",
    "    (void)fixture;\n",
    "    for (int s = 0; s < STATE_COUNT; s++) {\n",
    "        if (path_tree[s].depth < 0)\n",
    "            continue;\n",
    "        int n = path_tree[s].depth;\n",
    "        for (int at = s, i = n; i > 0; at = path_tree[at].from) {\n",
    "            walk_step into = {path_tree[at].trigger, path_tree[at].slot, at,\n",
    "                              path_tree[at].triple, path_tree[at].prefix};\n",
    "            path_buffer[--i] = into;\n",
    "        }\n",
    "        (void)snprintf(what, sizeof what, \"the path to '%s'\", spec_state_ids[s]);\n",
    "        walk(\"paths\", path_buffer, 0, n, what);\n",
    "    }\n",
    "    finish(\"paths\");\n",
    "}\n",
    "\n",
    "/* Walks that together fire every accepted triple reachable from the initial state. */\n",
    "static void test_tour(void **fixture) {\n",
    "    char what[40];\n",
    "    (void)fixture;\n",
    "    for (int w = 0; w < TOUR_WALKS; w++) {\n",
    "        (void)snprintf(what, sizeof what, \"tour walk %d\", w + 1);\n",
    "        walk(\"tour\", tour_steps, tour_first[w], tour_first[w + 1], what);\n",
    "    }\n",
    "    finish(\"tour\");\n",
    "}\n",
    "\n",
    "/* ---- Names ---- */\n",
    "\n",
    "static void expect_name(const char *got_name, const char *name, int s, int t, const char *what) {\n",
    "    char want[120], got[120];\n",
    "    if (got_name && strcmp(got_name, name) == 0)\n",
    "        return;\n",
    "    (void)snprintf(want, sizeof want, \"\\\"%s\\\" from %s\", name, what);\n",
    "    (void)snprintf(got, sizeof got, got_name ? \"\\\"%s\\\"\" : \"%s\", got_name ? got_name : \"NULL\");\n",
    "    mismatch(\"names\", s, t, NA, want, got);\n",
    "}\n",
    "\n",
    "static void expect_index(int found, int want_index, int s, int t, const char *what) {\n",
    "    char want[120], got[40];\n",
    "    if (found == want_index)\n",
    "        return;\n",
    "    (void)snprintf(want, sizeof want, \"%d from %s\", want_index, what);\n",
    "    (void)snprintf(got, sizeof got, \"%d\", found);\n",
    "    mismatch(\"names\", s, t, NA, want, got);\n",
    "}\n",
    "\n",
    "/* Every state (identifier and persisted name) and trigger, name to index and back. */\n",
    "static void test_names(void **fixture) {\n",
    "    transit_instance inst;\n",
    "    (void)fixture;\n",
    "    if (!subject->name || strcmp(subject->name, machine_name_text) != 0)\n",
    "        mismatch(\"names\", NA, NA, NA, \"the machine's name\", subject->name ? subject->name : \"NULL\");\n",
    "    for (int s = 0; s < STATE_COUNT; s++) {\n",
    "        expect_name(transit_state_name(subject, s), spec_state_ids[s], s, NA, \"transit_state_name\");\n",
    "        expect_name(transit_state_persisted(subject, s), spec_state_persisted[s], s, NA,\n",
    "                    \"transit_state_persisted\");\n",
    "        expect_index(transit_state_index(subject, spec_state_ids[s]), s, s, NA,\n",
    "                     \"transit_state_index of the identifier\");\n",
    "        expect_index(transit_state_index(subject, spec_state_persisted[s]), s, s, NA,\n",
    "                     \"transit_state_index of the persisted name\");\n",
    "        if (fresh(&inst, NA, \"names\"))\n",
    "            expect_index(transit_restore_name(&inst, spec_state_persisted[s]) == TRANSIT_OK\n",
    "                             ? transit_state(&inst)\n",
    "                             : -1,\n",
    "                         s, s, NA, \"transit_restore_name of the persisted name\");\n",
    "    }\n",
    "    for (int t = 0; t < TRIGGER_COUNT; t++) {\n",
    "        expect_name(transit_trigger_name(subject, t), spec_trigger_ids[t], NA, t,\n",
    "                    \"transit_trigger_name\");\n",
    "        expect_index(transit_trigger_index(subject, spec_trigger_ids[t]), t, NA, t,\n",
    "                     \"transit_trigger_index\");\n",
    "    }\n",
    "    for (int g = 0; g < GUARD_COUNT; g++) {\n",
    "        expect_name(transit_guard_name(subject, g), spec_guard_ids[g], NA, NA,\n",
    "                    \"transit_guard_name\");\n",
    "        expect_index(transit_guard_index(subject, spec_guard_ids[g]), g, NA, NA,\n",
    "                     \"transit_guard_index\");\n",
    "    }\n",
    "    expect_index(transit_guard_index(subject, unknown_name_text), -1, NA, NA,\n",
    "                 \"transit_guard_index of an unknown name\");\n",
    "    if (transit_guard_name(subject, GUARD_COUNT) || transit_guard_name(subject, -1))\n",
    "        mismatch(\"names\", NA, NA, NA, \"NULL for out-of-range guard indexes\", \"a name\");\n",
    "    expect_index(transit_state_index(subject, unknown_name_text), -1, NA, NA,\n",
    "                 \"transit_state_index of an unknown name\");\n",
    "    expect_index(transit_trigger_index(subject, unknown_name_text), -1, NA, NA,\n",
    "                 \"transit_trigger_index of an unknown name\");\n",
    "    if (transit_state_name(subject, STATE_COUNT) || transit_state_name(subject, -1) ||\n",
    "        transit_state_persisted(subject, STATE_COUNT) ||\n",
    "        transit_trigger_name(subject, TRIGGER_COUNT) ||\n",
    "        transit_trigger_name(subject, -1))\n",
    "        mismatch(\"names\", STATE_COUNT, TRIGGER_COUNT, NA, \"NULL for out-of-range indexes\",\n",
    "                 \"a name\");\n",
    "    finish(\"names\");\n",
    "}\n",
    "\n",
    "/* ---- transit_allowed ---- */\n",
    "\n",
    "/* The triggers each initiator may fire from each state, in trigger order. */\n",
    "static void test_allowed(void **fixture) {\n",
    "    int got[TRIGGER_DIM], guarded[TRIGGER_DIM];\n",
    "    char want_text[400], got_text[400];\n",
    "    transit_instance inst;\n",
    "    (void)fixture;\n",
    "    for (int s = 0; s < STATE_COUNT; s++)\n",
    "        for (int k = 0; k < 3; k++) {\n",
    "            if (!fresh(&inst, s, \"allowed\"))\n",
    "                continue;\n",
    "            int first = allowed_first[s * 3 + k], count = allowed_first[s * 3 + k + 1] - first;\n",
    "            int n = transit_allowed(&inst, initiator_values[k], got, TRIGGER_COUNT);\n",
    "            int counted = transit_allowed(&inst, initiator_values[k], NULL, 0);\n",
    "            int flagged = transit_allowed_guarded(&inst, initiator_values[k], got, guarded,\n",
    "                                                  TRIGGER_COUNT);\n",
    "            int same = n == count && counted == count && flagged == count;\n",
    "            /* guarded[i]: whether the spec's choice for got[i] asks a guard */\n",
    "            for (int i = 0; same && i < n; i++)\n",
    "                same = got[i] == allowed_triggers[first + i] && got[i] >= 0 &&\n",
    "                       got[i] < TRIGGER_COUNT &&\n",
    "                       guarded[i] == IS_GUARDED(expected_outcome[s][got[i]][k]);\n",
    "            if (same)\n",
    "                continue;\n",
    "            size_t w = (size_t)snprintf(want_text, sizeof want_text, \"%d:\", count);\n",
    "            for (int i = 0; i < count && w < sizeof want_text; i++)\n",
    "                w += (size_t)snprintf(want_text + w, sizeof want_text - w, \" %d\",\n",
    "                                      allowed_triggers[first + i]);\n",
    "            size_t g = (size_t)snprintf(got_text, sizeof got_text, \"%d (%d counted):\", n, counted);\n",
    "            for (int i = 0; i < n && i < TRIGGER_COUNT && g < sizeof got_text; i++)\n",
    "                g += (size_t)snprintf(got_text + g, sizeof got_text - g, \" %d\", got[i]);\n",
    "            mismatch(\"allowed\", s, NA, (int)initiator_values[k], want_text, got_text);\n",
    "        }\n",
    "    finish(\"allowed\");\n",
    "}\n",
    "\n",
    "/* ---- Timers ---- */\n",
    "\n",
    "/* transit_fire_timeout as a fire_fn, for check_guarded on a timer's triple. */\n",
    "static transit_result fire_timeout(transit_instance *inst, int trigger,\n",
    "                                   transit_initiator initiator) {\n",
    "    (void)trigger;\n",
    "    (void)initiator;\n",
    "    return transit_fire_timeout(inst);\n",
    "}\n",
    "\n",
    "/* transit_state_timer of s: the spec's duration and trigger, or none. */\n",
    "static void timer_table_case(int s) {\n",
    "    char want[160], got[160];\n",
    "    transit_timer timer = {-1, 0};\n",
    "    int has = transit_state_timer(subject, s, &timer);\n",
    "    int want_has = timer_after_ms[s] != 0;\n",
    "    if (has == want_has &&\n",
    "        (!want_has || (timer.trigger == timer_trigger[s] && timer.after_ms == timer_after_ms[s])))\n",
    "        return;\n",
    "    (void)snprintf(want, sizeof want, \"timer %d: trigger %d after %llu ms\", want_has,\n",
    "                   timer_trigger[s], (unsigned long long)timer_after_ms[s]);\n",
    "    (void)snprintf(got, sizeof got, \"timer %d: trigger %d after %llu ms\", has, timer.trigger,\n",
    "                   (unsigned long long)timer.after_ms);\n",
    "    mismatch(\"timers\", s, NA, NA, want, got);\n",
    "}\n",
    "\n",
    "/* transit_timer_due in s, entered at entered_ms: due after the spec's duration, or no timer. */\n",
    "static void timer_due_case(transit_instance *inst, int s, uint64_t entered_ms, int t, int k) {\n",
    "    char want[160], got[160];\n",
    "    uint64_t due = 0, want_due = timer_after_ms[s] ? entered_ms + timer_after_ms[s] : 0;\n",
    "    transit_result r = transit_timer_due(inst, entered_ms, &due);\n",
    "    transit_result want_r = timer_after_ms[s] ? TRANSIT_OK : TRANSIT_NO_TRANSITION;\n",
    "    if (r == want_r && (r != TRANSIT_OK || due == want_due))\n",
    "        return;\n",
    "    (void)snprintf(want, sizeof want, \"%s, due at %llu\", transit_result_string(want_r),\n",
    "                   (unsigned long long)want_due);\n",
    "    (void)snprintf(got, sizeof got, \"%s, due at %llu\", transit_result_string(r),\n",
    "                   (unsigned long long)(r == TRANSIT_OK ? due : 0));\n",
    "    mismatch(\"timers\", s, t, k, want, got);\n",
    "}\n",
    "\n",
    "/* transit_fire_timeout in s: where the spec's timer leads (under every value of the guards it\n",
    "   asks), or no transition and the state kept when s has no timer. */\n",
    "static void timer_fire_case(int s) {\n",
    "    char want[160], got[160];\n",
    "    transit_instance inst;\n",
    "    int t = timer_trigger[s];\n",
    "    int outcome = NO;\n",
    "    if (timer_after_ms[s] && t >= 0 && t < TRIGGER_COUNT)\n",
    "        outcome = expected_outcome[s][t][1];\n",
    "    if (IS_GUARDED(outcome)) {\n",
    "        check_guarded(\"timers\", fire_timeout, GUARDED_INDEX(outcome), 1);\n",
    "        return;\n",
    "    }\n",
    "    if (!fresh(&inst, s, \"timers\"))\n",
    "        return;\n",
    "    transit_result r = transit_fire_timeout(&inst);\n",
    "    int want_s = outcome >= 0 ? outcome : s;\n",
    "    if (r == expected_result(outcome) && transit_state(&inst) == want_s)\n",
    "        return;\n",
    "    describe_outcome(want, sizeof want, expected_result(outcome), want_s);\n",
    "    describe_outcome(got, sizeof got, r, transit_state(&inst));\n",
    "    mismatch(\"timers\", s, t, (int)TRANSIT_AUTO, want, got);\n",
    "}\n",
    "\n",
    "/* Each state's timer (duration and trigger), when it falls due given when the state was entered,\n",
    "   where firing it leads, and that a self-loop, which enters the state again, keeps the timer. */\n",
    "static void test_timers(void **fixture) {\n",
    "    transit_instance inst;\n",
    "    (void)fixture;\n",
    "    for (int s = 0; s < STATE_COUNT; s++) {\n",
    "        timer_table_case(s);\n",
    "        if (fresh(&inst, s, \"timers\"))\n",
    "            timer_due_case(&inst, s, 1000, NA, NA);\n",
    "        timer_fire_case(s);\n",
    "        for (int u = 0; u < TRIGGER_COUNT; u++)\n",
    "            for (int k = 0; k < 3; k++) {\n",
    "                if (expected_outcome[s][u][k] != s || !fresh(&inst, s, \"timers\"))\n",
    "                    continue;\n",
    "                if (transit_fire(&inst, u, initiator_values[k]) == TRANSIT_OK)\n",
    "                    timer_due_case(&inst, s, 5000, u, (int)initiator_values[k]);\n",
    "                else\n",
    "                    mismatch(\"timers\", s, u, (int)initiator_values[k], \"ok\", \"refused\");\n",
    "            }\n",
    "    }\n",
    "    finish(\"timers\");\n",
    "}\n",
    "\n",
    "/* ---- Initial state ---- */\n",
    "\n",
    "/* transit_init puts a fresh (or reused) instance in the spec's initial state. */\n",
    "static void test_init(void **fixture) {\n",
    "    char got[120];\n",
    "    transit_instance inst;\n",
    "    (void)fixture;\n",
    "    for (int s = 0; s < STATE_COUNT; s++) {\n",
    "        if (!fresh(&inst, s, \"init\"))\n",
    "            continue;\n",
    "        transit_result r = transit_init(&inst, subject);\n",
    "        if (r != TRANSIT_OK || transit_state(&inst) != INITIAL_INDEX) {\n",
    "            describe_outcome(got, sizeof got, r, transit_state(&inst));\n",
    "            mismatch(\"init\", s, NA, NA, \"ok in the initial state\", got);\n",
    "        }\n",
    "    }\n",
    "    if (subject->state_count != (uint32_t)STATE_COUNT ||\n",
    "        subject->trigger_count != (uint32_t)TRIGGER_COUNT) {\n",
    "        (void)snprintf(got, sizeof got, \"%u states and %u triggers\", (unsigned)subject->state_count,\n",
    "                 (unsigned)subject->trigger_count);\n",
    "        mismatch(\"init\", NA, NA, NA, \"the spec's counts\", got);\n",
    "    }\n",
    "    finish(\"init\");\n",
    "}\n",
};

static void head(out *o, const model_machine *m, const expect *x, const char *upper) {
    out_puts(o, "/* Generated by transitc from ");
    escape_c_comment(o, m->src->name, "");
    out_printf(o, ", machine %s.\n", m->name);
    out_puts(o, "   Do not edit: edit the spec and run transitc generate again. */\n\n");
    out_printf(o,
               "/* The tests of %s's generated code: a cmocka program, built with %s.c, the\n"
               "   transit runtime and cmocka. It checks all %u (state, trigger, initiator)\n"
               "   triples, hooks, invalid arguments, a shortest path to every reachable state, a\n"
               "   tour of every reachable accepted triple, names and transit_allowed. Every\n"
               "   expected outcome below was computed by transitc from the spec; none is read\n"
               "   from the tables under test. Define %s_TEST_NO_MAIN to run it from another\n"
               "   program through %s_test_run(). */\n",
               m->name, m->name, x->ns * x->nt * 3, upper, m->name);
    out_puts(o, "#include <limits.h>\n#include <stdarg.h>\n#include <stddef.h>\n"
                "#include <setjmp.h>\n#include <stdint.h>\n#include <stdio.h>\n"
                "#include <string.h>\n\n");
    out_puts(o, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n#include <cmocka.h>\n"
                "#ifdef __cplusplus\n}\n#endif\n\n");
    out_printf(o, "#include \"%s.h\"\n\n", m->name);
}

static void names(out *o, const char *name, const char *const *v, size_t stride, uint32_t n,
                  const char *size) {
    out_printf(o, "static const char *const %s[%s] = {", name, size);
    for (uint32_t i = 0; i < n; i++) {
        out_puts(o, i ? ",\n    " : "\n    ");
        c_string(o, *(const char *const *)((const char *)v + i * stride));
    }
    out_puts(o, n ? "\n};\n\n" : "\"\"};\n\n");
}

/* The guarded triples, the guards each asks and its outcome under each of their values; each
   state's timer; the guards' names. */
static void guarded_data(out *o, const model_machine *m, const expect *x) {
    static const char *const slot_names[3] = {"user", "auto", "self"};
    out_printf(o, "enum {\n    GUARDED_COUNT = %u,\n    GUARD_COUNT = %u,\n"
                  "    GUARD_DIM = %u /* GUARD_COUNT, at least 1 for the arrays */\n};\n\n",
               x->guarded_count, m->guard_count, m->guard_count ? m->guard_count : 1);
    out_puts(o, "/* The spec's guard identifiers. */\n");
    names(o, "spec_guard_ids", m->guard_count ? &m->guards[0].name : NULL, sizeof(model_guard),
          m->guard_count, "GUARD_DIM");
    out_puts(o, "/* A (state, trigger, initiator slot) whose outcome depends on guards: its\n"
                "   alternatives ask guarded_guards[first_guard .. first_guard + guard_count), in the\n"
                "   order first asked; guarded_holding[first_guard + i] is the answer of guard i that\n"
                "   makes the first alternative asking it hold. It is fired under outcome_count\n"
                "   assignments v of those guards, with outcome guarded_outcomes[first_outcome + v]\n"
                "   (the state reached or GF): when all is 1, all of them, guard i holding when bit i\n"
                "   of v is set; else (over 8 guards) the prefix ones, v = 0 .. guard_count, the\n"
                "   guards before position v answering what makes their first alternative fail and\n"
                "   the rest what makes it hold, which takes every alternative once and then none.\n"
                "   taken_first is where the first alternative leads. */\n"
                "typedef struct guarded_triple {\n"
                "    int state, trigger, slot, first_guard, guard_count, all, first_outcome,\n"
                "        outcome_count, taken_first;\n"
                "} guarded_triple;\n\n");
    out_puts(o, "static const guarded_triple guarded_triples[] = {\n");
    uint32_t guards = 0, outs = 0;
    for (uint32_t i = 0; i < x->guarded_count; i++) {
        const guarded_triple *g = &x->guarded[i];
        out_printf(o, "    {%u, %u, %u, %u, %u, %d, %u, %u, %u}, /* %s on %s by %s */\n", g->state,
                   g->trigger, g->slot, guards, g->choice.guard_count, g->choice.all ? 1 : 0, outs,
                   g->choice.assignments, g->taken_first, m->states[g->state].name,
                   m->triggers[g->trigger].name, slot_names[g->slot]);
        guards += g->choice.guard_count;
        outs += g->choice.assignments;
    }
    out_puts(o, x->guarded_count ? "};\n\n"
                                 : "    {0, 0, 0, 0, 0, 0, 0, 0, 0} /* none */\n};\n\n");
    out_puts(o, "static const int guarded_guards[] = {\n");
    for (uint32_t i = 0; i < x->guarded_count; i++) {
        const lang_choice *c = &x->guarded[i].choice;
        for (uint32_t j = 0; j < c->guard_count; j++)
            out_printf(o, "%s%u,", j % 16 ? " " : j ? "\n    " : "    ", c->guards[j]);
        out_puts(o, " /*");
        for (uint32_t j = 0; j < c->guard_count && j < 8; j++)
            out_printf(o, " %s", m->guards[c->guards[j]].name);
        out_puts(o, c->guard_count > 8 ? " ... */\n" : " */\n");
    }
    out_puts(o, "    -1 /* end */\n};\n\n");
    out_puts(o, "static const unsigned char guarded_holding[] = {\n");
    for (uint32_t i = 0; i < x->guarded_count; i++) {
        const lang_choice *c = &x->guarded[i].choice;
        for (uint32_t j = 0; j < c->guard_count; j++)
            out_printf(o, "%s%d,", j % 32 ? " " : j ? "\n    " : "    ", c->holding[j] ? 1 : 0);
        out_puts(o, "\n");
    }
    out_puts(o, "    0 /* end */\n};\n\n");
    out_puts(o, "static const int guarded_outcomes[] = {\n");
    for (uint32_t i = 0; i < x->guarded_count; i++) {
        const guarded_triple *g = &x->guarded[i];
        for (uint32_t v = 0; v < g->choice.assignments; v++) {
            out_puts(o, v % 16 ? " " : v ? "\n    " : "    ");
            if (g->outcomes[v] == GUARD_FAILED)
                out_puts(o, "GF,");
            else
                out_printf(o, "%d,", (int)g->outcomes[v]);
        }
        out_printf(o, " /* %s on %s by %s */\n", m->states[g->state].name,
                   m->triggers[g->trigger].name, slot_names[g->slot]);
    }
    out_puts(o, "    0 /* end */\n};\n\n");
    out_puts(o, "/* Each state's timer: its duration in milliseconds (0: no timer) and the trigger it\n"
                "   fires as auto (-1: none). */\n");
    out_puts(o, "static const uint64_t timer_after_ms[STATE_COUNT] = {");
    for (uint32_t s = 0; s < m->state_count; s++)
        out_printf(o, "%s%llu", separator(s), (unsigned long long)m->states[s].after_ms);
    out_puts(o, "\n};\n");
    out_puts(o, "static const int timer_trigger[STATE_COUNT] = {");
    for (uint32_t s = 0; s < m->state_count; s++)
        out_printf(o, "%s%d", separator(s),
                   m->states[s].after_ms ? (int)m->states[s].timer_trigger : -1);
    out_puts(o, "\n};\n\n");
}

static void data(arena *a, out *o, const model_machine *m, const expect *x) {
    static const char *const slot_names[3] = {"user", "auto", "self"};
    uint32_t tdim = x->nt ? x->nt : 1;
    out_printf(o, "enum {\n    STATE_COUNT = %u,\n    TRIGGER_COUNT = %u,\n    TRIGGER_DIM = %u, "
                  "/* TRIGGER_COUNT, at least 1 for the arrays */\n    INITIAL_INDEX = %u, /* %s */\n"
                  "    TOUR_WALKS = %u\n};\n\n",
               x->ns, x->nt, tdim, m->initial, m->states[m->initial].name, x->tour_walks);
    out_puts(o, "/* An outcome refused by the spec: NO, no transition on the trigger from the state\n"
                "   for any initiator; NP, one exists but not for this initiator; GF, no guard of\n"
                "   the alternatives held. G(i): the outcome depends on guards, guarded_triples[i]\n"
                "   lists it under each of their values. */\n"
                "enum { NO = -1, NP = -2, GF = -3 };\n"
                "#define G(i) (-4 - (i))\n"
                "#define IS_GUARDED(outcome) ((outcome) <= -4)\n"
                "#define GUARDED_INDEX(outcome) (-4 - (outcome))\n\n");
    out_puts(o, "static const char machine_name_text[] = ");
    c_string(o, m->name);
    out_puts(o, ";\n\n/* A name no state or trigger has. */\nstatic const char unknown_name_text[] = ");
    c_string(o, unknown_name(a, m));
    out_puts(o, ";\n\n/* The spec's state identifiers, persisted names and trigger identifiers. */\n");
    names(o, "spec_state_ids", &m->states[0].name, sizeof(model_state), x->ns, "STATE_COUNT");
    names(o, "spec_state_persisted", &m->states[0].persisted, sizeof(model_state), x->ns,
          "STATE_COUNT");
    names(o, "spec_trigger_ids", x->nt ? &m->triggers[0].name : NULL, sizeof(model_trigger), x->nt,
          "TRIGGER_DIM");

    out_puts(o, "/* What the spec says firing each trigger by user, auto and self from each state\n"
                "   does: the state reached (TRANSIT_OK), NO or NP. */\n");
    out_puts(o, "static const int32_t expected_outcome[STATE_COUNT][TRIGGER_DIM][3] = {\n");
    for (uint32_t s = 0; s < x->ns; s++) {
        out_puts(o, "    {");
        comment(o, m->states[s].name);
        out_puts(o, "\n");
        for (uint32_t t = 0; t < tdim; t++) {
            const int32_t *c = x->nt ? cell(x, s, t) : NULL;
            out_puts(o, "        {");
            for (unsigned k = 0; k < 3; k++) {
                int32_t v = c ? c[k] : NO_TRANSITION;
                if (v == NO_TRANSITION)
                    out_puts(o, "NO");
                else if (v == NOT_PERMITTED)
                    out_puts(o, "NP");
                else if (v <= GUARDED)
                    out_printf(o, "G(%d)", (int)(GUARDED - v));
                else
                    out_printf(o, "%d", (int)v);
                out_puts(o, k < 2 ? ", " : "}");
            }
            out_printf(o, "%s /* %s */\n", t + 1 < tdim ? "," : "",
                       x->nt ? m->triggers[t].name : "no trigger");
        }
        out_printf(o, "    }%s\n", s + 1 < x->ns ? "," : "");
    }
    out_puts(o, "};\n\n");

    guarded_data(o, m, x);
    out_puts(o, "/* One fire of a walk: the trigger, who fires it (0 user, 1 auto, 2 self), the\n"
                "   state it must lead to, and the guard answers that take it: the prefix\n"
                "   assignment prefix of guarded_triples[triple]'s guards (triple -1: it asks none). */\n"
                "typedef struct walk_step {\n    int trigger, slot, to, triple, prefix;\n"
                "} walk_step;\n\n");
    out_puts(o, "/* The shortest paths from the initial state, as a tree: for each state, how many\n"
                "   steps lead to it (-1: it is not reachable), the state before it, and the trigger,\n"
                "   initiator slot and guard answers (as in walk_step) of the step into it. */\n"
                "typedef struct path_node {\n    int depth, from, trigger, slot, triple, prefix;\n"
                "} path_node;\n\n");
    out_puts(o, "static const path_node path_tree[STATE_COUNT] = {\n");
    for (uint32_t s = 0; s < x->ns; s++) {
        out_printf(o, "    {%d, %d, %u, %u, %d, %d}, ", (int)x->path_depth[s],
                   (int)x->path_from[s], x->path_trigger[s], x->path_slot[s],
                   (int)x->path_guards[s * 2], (int)x->path_guards[s * 2 + 1]);
        if (x->path_depth[s] > 0)
            out_printf(o, "/* %s: from %s on %s */\n", m->states[s].name,
                       m->states[x->path_from[s]].name, m->triggers[x->path_trigger[s]].name);
        else
            out_printf(o, "/* %s: %s */\n", m->states[s].name,
                       x->path_depth[s] ? "not reachable" : "the initial state");
    }
    out_puts(o, "};\n\n");

    out_printf(o, "/* Walks from the initial state that together fire all %u accepted triples\n"
                  "   reachable from it (of %u accepted): walk w is tour_steps[tour_first[w] ..\n"
                  "   tour_first[w + 1]). */\n",
               x->toured, x->acceptable);
    steps_array(o, "tour_steps", x->tour_steps, x->tour_len, m);
    out_puts(o, "static const int tour_first[TOUR_WALKS + 1] = {");
    for (uint32_t w = 0; w <= x->tour_walks; w++)
        out_printf(o, "%s%u", w ? ", " : "", x->tour_first[w]);
    out_puts(o, "};\n\n");

    out_puts(o, "/* The triggers each initiator may fire from each state, in trigger order: for\n"
                "   state s and slot k, allowed_triggers[allowed_first[s * 3 + k] ..\n"
                "   allowed_first[s * 3 + k + 1]). */\n");
    uint32_t *first = arena_array(a, (size_t)x->ns * 3 + 1, sizeof *first);
    uint32_t n = 0;
    out_puts(o, "static const int allowed_triggers[] = {\n");
    for (uint32_t s = 0; s < x->ns; s++)
        for (unsigned k = 0; k < 3; k++) {
            first[s * 3 + k] = n;
            bool any = false;
            for (uint32_t t = 0; t < x->nt; t++)
                if (cell(x, s, t)[k] >= 0 || cell(x, s, t)[k] <= GUARDED) {
                    out_printf(o, "%s%u,", any ? " " : "    ", t);
                    n++;
                    any = true;
                }
            if (any)
                out_printf(o, " /* %s by %s */\n", m->states[s].name, slot_names[k]);
        }
    out_puts(o, "    -1 /* end */\n};\n");
    first[x->ns * 3] = n;
    out_puts(o, "static const int allowed_first[STATE_COUNT * 3 + 1] = {");
    for (uint32_t i = 0; i <= x->ns * 3; i++)
        out_printf(o, "%s%u", separator(i), first[i]);
    out_puts(o, "\n};\n\n");
}

/* test_enums: the generated enums, checked against the spec's order of declaration. */
static void enums_test(arena *a, out *o, const model_machine *m, const char *upper) {
    out_puts(o, "/* The generated enums and counts number states and triggers in spec order. */\n"
                "static void test_enums(void **fixture) {\n");
    out_puts(o, "    static const int state_values[STATE_COUNT] = {");
    for (uint32_t s = 0; s < m->state_count; s++)
        out_printf(o, "%s%s", s ? ",\n        " : "\n        ", cnames_state(a, m, s));
    out_puts(o, "\n    };\n");
    if (m->trigger_count) {
        out_puts(o, "    static const int trigger_values[TRIGGER_DIM] = {");
        for (uint32_t t = 0; t < m->trigger_count; t++)
            out_printf(o, "%s%s", t ? ",\n        " : "\n        ", cnames_trigger(a, m, t));
        out_puts(o, "\n    };\n");
    }
    out_puts(o, "    char want[40], got[40];\n    (void)fixture;\n");
    out_puts(o, "    for (int s = 0; s < STATE_COUNT; s++)\n"
                "        if (state_values[s] != s) {\n"
                "            (void)snprintf(want, sizeof want, \"%d\", s);\n"
                "            (void)snprintf(got, sizeof got, \"%d\", state_values[s]);\n"
                "            mismatch(\"enums\", s, NA, NA, want, got);\n"
                "        }\n");
    if (m->trigger_count)
        out_puts(o, "    for (int t = 0; t < TRIGGER_COUNT; t++)\n"
                    "        if (trigger_values[t] != t) {\n"
                    "            (void)snprintf(want, sizeof want, \"%d\", t);\n"
                    "            (void)snprintf(got, sizeof got, \"%d\", trigger_values[t]);\n"
                    "            mismatch(\"enums\", NA, t, NA, want, got);\n"
                    "        }\n");
    if (m->guard_count) {
        out_puts(o, "    static const int guard_values[GUARD_DIM] = {");
        for (uint32_t g = 0; g < m->guard_count; g++)
            out_printf(o, "%s%s", g ? ",\n        " : "\n        ", cnames_guard(a, m, g));
        out_puts(o, "\n    };\n"
                    "    for (int g = 0; g < GUARD_COUNT; g++)\n"
                    "        if (guard_values[g] != g) {\n"
                    "            (void)snprintf(want, sizeof want, \"guard %d\", g);\n"
                    "            (void)snprintf(got, sizeof got, \"%d\", guard_values[g]);\n"
                    "            mismatch(\"enums\", NA, NA, NA, want, got);\n"
                    "        }\n");
    }
    out_printf(o, "    if (%s_GUARDS != GUARD_COUNT)\n"
                  "        mismatch(\"enums\", NA, NA, NA, \"the spec's guard count\", \"another\");\n",
               upper);
    out_printf(o, "    if (%s_STATES != STATE_COUNT || %s_TRIGGERS != TRIGGER_COUNT) {\n", upper,
               upper);
    out_printf(o, "        (void)snprintf(got, sizeof got, \"%%d, %%d\", %s_STATES, %s_TRIGGERS);\n",
               upper, upper);
    out_puts(o, "        mismatch(\"enums\", NA, NA, NA, \"the spec's state and trigger counts\", "
                "got);\n    }\n");
    out_puts(o, "    finish(\"enums\");\n}\n\n");
}

/* The named cmocka tests, in the order they run: test_NAME for each. triples_fast checks the
   header's inline MACHINE_fire() over every triple, as triples checks transit_fire();
   triples_compact the compact form MACHINE_compact the same way. */
static const char *const named_tests[] = {"enums",   "init",    "triples", "triples_fast",
                                          "triples_compact", "hooks", "invalid", "paths",
                                          "tour",    "names",   "allowed", "timers"};

static void runner(out *o, const model_machine *m, const char *upper) {
    out_printf(o, "/* %s_fire() takes the machine's own trigger type; check_triples() walks ints. */\n"
                  "static transit_result fire_fast(transit_instance *inst, int trigger,\n"
                  "                                transit_initiator initiator) {\n"
                  "    return %s_fire(inst, (%s_trigger)trigger, initiator);\n"
                  "}\n\n"
                  "static void test_triples_fast(void **fixture) {\n"
                  "    (void)fixture;\n"
                  "    check_triples(\"triples_fast\", fire_fast, 1);\n"
                  "}\n\n",
               m->name, m->name, m->name);
    out_printf(o, "/* The compact form under transit_fire()'s contract: a %s_compact in the\n"
                  "   instance's state is fired, and the instance takes the state it ends in. */\n"
                  "static transit_result compact_fire(transit_instance *inst, int trigger,\n"
                  "                                   transit_initiator initiator) {\n"
                  "    %s_compact c;\n"
                  "    transit_result r = %s_compact_restore(&c, transit_state(inst));\n"
                  "    if (r != TRANSIT_OK)\n        return r;\n"
                  "    r = %s_compact_fire(&c, (%s_trigger)trigger, initiator);\n"
                  "    if (transit_restore(inst, %s_compact_state(&c)) != TRANSIT_OK)\n"
                  "        return TRANSIT_INVALID;\n"
                  "    return r;\n}\n\n",
               m->name, m->name, m->name, m->name, m->name, m->name);
    out_printf(o, "static void test_triples_compact(void **fixture) {\n"
                  "    %s_compact c;\n    (void)fixture;\n"
                  "    %s_compact_init(&c);\n"
                  "    if (%s_compact_state(&c) != INITIAL_INDEX) {\n"
                  "        char got[120];\n"
                  "        describe_outcome(got, sizeof got, TRANSIT_OK, %s_compact_state(&c));\n"
                  "        mismatch(\"triples_compact\", NA, NA, NA, \"the initial state\", got);\n"
                  "    }\n"
                  "    check_triples(\"triples_compact\", compact_fire, 0);\n"
                  "}\n\n",
               m->name, m->name, m->name, m->name);
    out_printf(o, "/* Runs every test against def (%s_machine, or a mutant of its tables) and\n"
                  "   returns how many failed. */\n",
               m->name);
    out_printf(o, "int %s_test_run(const transit_machine *def);\n\n", m->name);
    out_printf(o, "int %s_test_run(const transit_machine *def) {\n", m->name);
    out_puts(o, "    const struct CMUnitTest tests[] = {\n");
    for (size_t i = 0; i < sizeof named_tests / sizeof *named_tests; i++)
        out_printf(o, "        cmocka_unit_test(test_%s),\n", named_tests[i]);
    out_puts(o, "    };\n    subject = def;\n");
    out_printf(o, "    return cmocka_run_group_tests_name(\"%s\", tests, NULL, NULL);\n}\n\n",
               m->name);
    out_printf(o, "#ifndef %s_TEST_NO_MAIN\n", upper);
    out_printf(o, "int main(void) {\n    return %s_test_run(&%s_machine) == 0 ? 0 : 1;\n}\n",
               m->name, m->name);
    out_puts(o, "#endif\n");
}

void emit_test(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    arena *a = ctx->a;
    expect x = {0};
    graph g;
    outcomes(a, m, &x);
    graph_init(&g, a, m);
    paths(a, m, &g, &x);
    tour(a, m, &g, &x);
    const char *upper = cnames_upper(a, m->name);
    out *o = out_files_add(files, "%s_test.c", m->name);
    head(o, m, &x, upper);
    data(a, o, m, &x);
    for (size_t i = 0; i < sizeof test_code / sizeof *test_code; i++)
        out_puts(o, test_code[i]);
    out_puts(o, "\n");
    enums_test(a, o, m, upper);
    runner(o, m, upper);
}
