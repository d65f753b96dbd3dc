/*
** Fuzz target: the runtime driving a generated machine (FUZZ_MACHINE, from FUZZ_SPEC) with
** arbitrary sequences of fire, restore, restore by name, lookup, allowed and hooks (a veto that
** refuses or not, every hook re-entering), guards answered by a callback (or none attached), many
** arguments out of range. Each answer is checked against a table built here from the spec's
** checked model, not from the generated tables, matching states, triggers and guards by name.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "transit.h"
#include FUZZ_HEADER

enum { MAX_STATES = 64, MAX_TRIGGERS = 64, MAX_ALTERNATIVES = 8 };

static const transit_machine *def = &FUZZ_MACHINE;
static uint32_t states, triggers;
/* want[s][t][k]: the runtime state entered from s on t by initiator bit k when its first
   alternative is taken, or -1 when that initiator has none. */
static int want[MAX_STATES][MAX_TRIGGERS][3];
/* The alternatives of (s, t, k) in the order they are tried: the guard's runtime index (-1 when
   unguarded), whether it is negated, the target. */
typedef struct alternative {
    int guard, negated, to;
} alternative;
static alternative alts[MAX_STATES][MAX_TRIGGERS][3][MAX_ALTERNATIVES];
static int alt_count[MAX_STATES][MAX_TRIGGERS][3];
static const char *persisted[MAX_STATES];

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);              \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The runtime index of the name among count names, by plain search; aborts when it is absent. */
static int runtime_index(const char *(*name_of)(const transit_machine *, int), uint32_t count,
                         const char *name) {
    for (uint32_t i = 0; i < count; i++)
        if (strcmp(name_of(def, (int)i), name) == 0)
            return (int)i;
    fprintf(stderr, "'%s' is missing from the generated tables\n", name);
    abort();
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    CHECK(f);
    char *buf = malloc(1 << 20);
    CHECK(buf);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    size_t len;
    char *text = read_file(FUZZ_SPEC, &len);
    arena a = {0};
    diag d;
    model mo;
    CHECK(fuzz_compile(&a, &d, (const uint8_t *)text, len, &mo));
    CHECK(mo.machine_count == 1);
    const model_machine *m = &mo.machines[0];
    states = m->state_count;
    triggers = m->trigger_count;
    CHECK(states == def->state_count && triggers == def->trigger_count);
    CHECK(states <= MAX_STATES && triggers <= MAX_TRIGGERS);
    memset(want, -1, sizeof want);
    int state_at[MAX_STATES], trigger_at[MAX_TRIGGERS];
    for (uint32_t s = 0; s < states; s++) {
        state_at[s] = runtime_index(transit_state_name, states, m->states[s].name);
        persisted[state_at[s]] = strdup(m->states[s].persisted);
    }
    for (uint32_t t = 0; t < triggers; t++)
        trigger_at[t] = runtime_index(transit_trigger_name, triggers, m->triggers[t].name);
    CHECK((int)def->initial == state_at[m->initial]);
    uint32_t *found = malloc((m->transition_count + 1) * sizeof *found);
    CHECK(found);
    for (uint32_t s = 0; s < states; s++)
        for (uint32_t t = 0; t < triggers; t++)
            for (int k = 0; k < 3; k++) {
                uint32_t n = model_alternatives(m, s, t, 1u << k, found);
                CHECK(n <= MAX_ALTERNATIVES);
                int rs = state_at[s], rt = trigger_at[t];
                alt_count[rs][rt][k] = (int)n;
                for (uint32_t j = 0; j < n; j++) {
                    const model_transition *tr = &m->transitions[found[j]];
                    alternative *a = &alts[rs][rt][k][j];
                    a->guard = tr->guard == MODEL_NO_GUARD
                                   ? -1
                                   : transit_guard_index(def, m->guards[tr->guard].name);
                    CHECK(tr->guard == MODEL_NO_GUARD || a->guard >= 0);
                    a->negated = tr->negated;
                    a->to = state_at[tr->to];
                }
                if (n > 0)
                    want[rs][rt][k] = alts[rs][rt][k][0].to;
            }
    free(found);
    arena_free(&a);
    free(text);
    return 0;
}

