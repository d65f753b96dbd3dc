/*
** The dispatch benchmark (issues 9 and 18): generated machines of four shapes (the door: 5 states,
** 7 triggers, initiator-dependent targets, a wildcard, self-loops; the Meshery and Bindplane
** specs; a wide machine of 100 states and 50 triggers; the lease, whose choices ask guards) driven
** through transit_fire(), the inline fast path, the compact form and an observer hook, against a
** hand-written switch per machine, Boost.MSM and a naive strcmp implementation (the two real specs), on seeded streams of
** (connection, trigger, initiator) steps: a random one and a predictable one (one short cycle
** repeated). Every implementation must produce the same states and results as the hand switch;
** then each is timed (median of several runs). With --one it runs a single implementation once on
** the random stream, for valgrind --tool=callgrind to count its instructions.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bindplane_collector.h"
#include "dispatch.h"
#include "door.h"
#include "lease.h"
#include "meshery_connection.h"
#include "wide.h"

typedef struct impl {
    const char *name;
    run_fn *run;
    run_names_fn *run_names; /* the naive one: its states are names */
    int bare;                /* the loop alone: not checked against the others */
} impl;

typedef struct bench_machine {
    const char *name;
    const transit_machine *def;
    impl impls[10];
} bench_machine;

#define LOOP {"loop", run_loop, NULL, 1}

static const bench_machine machines[] = {
    {"door", &door_machine,
     {{"hand", run_door_hand, NULL, 0},
      {"fast", run_door_fast, NULL, 0},
      {"compact", run_door_compact, NULL, 0},
      {"transit_fire", run_door_transit_fire, NULL, 0},
      {"observer", run_door_observer, NULL, 0},
      LOOP}},
    {"meshery", &meshery_connection_machine,
     {{"hand", run_meshery_hand, NULL, 0},
      {"fast", run_meshery_fast, NULL, 0},
      {"transit_fire", run_meshery_transit_fire, NULL, 0},
      {"observer", run_meshery_observer, NULL, 0},
      {"msm", run_meshery_msm, NULL, 0},
      {"naive", NULL, run_meshery_naive, 0},
      LOOP}},
    {"bindplane", &bindplane_collector_machine,
     {{"hand", run_bindplane_hand, NULL, 0},
      {"fast", run_bindplane_fast, NULL, 0},
      {"transit_fire", run_bindplane_transit_fire, NULL, 0},
      {"observer", run_bindplane_observer, NULL, 0},
      {"msm", run_bindplane_msm, NULL, 0},
      {"naive", NULL, run_bindplane_naive, 0},
      LOOP}},
    {"wide", &wide_machine,
     {{"hand", run_wide_hand, NULL, 0},
      {"fast", run_wide_fast, NULL, 0},
      {"compact", run_wide_compact, NULL, 0},
      {"transit_fire", run_wide_transit_fire, NULL, 0},
      {"observer", run_wide_observer, NULL, 0},
      LOOP}},
    {"lease", &lease_machine,
     {{"hand", run_lease_hand, NULL, 0},
      {"fast", run_lease_fast, NULL, 0},
      {"transit_fire", run_lease_transit_fire, NULL, 0},
      {"observer", run_lease_observer, NULL, 0},
      LOOP}},
};

enum { MACHINES = sizeof machines / sizeof *machines };

/* xorshift64*: the stream is the same on every machine and run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rng(uint32_t bound) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 33) % bound;
}

static const transit_initiator initiators[3] = {TRANSIT_USER, TRANSIT_AUTO, TRANSIT_SELF};

/* What may be fired from each state, by kind: 0 accepted (and not into a dead end, so a walk
   keeps moving), 1 not permitted (a transition, the wrong initiator), 2 no transition. */
typedef struct choices {
    uint32_t states, per_state;
    step *cand[3];      /* [states * per_state] (trigger, initiator) pairs, connection 0 */
    uint32_t *count[3]; /* [states] */
} choices;

