/*
** The dispatch benchmark: the generated Meshery and Bindplane machines (transit_fire() and the
** inline fast path) against a hand-written switch, Boost.MSM and a naive strcmp implementation, on
** one seeded stream of (trigger, initiator) pairs per machine. Every implementation must produce
** the same states and results; then each is timed (median of several runs). With --one it runs a
** single implementation once, for valgrind --tool=callgrind to count its instructions.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bindplane_collector.h"
#include "dispatch.h"
#include "meshery_connection.h"

typedef struct impl {
    const char *name;
    run_fn *run;
    run_names_fn *run_names; /* the naive one: its states are names */
} impl;

typedef struct bench_machine {
    const char *name;
    const transit_machine *def;
    impl impls[8];
} bench_machine;

static const bench_machine machines[] = {
    {"meshery", &meshery_connection_machine,
     {{"hand", run_meshery_hand, NULL},
      {"transit_fire", run_meshery_transit_fire, NULL},
      {"fast", run_meshery_fast, NULL},
      {"observer", run_meshery_observer, NULL},
      {"msm", run_meshery_msm, NULL},
      {"naive", NULL, run_meshery_naive}}},
    {"bindplane", &bindplane_collector_machine,
     {{"hand", run_bindplane_hand, NULL},
      {"transit_fire", run_bindplane_transit_fire, NULL},
      {"fast", run_bindplane_fast, NULL},
      {"observer", run_bindplane_observer, NULL},
      {"msm", run_bindplane_msm, NULL},
      {"naive", NULL, run_bindplane_naive}}},
};

/* xorshift64*: the stream is the same on every machine and run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint32_t rng(uint32_t bound) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 33) % bound;
}

static const transit_initiator initiators[3] = {TRANSIT_USER, TRANSIT_AUTO, TRANSIT_SELF};

/* Whether some accepted transition leaves state for another (a way out: not a dead end). */
static int has_exit(const transit_machine *def, int state) {
    for (int t = 0; t < (int)def->trigger_count; t++)
        for (int k = 0; k < 3; k++) {
            int to;
            if (transit_lookup(def, state, t, initiators[k], &to) == TRANSIT_OK && to != state)
                return 1;
        }
    return 0;
}

/* n steps on CONNECTIONS connections, each step to a connection picked at random: about half
   accepted, a quarter not permitted (a transition, the wrong initiator) and a quarter with no
   transition. An accepted step never enters a dead end (Meshery's deleted), so the walk keeps
   moving through the machine. */
static step *make_stream(const transit_machine *def, size_t n) {
    step *steps = malloc(n * sizeof *steps);
    if (!steps)
        abort();
    int exits[64] = {0};
    for (int s = 0; s < (int)def->state_count && s < 64; s++)
        exits[s] = has_exit(def, s);
    int states[CONNECTIONS];
    for (int c = 0; c < CONNECTIONS; c++)
        states[c] = (int)def->initial;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)rng(CONNECTIONS);
        int state = states[c];
        step cand[3][64 * 3]; /* accepted, not permitted, no transition */
        size_t count[3] = {0, 0, 0};
        for (int t = 0; t < (int)def->trigger_count && t < 64; t++)
            for (int k = 0; k < 3; k++) {
                int to = state;
                transit_result r = transit_lookup(def, state, t, initiators[k], &to);
                if (r == TRANSIT_OK && !exits[to])
                    continue;
                int kind = r == TRANSIT_OK ? 0 : r == TRANSIT_NOT_PERMITTED ? 1 : 2;
                cand[kind][count[kind]++] = (step){c, (uint8_t)t, (uint8_t)initiators[k]};
            }
        uint32_t roll = rng(4);
        int kind = roll < 2 ? 0 : roll == 2 ? 1 : 2;
        while (count[kind] == 0)
            kind = (kind + 1) % 3;
        steps[i] = cand[kind][rng((uint32_t)count[kind])];
        int to;
        transit_initiator by = (transit_initiator)steps[i].initiator;
        if (transit_lookup(def, state, steps[i].trigger, by, &to) == TRANSIT_OK)
            states[c] = to;
    }
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
static int check(const bench_machine *m, const step *steps, size_t n, uint8_t *trace,
                 uint8_t *expected, const char **names) {
    int bad = 0;
    uint32_t want = run_once(m, &m->impls[0], steps, n, expected, names);
    for (const impl *im = m->impls + 1; im->name; im++) {
        uint32_t got = run_once(m, im, steps, n, trace, names);
        size_t i = 0;
        while (i < n && trace[i] == expected[i])
            i++;
        if (got != want || i < n) {
            fprintf(stderr, "%s/%s disagrees with the hand switch: result sum %u vs %u, "
                    "first state difference at step %zu\n", m->name, im->name, got, want, i);
            bad = 1;
        }
    }
    /* The stream's mix, from the runtime's own lookup of each step. */
    size_t kinds[TRANSIT_RESULT_COUNT] = {0};
    int states[CONNECTIONS];
    for (int c = 0; c < CONNECTIONS; c++)
        states[c] = (int)m->def->initial;
    for (size_t i = 0; i < n; i++) {
        int *state = &states[steps[i].connection];
        kinds[transit_lookup(m->def, *state, steps[i].trigger,
                             (transit_initiator)steps[i].initiator, state)]++;
    }
    double all = (double)n;
    printf("%s: %zu steps %s (%.0f%% ok, %.0f%% not permitted, %.0f%% no transition)\n", m->name,
           n, bad ? "DISAGREE" : "agree across implementations",
           100.0 * (double)kinds[TRANSIT_OK] / all,
           100.0 * (double)kinds[TRANSIT_NOT_PERMITTED] / all,
           100.0 * (double)kinds[TRANSIT_NO_TRANSITION] / all);
    return bad;
}