/* The hooks: the veto answers `refuse`; every hook tries to fire and restore the instance,
   which must answer TRANSIT_BUSY, and counts its calls. */
typedef struct hook_state {
    int refuse;
    int calls;
    transit_instance *inst;
} hook_state;

static void reenter(hook_state *h) {
    h->calls++;
    CHECK(transit_fire(h->inst, 0, TRANSIT_USER) == TRANSIT_BUSY);
    CHECK(transit_restore(h->inst, 0) == TRANSIT_BUSY);
    CHECK(transit_set_hooks(h->inst, NULL, NULL) == TRANSIT_BUSY);
}
static int veto(void *ctx, const transit_instance *inst, const transit_event *e) {
    (void)inst, (void)e;
    reenter(ctx);
    return ((hook_state *)ctx)->refuse;
}
static void step(void *ctx, const transit_instance *inst, const transit_event *e) {
    (void)inst, (void)e;
    reenter(ctx);
}
static const transit_hooks hooks = {veto, step, step, step};

/* The guards as the fuzzer sets them: a callback attached or not, and bit g of holds for guard g
   (guards past the last bit do not hold). */
typedef struct guard_state {
    int attached;
    unsigned holds;
} guard_state;

static int answer(void *ctx, const transit_instance *inst, int guard, const transit_event *e) {
    (void)inst, (void)e;
    CHECK(guard >= 0 && (uint32_t)guard < def->guard_count);
    return guard < 32 && (((const guard_state *)ctx)->holds >> guard) & 1;
}

/* What firing t by initiator from s should give, and where it goes; g NULL: as transit_lookup
   without guards (TRANSIT_NO_GUARD when the choice depends on one). */
static transit_result expect_guarded(int s, int t, int initiator, const guard_state *g, int *to) {
    int slot = initiator == TRANSIT_USER ? 0 : initiator == TRANSIT_AUTO ? 1
             : initiator == TRANSIT_SELF ? 2 : -1;
    if (slot < 0 || s < 0 || s >= (int)states || t < 0 || t >= (int)triggers)
        return TRANSIT_INVALID;
    const int *cell = want[s][t];
    if (cell[0] < 0 && cell[1] < 0 && cell[2] < 0)
        return TRANSIT_NO_TRANSITION;
    if (cell[slot] < 0)
        return TRANSIT_NOT_PERMITTED;
    const alternative *a = alts[s][t][slot];
    if (a[0].guard < 0) {
        *to = a[0].to;
        return TRANSIT_OK;
    }
    if (!g || !g->attached)
        return TRANSIT_NO_GUARD;
    for (int j = 0; j < alt_count[s][t][slot]; j++)
        if (a[j].guard < 0 || (int)((g->holds >> a[j].guard) & 1) != a[j].negated) {
            *to = a[j].to;
            return TRANSIT_OK;
        }
    return TRANSIT_GUARD_FAILED;
}

/* Whether initiator has any transition from s on t (what transit_allowed lists). */
static int has_alternative(int s, int t, int initiator) {
    int slot = initiator == TRANSIT_USER ? 0 : initiator == TRANSIT_AUTO ? 1 : 2;
    return want[s][t][slot] >= 0;
}