/* Whether some accepted transition leaves state for another, or a guarded choice might (a way
   out: not a dead end). */
static int has_exit(const transit_machine *def, int state) {
    for (int t = 0; t < (int)def->trigger_count; t++)
        for (int k = 0; k < 3; k++) {
            int to;
            transit_result r = transit_lookup(def, state, t, initiators[k], &to);
            if ((r == TRANSIT_OK && to != state) || r == TRANSIT_NO_GUARD)
                return 1;
        }
    return 0;
}

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

static choices make_choices(const transit_machine *def) {
    choices ch = {def->state_count, def->trigger_count * 3, {NULL}, {NULL}};
    int *exits = xcalloc(def->state_count, sizeof *exits);
    for (uint32_t s = 0; s < def->state_count; s++)
        exits[s] = has_exit(def, (int)s);
    for (int kind = 0; kind < 3; kind++) {
        ch.cand[kind] = xcalloc((size_t)ch.states * ch.per_state, sizeof(step));
        ch.count[kind] = xcalloc(ch.states, sizeof(uint32_t));
    }
    for (uint32_t s = 0; s < def->state_count; s++)
        for (uint32_t t = 0; t < def->trigger_count; t++)
            for (int k = 0; k < 3; k++) {
                int to = (int)s;
                transit_result r = transit_lookup(def, (int)s, (int)t, initiators[k], &to);
                if (r == TRANSIT_NO_GUARD) /* a guarded choice: its guards decide at run time */
                    r = TRANSIT_OK, to = (int)s; /* s has a way out: this one */
                if (r == TRANSIT_OK && !exits[to])
                    continue;
                int kind = r == TRANSIT_OK ? 0 : r == TRANSIT_NOT_PERMITTED ? 1 : 2;
                ch.cand[kind][(size_t)s * ch.per_state + ch.count[kind][s]++] =
                    (step){0, (uint8_t)t, (uint8_t)initiators[k]};
            }
    free(exits);
    return ch;
}

static void free_choices(choices *ch) {
    for (int kind = 0; kind < 3; kind++) {
        free(ch->cand[kind]);
        free(ch->count[kind]);
    }
}

/* A step from state: accepted half the time, not permitted a quarter, no transition a quarter
   (whichever exists when the one rolled does not). */
static step pick(const choices *ch, uint32_t state) {
    uint32_t roll = rng(4);
    int kind = roll < 2 ? 0 : roll == 2 ? 1 : 2;
    while (ch->count[kind][state] == 0)
        kind = (kind + 1) % 3;
    return ch->cand[kind][(size_t)state * ch->per_state + rng(ch->count[kind][state])];
}

/* The guards' state while streams are made: guarded choices go as bench_guard answers. */
static uint32_t stream_guards = GUARD_SEED;

/* The state after step from state (unchanged unless accepted). */
static uint32_t after(const transit_machine *def, uint32_t state, step st) {
    int to;
    if (transit_lookup_guarded(def, (int)state, st.trigger, (transit_initiator)st.initiator,
                               bench_guard, &stream_guards, &to) == TRANSIT_OK)
        return (uint32_t)to;
    return state;
}

/* The random stream: n steps, each on one of CONNECTIONS connections picked at random. */
static step *random_stream(const transit_machine *def, const choices *ch, size_t n) {
    step *steps = xcalloc(n, sizeof *steps);
    uint32_t states[CONNECTIONS];
    for (int c = 0; c < CONNECTIONS; c++)
        states[c] = def->initial;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)rng(CONNECTIONS);
        steps[i] = pick(ch, states[c]);
        steps[i].connection = c;
        states[c] = after(def, states[c], steps[i]);
    }
    return steps;
}

/* The predictable stream: one connection walks 24 random steps from the initial state, then the
   shortest way back to it (by accepted transitions), and that cycle repeats: a branch predictor
   learns it. */