static void timing(const bench_machine *m, const step *steps, size_t n, uint8_t *trace,
                   const char **names, int runs) {
    double ns[8] = {0};
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
    for (size_t k = 0; m->impls[k].name; k++)
        printf("| %-9s | %-12s | %8.2f | %6.2fx |\n", m->name, m->impls[k].name, ns[k],
               ns[k] / ns[0]);
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
   through a scratch instance. */
static void million(const step *steps) {
    enum { N = 1000000 };
    uint8_t *state = malloc(N);
    if (!state)
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
    printf("\nA million Meshery connections: %d bytes of state (1 byte each), the machine shared;\n"
           "4 fires each through a %zu-byte scratch instance: %.1f ns per fire (%u accepted).\n", N,
           sizeof scratch, secs * 1e9 / (4.0 * N), ok);
    free(state);
}

/* The timing tables, the memory figures and the million connections. */
static void report(step *const *streams, size_t n, uint8_t *trace, const char **names, int runs) {
    printf("\n%zu fires per run, median of %d runs\n\n", n, runs);
    printf("| machine   | implementation | ns/fire | vs hand |\n|---|---|---:|---:|\n");
    for (size_t i = 0; i < 2; i++)
        timing(&machines[i], streams[i], n, trace, names, runs);
    printf("\nsizeof(transit_instance) = %zu bytes, sizeof(transit_machine) = %zu bytes\n\n",
           sizeof(transit_instance), sizeof(transit_machine));
    printf("| machine | size | runtime tables | fast path table |\n|---|---|---:|---:|\n");
    memory(&machines[0], sizeof meshery_connection_next);
    memory(&machines[1], sizeof bindplane_collector_next);
    million(streams[0]);
}

int main(int argc, char **argv) {
    size_t n = 1u << 20;
    int runs = 7;
    if (argc == 5 && !strcmp(argv[1], "--one")) {
        /* --one MACHINE IMPL N: one run, for callgrind */
        n = strtoul(argv[4], NULL, 10);
        for (size_t i = 0; i < sizeof machines / sizeof *machines; i++)
            for (const impl *im = machines[i].impls; im->name; im++)
                if (!strcmp(machines[i].name, argv[2]) && !strcmp(im->name, argv[3])) {
                    step *steps = make_stream(machines[i].def, n);
                    uint8_t *trace = malloc(n);
                    const char **names = malloc(n * sizeof *names);
                    if (!trace || !names)
                        abort();
                    printf("%u\n", run_once(&machines[i], im, steps, n, trace, names));
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
    uint8_t *trace = malloc(n), *expected = malloc(n);
    const char **names = malloc(n * sizeof *names);
    if (!trace || !expected || !names)
        abort();
    int bad = 0;
    step *streams[2];
    for (size_t i = 0; i < 2; i++) {
        streams[i] = make_stream(machines[i].def, check_only ? n : steps_wanted);
        bad |= check(&machines[i], streams[i], n, trace, expected, names);
    }
    if (!bad && !check_only)
        report(streams, n, trace, names, runs);
    for (size_t i = 0; i < 2; i++)
        free(streams[i]);
    free(trace);
    free(expected);
    free(names);
    return bad;
}