/* A value in -1 .. count (both ends out of range) or, for big, far outside. */
static int pick(uint8_t b, uint32_t count, int big) {
    if (big)
        return (int)((uint32_t)b * 0x01010101u); /* wraps to negatives too */
    return (int)(b % (count + 2)) - 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    transit_instance inst;
    CHECK(transit_init(&inst, def) == TRANSIT_OK);
    int state = (int)def->initial;
    hook_state hs = {0, 0, &inst};
    guard_state gs = {0, 0}; /* the instance keeps a pointer to it: one for the whole run */
    int hooked = 0;
    for (size_t i = 0; i + 3 <= size; i += 3) {
        uint8_t op = data[i] & 7, b1 = data[i + 1], b2 = data[i + 2];
        int big = data[i] >> 7;
        int to = -1;
        switch (op) {
        case 0: case 1: case 2: { /* fire */
            int t = pick(b1, triggers, big);
            int who = big ? (int)((unsigned)b2 << 24) : b2 & 7;
            /* the guards of this fire: a callback or none (bit 3), what holds (bits 4-7) */
            gs.attached = (b2 >> 3) & 1;
            gs.holds = (unsigned)b2 >> 4;
            CHECK(transit_set_guard(&inst, gs.attached ? answer : NULL, &gs) == TRANSIT_OK);
            transit_result r = expect_guarded(state, t, who, &gs, &to);
            int calls = hs.calls;
            if (r == TRANSIT_OK && hooked && hs.refuse)
                r = TRANSIT_VETOED;
            CHECK(transit_fire(&inst, t, (transit_initiator)who) == r);
            if (r == TRANSIT_OK)
                state = to;
            /* Veto, exit, enter and observe for a transition; the veto alone for a refusal. */
            CHECK(hs.calls - calls == (!hooked || (r != TRANSIT_OK && r != TRANSIT_VETOED) ? 0
                                       : r == TRANSIT_OK ? 4 : 1));
            break;
        }
        case 3: { /* restore */
            int s = pick(b1, states, big);
            transit_result r = s >= 0 && s < (int)states ? TRANSIT_OK : TRANSIT_INVALID;
            CHECK(transit_restore(&inst, s) == r);
            if (r == TRANSIT_OK)
                state = s;
            break;
        }
        case 4: { /* restore by persisted name, spec name, or garbage */
            uint32_t s = b1 % states;
            const char *name = b2 % 3 == 0 ? persisted[s]
                             : b2 % 3 == 1 ? transit_state_name(def, (int)s) : "no such state";
            /* Identifiers and persisted names are unique together: at most one state matches. */
            int found = -1;
            for (uint32_t k = 0; k < states && found < 0; k++)
                if (strcmp(transit_state_name(def, (int)k), name) == 0)
                    found = (int)k;
            for (uint32_t k = 0; k < states && found < 0; k++)
                if (strcmp(persisted[k], name) == 0)
                    found = (int)k;
            transit_result expect = found < 0 ? TRANSIT_UNKNOWN_NAME : TRANSIT_OK;
            CHECK(transit_restore_name(&inst, name) == expect);
            if (found >= 0)
                state = found;
            break;
        }
        case 5: { /* lookup from any state */
            int s = pick(b1, states, big), t = pick(b2, triggers, 0);
            int who = 1 << (b2 % 4); /* 8 is out of range */
            int got = -1;
            transit_result r = expect_guarded(s, t, who, NULL, &to);
            CHECK(transit_lookup(def, s, t, (transit_initiator)who, &got) == r);
            CHECK(r != TRANSIT_OK || got == to);
            break;
        }
        case 6: { /* allowed */
            int who = b1 & 7, cap = b2 % 5, out[MAX_TRIGGERS];
            int n = 0, expected[MAX_TRIGGERS];
            for (int t = 0; t < (int)triggers && (who == TRANSIT_USER || who == TRANSIT_AUTO ||
                                                   who == TRANSIT_SELF); t++)
                if (has_alternative(state, t, who)) /* guarded ones too: no guard is asked */
                    expected[n++] = t;
            int got = transit_allowed(&inst, (transit_initiator)who, out, cap);
            if (who != TRANSIT_USER && who != TRANSIT_AUTO && who != TRANSIT_SELF) {
                CHECK(got == -1);
            } else {
                CHECK(got == n);
                for (int k = 0; k < n && k < cap; k++)
                    CHECK(out[k] == expected[k]);
            }
            break;
        }
        case 7: /* hooks on or off, the veto refusing or not; or the names of any index */
            if (b1 & 1) {
                hooked = b2 & 1;
                hs.refuse = (b2 >> 1) & 1;
                CHECK(transit_set_hooks(&inst, hooked ? &hooks : NULL, &hs) == TRANSIT_OK);
                break;
            }
            CHECK((transit_state_name(def, pick(b1, states, big)) != NULL) ==
                  (pick(b1, states, big) >= 0 && pick(b1, states, big) < (int)states));
            CHECK((transit_trigger_name(def, pick(b2, triggers, big)) != NULL) ==
                  (pick(b2, triggers, big) >= 0 && pick(b2, triggers, big) < (int)triggers));
            break;
        }
        CHECK(transit_state(&inst) == state);
    }
    return 0;
}