static step *predictable_stream(const transit_machine *def, const choices *ch, size_t n) {
    step cycle[24 + 256 * 3];
    size_t len = 0;
    uint32_t state = def->initial;
    for (; len < 24; len++) {
        cycle[len] = pick(ch, state);
        state = after(def, state, cycle[len]);
    }
    /* Breadth-first search back to the initial state over accepted steps. */
    uint32_t ns = def->state_count;
    int *seen = xcalloc(ns, sizeof *seen);
    uint32_t *queue = xcalloc(ns, sizeof *queue), *from = xcalloc(ns, sizeof *from);
    step *via = xcalloc(ns, sizeof *via);
    size_t head = 0, tail = 0;
    queue[tail++] = state;
    seen[state] = 1;
    while (head < tail && !seen[def->initial]) {
        uint32_t s = queue[head++];
        for (uint32_t j = 0; j < ch->count[0][s]; j++) {
            step st = ch->cand[0][(size_t)s * ch->per_state + j];
            uint32_t to = after(def, s, st);
            if (!seen[to]) {
                seen[to] = 1, from[to] = s, via[to] = st;
                queue[tail++] = to;
            }
        }
    }
    if (!seen[def->initial]) {
        fprintf(stderr, "dispatch: %s: no way back to the initial state\n", def->name);
        abort();
    }
    size_t back = 0;
    for (uint32_t s = def->initial; s != state; s = from[s])
        back++;
    if (len + back > sizeof cycle / sizeof *cycle)
        abort();
    size_t k = len + back;
    for (uint32_t s = def->initial; s != state; s = from[s])
        cycle[--k] = via[s];
    len += back;
    free(seen), free(queue), free(from), free(via);
    step *steps = xcalloc(n, sizeof *steps);
    for (size_t i = 0; i < n; i++)
        steps[i] = cycle[i % len];
    return steps;
}

/* Runs an implementation once; trace gets transit's state numbers. */
static uint32_t run_once(const bench_machine *m, const impl *im, const step *steps, size_t n,
                         uint8_t *trace, const char **names) {
    if (im->run)
        return im->run(steps, n, trace);
    uint32_t sum = im->run_names(steps, n, names);
    for (size_t i = 0; i < n; i++)
        trace[i] = (uint8_t)transit_state_index(m->def, names[i]);
    return sum;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Every implementation against the first (the hand switch): same states, same result sum. */
static int check(const bench_machine *m, const char *stream, const step *steps, size_t n,
                 uint8_t *trace, uint8_t *expected, const char **names) {
    int bad = 0;
    uint32_t want = run_once(m, &m->impls[0], steps, n, expected, names);
    for (const impl *im = m->impls + 1; im->name; im++) {
        if (im->bare)
            continue;
        uint32_t got = run_once(m, im, steps, n, trace, names);
        size_t i = 0;
        while (i < n && trace[i] == expected[i])
            i++;
        if (got != want || i < n) {
            fprintf(stderr, "%s/%s disagrees with the hand switch on the %s stream: result sum "
                    "%u vs %u, first state difference at step %zu\n", m->name, im->name, stream,
                    got, want, i);
            bad = 1;
        }
    }
    /* The stream's mix, from the runtime's own lookup of each step. */
    size_t kinds[TRANSIT_RESULT_COUNT] = {0};
    uint32_t guards = GUARD_SEED;
    int states[CONNECTIONS];
    for (int c = 0; c < CONNECTIONS; c++)
        states[c] = (int)m->def->initial;
    for (size_t i = 0; i < n; i++) {
        int *state = &states[steps[i].connection];
        kinds[transit_lookup_guarded(m->def, *state, steps[i].trigger,
                                     (transit_initiator)steps[i].initiator, bench_guard, &guards,
                                     state)]++;
    }
    double all = (double)n;
    printf("%s, %s stream: %zu steps %s (%.0f%% ok, %.0f%% not permitted, %.0f%% no "
           "transition, %.0f%% guard failed)\n", m->name, stream, n,
           bad ? "DISAGREE" : "agree across implementations",
           100.0 * (double)kinds[TRANSIT_OK] / all,
           100.0 * (double)kinds[TRANSIT_NOT_PERMITTED] / all,
           100.0 * (double)kinds[TRANSIT_NO_TRANSITION] / all,
           100.0 * (double)kinds[TRANSIT_GUARD_FAILED] / all);
    return bad;
}

/* Median ns per fire of each implementation over runs runs. */
static void median_ns(const bench_machine *m, const step *steps, size_t n, uint8_t *trace,
                      const char **names, int runs, double *ns) {
    for (size_t k = 0; m->impls[k].name; k++) {
        double t[32] = {0};
        for (int r = 0; r < runs; r++) {
            double start = now();
            run_once(m, &m->impls[k], steps, n, trace, names);
            t[r] = (now() - start) * 1e9 / (double)n;
        }
        qsort(t, (size_t)runs, sizeof *t, by_value);
        ns[k] = t[runs / 2];
    }
}

static void timing(const bench_machine *m, const step *random, const step *predictable, size_t n,
                   uint8_t *trace, const char **names, int runs) {
    double a[10] = {0}, b[10] = {0};
    median_ns(m, random, n, trace, names, runs, a);
    median_ns(m, predictable, n, trace, names, runs, b);
    for (size_t k = 0; m->impls[k].name; k++)
        printf("| %-9s | %-12s | %8.2f | %6.2fx | %8.2f | %6.2fx |\n", m->name, m->impls[k].name,
               a[k], a[k] / a[0], b[k], b[k] / b[0]);
}

/* Sizes of the runtime's tables and the fast path's table of one machine. */
static void memory(const bench_machine *m, size_t fast_bytes) {
    const transit_machine *d = m->def;
    size_t w = d->width;
    /* row and two name indexes per state, a name index per trigger; per cell: owner,
       initiators (one byte) and three targets */
    size_t tables = w * d->state_count * 3 + w * d->trigger_count +
                    (size_t)d->cell_count * (w * 4 + 1);
    printf("| %-9s | %u states, %u triggers | %zu B | %zu B |\n", m->name, d->state_count,
           d->trigger_count, tables, fast_bytes);
}

/* A million connections: each state one byte in an array, the machine shared; each fired once
   through a scratch instance, and the same through the compact form in place. */
static void million(const step *steps) {
    enum { N = 1000000 };
    uint8_t *state = malloc(N);
    meshery_connection_compact *compact = malloc(N * sizeof *compact);
    if (!state || !compact)
        abort();
    transit_instance scratch;
    transit_init(&scratch, &meshery_connection_machine);
    memset(state, (int)scratch.state, N);
    double start = now();
    uint32_t ok = 0;
    for (int pass = 0; pass < 4; pass++)
        for (size_t c = 0; c < N; c++) {
            const step *s = &steps[(size_t)pass * N + c];
            transit_restore(&scratch, state[c]);
            ok += meshery_connection_fire(&scratch, s->trigger, (transit_initiator)s->initiator) ==
                  TRANSIT_OK;
            state[c] = (uint8_t)transit_state(&scratch);
        }
    double secs = now() - start;
    for (size_t c = 0; c < N; c++)
        meshery_connection_compact_init(&compact[c]);
    start = now();
    uint32_t ok2 = 0;
    for (int pass = 0; pass < 4; pass++)
        for (size_t c = 0; c < N; c++) {
            const step *s = &steps[(size_t)pass * N + c];
            ok2 += meshery_connection_compact_fire(&compact[c], s->trigger,
                                                   (transit_initiator)s->initiator) == TRANSIT_OK;
        }
    double secs2 = now() - start;
    printf("\nA million Meshery connections: %d bytes of state (1 byte each), the machine shared;\n"
           "4 fires each through a %zu-byte scratch instance: %.1f ns per fire (%u accepted);\n"
           "as %zu-byte meshery_connection_compact values fired in place: %.1f ns per fire (%u "
           "accepted).\n", N, sizeof scratch, secs * 1e9 / (4.0 * N), ok,
           sizeof *compact, secs2 * 1e9 / (4.0 * N), ok2);
    free(state);
    free(compact);
}

/* The timing tables, the memory figures and the million connections. */
static void report(step *const *random, step *const *predictable, size_t n, uint8_t *trace,
                   const char **names, int runs) {
    printf("\n%zu fires per run, median of %d runs\n\n", n, runs);
    printf("| machine   | implementation | random ns/fire | vs hand | predictable ns/fire | vs hand |"
           "\n|---|---|---:|---:|---:|---:|\n");
    for (size_t i = 0; i < MACHINES; i++)
        timing(&machines[i], random[i], predictable[i], n, trace, names, runs);
    printf("\nsizeof(transit_instance) = %zu bytes, sizeof(transit_machine) = %zu bytes, "
           "sizeof(door_compact) = %zu byte\n\n",
           sizeof(transit_instance), sizeof(transit_machine), sizeof(door_compact));
    printf("| machine | size | runtime tables | fast path table |\n|---|---|---:|---:|\n");
    memory(&machines[0], sizeof door_next);
    memory(&machines[1], sizeof meshery_connection_next);
    memory(&machines[2], sizeof bindplane_collector_next);
    memory(&machines[3], sizeof wide_next);
    memory(&machines[4], sizeof lease_next);
    million(random[1]);
}

int main(int argc, char **argv) {
    size_t n = 1u << 20;
    int runs = 7;
    if (argc == 5 && !strcmp(argv[1], "--one")) {
        /* --one MACHINE IMPL N: one run on the random stream, for callgrind */
        n = strtoul(argv[4], NULL, 10);
        for (size_t i = 0; i < MACHINES; i++)
            for (const impl *im = machines[i].impls; im->name; im++)
                if (!strcmp(machines[i].name, argv[2]) && !strcmp(im->name, argv[3])) {
                    choices ch = make_choices(machines[i].def);
                    step *steps = random_stream(machines[i].def, &ch, n);
                    uint8_t *trace = xcalloc(n, 1);
                    const char **names = xcalloc(n, sizeof *names);
                    printf("%u\n", run_once(&machines[i], im, steps, n, trace, names));
                    free_choices(&ch);
                    free(steps);
                    free(trace);
                    free(names);
                    return 0;
                }
        fprintf(stderr, "dispatch: no implementation %s of %s\n", argv[3], argv[2]);
        return 2;
    }
    int check_only = argc == 2 && !strcmp(argv[1], "--check");
    if (argc > 1 && !check_only) {
        fprintf(stderr, "usage: dispatch [--check | --one MACHINE IMPL N]\n");
        return 2;
    }
    if (check_only)
        n = 1u << 16;
    size_t steps_wanted = n > 4000000 ? n : 4000000;
    uint8_t *trace = xcalloc(n, 1), *expected = xcalloc(n, 1);
    const char **names = xcalloc(n, sizeof *names);
    int bad = 0;
    step *random[MACHINES], *predictable[MACHINES];
    for (size_t i = 0; i < MACHINES; i++) {
        choices ch = make_choices(machines[i].def);
        random[i] = random_stream(machines[i].def, &ch, check_only ? n : steps_wanted);
        predictable[i] = predictable_stream(machines[i].def, &ch, n);
        free_choices(&ch);
        bad |= check(&machines[i], "random", random[i], n, trace, expected, names);
        bad |= check(&machines[i], "predictable", predictable[i], n, trace, expected, names);
    }
    if (!bad && !check_only)
        report(random, predictable, n, trace, names, runs);
    for (size_t i = 0; i < MACHINES; i++)
        free(random[i]), free(predictable[i]);
    free(trace);
    free(expected);
    free(names);
    return bad;
}
