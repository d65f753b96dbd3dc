/*
** C emitter: MACHINE.h (enums of states, triggers and guards, the machine's declaration, the inline
** fast path) and MACHINE.c (the constant tables of runtime/transit.h, in the comb-compressed
** layout it reads, with the runs of guarded alternatives and each state's timer).
*/
#include <stdlib.h>
#include <string.h>

#include "cnames.h"
#include "emit.h"
#include "escape.h"

/* The transition table of one machine in the runtime's layout. */
typedef struct tables {
    uint32_t cell_count;
    uint32_t *row;       /* [state_count] */
    uint32_t *owner;     /* [cell_count] */
    uint8_t *initiators; /* [cell_count]: initiator bits, guarded ones << GUARDED_SHIFT */
    uint32_t *target;    /* [cell_count * 3]: a state, or a guarded choice's first alternative */
    uint32_t *alternatives; /* [alternative_count]: transition indexes, runs in try order */
    bool *last;             /* [alternative_count]: the last of its run */
    uint32_t alternative_count;
    unsigned width;      /* bytes per entry that fit every index */
} tables;

/* Bits 3-5 of a cell's initiators byte: the initiators whose choice is guarded (transit.h). */
enum { GUARDED_SHIFT = 3 };

/* The alternatives of (from, trigger) for initiator bit, in try order, into alts (room for the
   edges of from): how many. The choice is guarded unless there is exactly one, unguarded. */
static uint32_t choice(const model_machine *m, uint32_t from, uint32_t trigger, unsigned bit,
                       uint32_t *alts, bool *guarded) {
    uint32_t n = model_alternatives(m, from, trigger, bit, alts);
    *guarded = n > 1 || (n == 1 && m->transitions[alts[0]].guard != MODEL_NO_GUARD);
    return n;
}

/* Whether m's fast path must look for guarded choices: whether it declares a guard (so a header
   depends on declarations only, not on which transitions use them). */
static bool has_guarded_choice(const model_machine *m) { return m->guard_count > 0; }

/* Whether any state of m has a timer. */
static bool has_timer(const model_machine *m) {
    for (uint32_t s = 0; s < m->state_count; s++)
        if (m->states[s].after_ms)
            return true;
    return false;
}

/* Packs each state's row of cells into one array so rows interleave (first fit, states with
   most transitions first). A row of state s at base b owns cells b + trigger; a lookup checks the
   owner, so rows may overlap wherever their used cells do not. */
static void pack(arena *a, const model_machine *m, tables *t) {
    uint32_t ns = m->state_count, nt = m->trigger_count;
    uint32_t *order = arena_array(a, ns, sizeof *order);
    for (uint32_t s = 0; s < ns; s++)
        order[s] = s;
    /* Insertion by count would be quadratic; a counting sort on out-degree is linear. */
    uint32_t max_degree = 0;
    for (uint32_t s = 0; s < ns; s++) {
        uint32_t deg = m->out[s + 1] - m->out[s];
        if (deg > max_degree)
            max_degree = deg;
    }
    uint32_t *bucket = arena_array(a, (size_t)max_degree + 2, sizeof *bucket);
    for (uint32_t s = 0; s < ns; s++)
        bucket[max_degree - (m->out[s + 1] - m->out[s]) + 1]++;
    for (uint32_t i = 0; i <= max_degree; i++)
        bucket[i + 1] += bucket[i];
    for (uint32_t s = 0; s < ns; s++)
        order[bucket[max_degree - (m->out[s + 1] - m->out[s])]++] = s;

    size_t cap = (size_t)nt + 64;
    uint8_t *used = calloc(cap, 1);
    if (!used)
        arena_out_of_memory();
    t->row = arena_array(a, ns, sizeof *t->row);
    uint32_t low = 0;  /* every cell below low is used */
    uint32_t high = 0; /* every cell from high up is free */
    for (uint32_t i = 0; i < ns; i++) {
        uint32_t s = order[i];
        uint32_t first = m->out[s], last = m->out[s + 1];
        if (first == last) {
            t->row[s] = 0; /* owns nothing: every lookup misses on the owner check */
            continue;
        }
        while (low < high && used[low])
            low++;
        uint32_t min_trigger = m->transitions[first].trigger;
        /* First fit where the row's first cell lands on a free cell, in two places: from the
           lowest free cell (filling holes), then from the sparse frontier below high. Each
           search is bounded, so packing stays linear; failing both, new space at high. */
        uint32_t base = high > min_trigger ? high - min_trigger : 0;
        uint32_t starts[2] = {low, high > nt ? high - nt : 0};
        bool found = false;
        for (int phase = 0; phase < 2 && !found; phase++) {
            uint32_t c = starts[phase] > low ? starts[phase] : low;
            for (int steps = 0, tries = 0; c < high && steps < 1024 && tries < 32; c++, steps++) {
                if (used[c] || c < min_trigger)
                    continue;
                tries++;
                bool fits = true;
                for (uint32_t e = first; e < last && fits; e++) {
                    uint32_t cell = c - min_trigger + m->transitions[e].trigger;
                    fits = cell >= high || !used[cell];
                }
                if (fits) {
                    base = c - min_trigger;
                    found = true;
                    break;
                }
            }
        }
        if ((size_t)base + nt + 1 > cap) {
            size_t ncap = cap;
            while ((size_t)base + nt + 1 > ncap)
                ncap *= 2;
            used = xrealloc(used, ncap);
            memset(used + cap, 0, ncap - cap);
            cap = ncap;
        }
        t->row[s] = base;
        for (uint32_t e = first; e < last; e++) {
            uint32_t c = base + m->transitions[e].trigger;
            used[c] = 1;
            if (c + 1 > high)
                high = c + 1;
        }
    }
    free(used);
    /* Every row must be able to index all nt of its cells. */
    uint32_t count = high;
    for (uint32_t s = 0; s < ns; s++)
        if (t->row[s] + nt > count)
            count = t->row[s] + nt;
    t->cell_count = count;
    t->owner = arena_array(a, count, sizeof *t->owner);
    t->initiators = arena_array(a, count, sizeof *t->initiators);
    t->target = arena_array(a, (size_t)count * 3, sizeof *t->target);
    for (uint32_t c = 0; c < count; c++)
        t->owner[c] = ns; /* no state: a free cell */
    uint32_t max_out = 0;
    for (uint32_t s = 0; s < ns; s++)
        if (m->out[s + 1] - m->out[s] > max_out)
            max_out = m->out[s + 1] - m->out[s];
    /* A run lists edges of one cell for one initiator: three runs per edge at most. */
    size_t alt_cap = (size_t)3 * m->transition_count + 1;
    t->alternatives = arena_array(a, alt_cap, sizeof *t->alternatives);
    t->last = arena_array(a, alt_cap, sizeof *t->last);
    t->alternative_count = 0;
    uint32_t *alts = arena_array(a, (size_t)max_out + 1, sizeof *alts);
    for (uint32_t e = 0; e < m->transition_count; e++) {
        const model_transition *tr = &m->transitions[e];
        uint32_t c = t->row[tr->from] + tr->trigger;
        if (t->owner[c] == tr->from)
            continue; /* filled from an earlier edge of the same (from, trigger) */
        t->owner[c] = tr->from;
        for (unsigned k = 0; k < 3; k++) {
            bool guarded;
            uint32_t n = choice(m, tr->from, tr->trigger, 1u << k, alts, &guarded);
            if (!n)
                continue;
            t->initiators[c] |= (uint8_t)(1u << k);
            if (!guarded) {
                t->target[(size_t)c * 3 + k] = m->transitions[alts[0]].to;
                continue;
            }
            t->initiators[c] |= (uint8_t)(1u << (k + GUARDED_SHIFT));
            t->target[(size_t)c * 3 + k] = t->alternative_count;
            for (uint32_t i = 0; i < n; i++) {
                t->alternatives[t->alternative_count] = alts[i];
                t->last[t->alternative_count++] = i + 1 == n;
            }
        }
    }
    uint32_t biggest = ns > count ? ns : count;
    if (nt > biggest)
        biggest = nt;
    if (t->alternative_count > biggest)
        biggest = t->alternative_count;
    if (m->guard_count > biggest)
        biggest = m->guard_count;
    t->width = biggest <= UINT8_MAX ? 1 : biggest <= UINT16_MAX ? 2 : 4;
}

/* The runtime's table layout (TRANSIT_ABI_VERSION in runtime/transit.h) this emitter writes. */
enum { ABI_VERSION = 2 };

static const char *int_type(unsigned width) {
    return width == 1 ? "uint8_t" : width == 2 ? "uint16_t" : "uint32_t";
}

/* The fast path: MACHINE_fire(), inlined from the header, reads one entry of a dense table indexed
   by (state, trigger, initiator). Each dimension is padded to a power of two, at least 8: the
   initiator to 8 (its values are 1, 2 and 4), so that (trigger << 3) + initiator is one lea, and
   the range test shifts state and trigger down to 3 bits and tests all three with one or and one
   shift. An entry is a pair: the state after the call (unchanged unless the result is ok) and the
   result, so the lookup has no branch. The result codes are those of transit_result in
   runtime/transit.h, whose order TRANSIT_ABI_VERSION fixes. */
enum { FAST_OK, FAST_NO_TRANSITION, FAST_NOT_PERMITTED, FAST_INVALID = 5 };

/* The fast table's mark for a guarded choice: not a result; MACHINE_fire() calls transit_fire(),
   which asks the guards. Only machines with guards test for it. */
enum { FAST_GUARDED = 255 }; /* TRANSIT_FAST_GUARDED in runtime/transit.h */

/* Tables larger than this are not generated; MACHINE_fire() then calls transit_fire(). 128 KiB
   takes a machine of 100 states and 50 triggers (128 x 64 x 8 pairs of bytes). */
#define FAST_MAX_BYTES 131072u

typedef struct fast {
    unsigned state_bits, trigger_bits, initiator_bits; /* log2 of the padded dimensions */
    unsigned width;                                    /* bytes per value: 1 or 2; 0: no table */
    uint32_t count;                                    /* entries (pairs of values) */
} fast;

static unsigned bits_for(uint32_t n) {
    unsigned b = 0;
    while ((1ull << b) < n)
        b++;
    return b;
}

static bool fast_fits(fast *f) {
    uint64_t count = 1ull << (f->state_bits + f->trigger_bits + f->initiator_bits);
    if (count * 2 * f->width > FAST_MAX_BYTES)
        return false;
    f->count = (uint32_t)count;
    return true;
}

static fast fast_shape(const model_machine *m) {
    fast f = {bits_for(m->state_count), bits_for(m->trigger_count), 3, 0, 0};
    if (m->trigger_count == 0 || f.state_bits > 16)
        return f;
    f.width = f.state_bits <= 8 ? 1 : 2;
    if (f.state_bits < 3)
        f.state_bits = 3;
    if (f.trigger_bits < 3)
        f.trigger_bits = 3;
    if (!fast_fits(&f))
        f.width = 0;
    return f;
}

/* The guarded choices of m, one per (state, trigger, initiator) whose choice asks guards, in the
   fast table's order (state, trigger, then initiator 1, 2, 4): how many. */
static uint32_t guarded_choices(const model_machine *m) {
    uint32_t *alts = malloc(((size_t)m->transition_count + 1) * sizeof *alts);
    uint32_t count = 0;
    if (!alts)
        return UINT32_MAX;
    for (uint32_t s = 0; s < m->state_count; s++)
        for (uint32_t t = 0; t < m->trigger_count; t++)
            for (unsigned k = 0; k < 3; k++) {
                bool guarded;
                if (choice(m, s, t, 1u << k, alts, &guarded) && guarded)
                    count++;
            }
    free(alts);
    return count;
}

/* Whether MACHINE_fire() decides guarded choices itself: the machine has a fast table whose
   entries can hold the index of every guarded choice (in place of the next state), and guards.
   MACHINE_choose() in MACHINE.h then asks the guards as transit_fire() would; otherwise a
   guarded choice goes to transit_fire(). */
static bool fast_decides(const model_machine *m, const fast *f) {
    if (!f->width || !has_guarded_choice(m))
        return false;
    return (uint64_t)guarded_choices(m) <= (1ull << (8 * f->width));
}

/* The values of the fast table, in index order: next state and result of each entry. */
static uint32_t *fast_table(arena *a, const model_machine *m, const fast *f) {
    uint32_t *v = arena_array(a, (size_t)f->count * 2, sizeof *v);
    uint32_t nt = 1u << f->trigger_bits, ni = 1u << f->initiator_bits;
    uint32_t *alts = arena_array(a, (size_t)m->transition_count + 1, sizeof *alts);
    uint32_t choices = 0;
    bool decides = fast_decides(m, f);
    for (uint32_t s = 0; s < (1u << f->state_bits); s++)
        for (uint32_t t = 0; t < nt; t++)
            for (uint32_t i = 0; i < ni; i++) {
                uint32_t result = FAST_INVALID, next = s;
                if (s < m->state_count && t < m->trigger_count && (i == 1 || i == 2 || i == 4)) {
                    unsigned any = 0;
                    result = FAST_NO_TRANSITION;
                    for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
                        const model_transition *tr = &m->transitions[e];
                        if (tr->trigger == t)
                            any |= tr->by;
                    }
                    if (any & i) {
                        bool guarded;
                        choice(m, s, t, i, alts, &guarded);
                        result = guarded ? FAST_GUARDED : FAST_OK;
                        if (!guarded)
                            next = m->transitions[alts[0]].to;
                        else if (decides)
                            next = choices++; /* MACHINE_choose()'s case */
                    } else if (any) {
                        result = FAST_NOT_PERMITTED;
                    }
                }
                size_t k = ((size_t)s * nt + t) * ni + i;
                v[2 * k] = next;
                v[2 * k + 1] = result;
            }
    return v;
}

/* The fast path's range test of state, trigger and initiator: an expression that is nonzero
   when any is past the table (each shifted down to 3 bits, then all three at once). */
static void fast_range_test(out *o, const fast *f, const char *state, int indent) {
    unsigned sb = f->state_bits - 3, tb = f->trigger_bits - 3;
    out_puts(o, "((");
    if (sb)
        out_printf(o, "%s >> %u", state, sb);
    else
        out_puts(o, state);
    if (tb)
        out_printf(o, " | (uint32_t)trigger >> %u", tb);
    else
        out_puts(o, " | (uint32_t)trigger");
    out_printf(o, " |\n%*s(uint32_t)initiator) >> 3)", indent + 2, "");
}

/* Whether the fast table has a row pointer per state (MACHINE_rows): tables of 1-byte entries
   (up to 256 states; a row costs a pointer and its relocation). Loading the row saves the shift
   and add of the state's part of the index: one instruction a fire. */
static bool fast_rows(const fast *f) { return f->width == 1; }

/* `const T *row = (state's row); size_t k = 2 * (index of (trigger, initiator));` The entry is
   row[k] (state after the call) and row[k + 1] (result). */
static void fast_entry(out *o, const model_machine *m, const fast *f, const char *state) {
    if (fast_rows(f))
        out_printf(o, "    const %s *row = %s_rows[%s];\n", int_type(f->width), m->name, state);
    else
        out_printf(o, "    const %s *row = %s_next + ((size_t)%s << %u);\n", int_type(f->width),
                   m->name, state, f->trigger_bits + f->initiator_bits + 1);
    out_puts(o, "    size_t k = 2 * (((size_t)trigger << 3) + (size_t)initiator);\n");
}

static void emit_choices(arena *a, const model_machine *m, out *o, bool events);

/* MACHINE_choose() and MACHINE_fire_choice(), static inline: the decision of a guarded choice
   (see emit_choices()), and MACHINE_fire()'s way to it with transit_fire()'s checks. */
static void emit_choose(arena *a, const model_machine *m, out *o) {
    const char *n = m->name;
    out_printf(o, "/* The events %s_choose() tells the guards (private; in %s.c). */\n"
                  "extern const transit_event %s_choice_events[];\n\n", n, n, n);
    out_printf(o, "/* Decides guarded choice `choice` of the fast table (private: call %s_fire() or\n"
                  "   %s_compact_fire_guarded()): tries its alternatives in spec order exactly\n"
                  "   as runtime/transit.c's choose() does (a change to one is a change to the\n"
                  "   other): an unguarded one (the fallback, never first) is taken without asking;\n"
                  "   each guard is asked guard(context, inst, GUARD, event), event the fire and the\n"
                  "   alternative's target; the first that holds (or, 'when not', does not) is\n"
                  "   taken: TRANSIT_OK and *to; none: TRANSIT_GUARD_FAILED. guard is not NULL.\n"
                  "   Inlined, a constant guard function is called directly. */\n"
                  "static TRANSIT_ALWAYS_INLINE transit_result\n"
                  "%s_choose(unsigned choice, transit_guard_fn *guard, void *context,\n"
                  "%*sconst transit_instance *inst, uint32_t *to) {\n"
                  "    switch (choice) {\n",
               n, n, n, (int)strlen(n) + 8, "");
    emit_choices(a, m, o, false);
    out_puts(o, "    default: /* not a case of the table */\n        return TRANSIT_INVALID;\n"
                "    }\n}\n\n");
    out_printf(o, "/* %s_fire()'s guarded choice (private: call %s_fire()), with\n"
                  "   transit_fire()'s checks: without a callback TRANSIT_NO_GUARD (every choice\n"
                  "   asks a guard first). The instance is not busy: it has no hooks, or %s_fire()\n"
                  "   would not be here, and a busy instance always has hooks (its own, or\n"
                  "   transit_hooks_guarding while its guards are asked, as here and in\n"
                  "   runtime/transit.c's fire_guarded()), so a fire from a guard leaves the fast\n"
                  "   paths for TRANSIT_BUSY. */\n"
                  "static inline transit_result %s_fire_choice(transit_instance *inst, unsigned choice) {\n"
                  "    if (!inst->guard)\n        return TRANSIT_NO_GUARD;\n"
                  "    uint32_t to = 0;\n"
                  "    inst->busy = 1;\n"
                  "    inst->hooks = &transit_hooks_guarding;\n"
                  "    transit_result r = %s_choose(choice, inst->guard, inst->guard_context, inst, &to);\n"
                  "    inst->hooks = NULL;\n"
                  "    inst->busy = 0;\n"
                  "    if (r == TRANSIT_OK)\n        inst->state = to;\n"
                  "    return r;\n}\n\n", n, n, n, n, n);
}

static void emit_fast_header(arena *a, out *o, const model_machine *m, const fast *f) {
    const char *n = m->name;
    int indent = (int)strlen(n) + 35;
    out_printf(o, "/* transit_fire() for %s, inlined: the same result and state for every\n"
                  "   instance, trigger and initiator. Instances with hooks, of another machine or\n"
                  "   null, and values out of range go to transit_fire(). The trigger is typed: a\n"
                  "   state or another machine's trigger there draws -Wenum-conversion. */\n", n);
    if (!f->width) {
        out_printf(o, "static inline transit_result %s_fire(transit_instance *inst, %s_trigger trigger,\n"
                      "%*stransit_initiator initiator) {\n"
                      "    return transit_fire(inst, (int)trigger, initiator);\n}\n\n", n, n, indent,
                   "");
        return;
    }
    unsigned tb = f->trigger_bits, ib = f->initiator_bits;
    out_printf(o, "/* Its table: entry (state << %u) + (trigger << %u) + initiator is the pair\n"
                  "   (state after the call, result)", tb + ib, ib);
    bool decides = fast_decides(m, f);
    if (decides)
        out_printf(o, ";\n   result %d marks a choice that asks guards, the first value its case in\n"
                      "   %s_choose()", FAST_GUARDED, n);
    else if (has_guarded_choice(m))
        out_printf(o, ";\n   result %d marks a choice that asks guards", FAST_GUARDED);
    out_puts(o, fast_rows(f) ? ". Row s starts at its entry (s << " : ". */\n");
    if (fast_rows(f))
        out_printf(o, "%u). */\n", tb + ib);
    out_printf(o, "extern const %s %s_next[%u];\n", int_type(f->width), n, f->count * 2);
    if (fast_rows(f))
        out_printf(o, "extern const %s *const %s_rows[%u];\n", int_type(f->width), n,
                   1u << f->state_bits);
    out_puts(o, "\n");
    if (decides)
        emit_choose(a, m, o);
    out_printf(o, "static inline transit_result %s_fire(transit_instance *inst, %s_trigger trigger,\n"
                  "%*stransit_initiator initiator) {\n", n, n, indent, "");
    /* One branch for all: a foreign machine, hooks or a value out of range make it nonzero. */
    out_printf(o, "    if (TRANSIT_UNLIKELY(!inst ||\n"
                  "                         (((uintptr_t)inst->machine ^ (uintptr_t)&%s_machine) |\n"
                  "                          (uintptr_t)inst->hooks |\n"
                  "                          (uintptr_t)", n);
    fast_range_test(o, f, "inst->state", 37);
    out_puts(o, ") != 0))\n        return transit_fire(inst, (int)trigger, initiator);\n");
    fast_entry(o, m, f, "inst->state");
    if (decides)
        out_printf(o, "    if (TRANSIT_UNLIKELY(row[k + 1] == %d)) /* a guarded choice: ask the guards */\n"
                      "        return %s_fire_choice(inst, row[k]);\n",
                   FAST_GUARDED, n);
    else if (has_guarded_choice(m))
        out_printf(o, "    if (TRANSIT_UNLIKELY(row[k + 1] == %d)) /* a guarded choice: ask the guards */\n"
                      "        return transit_fire(inst, (int)trigger, initiator);\n", FAST_GUARDED);
    out_puts(o, "    inst->state = row[k];\n    return (transit_result)row[k + 1];\n}\n\n");
}

/* MACHINE_compact_fire_guarded(): the compact fire with a guard function and its context as
   arguments, for machines with guarded choices. */
static void emit_compact_guarded(out *o, const model_machine *m, const fast *f, const char *type) {
    const char *n = m->name;
    int indent = (int)strlen(n) + 51;
    out_printf(o, "/* transit_fire() for a compact %s with guard (may be NULL) as its guard\n"
                  "   callback and context as the callback's: the same result and state as\n"
                  "   transit_fire() gives a plain instance of %s_machine without hooks\n"
                  "   with that callback. guard is told a NULL instance (a compact value is none) and\n"
                  "   the event. Inlined with a constant guard, the call is direct. A compact value\n"
                  "   has no busy flag: guard must not fire or restore c (its state is written after\n"
                  "   the guards answer). The trigger is typed as in %s_fire(). */\n"
                  "static inline transit_result %s_compact_fire_guarded(%s_compact *c,\n"
                  "%*s%s_trigger trigger,\n"
                  "%*stransit_initiator initiator,\n"
                  "%*stransit_guard_fn *guard, void *context) {\n",
               n, n, n, n, n, indent, "", n, indent, "", indent, "");
    if (!f->width) {
        out_printf(o, "    int to = 0;\n    transit_result r;\n"
                      "    if (!c)\n        return TRANSIT_INVALID;\n"
                      "    r = transit_lookup_guarded(&%s_machine, (int)c->state, (int)trigger, initiator,\n"
                      "                               guard, context, &to);\n"
                      "    if (r == TRANSIT_OK)\n        c->state = (%s)to;\n    return r;\n}\n\n",
                   n, type);
        return;
    }
    out_puts(o, "    if (TRANSIT_UNLIKELY(!c || ");
    fast_range_test(o, f, "(uint32_t)c->state", 30);
    out_puts(o, " != 0))\n        return TRANSIT_INVALID;\n");
    fast_entry(o, m, f, "c->state");
    out_printf(o, "    if (TRANSIT_UNLIKELY(row[k + 1] == %d)) { /* a guarded choice: ask the guards */\n",
               FAST_GUARDED);
    if (fast_decides(m, f))
        out_printf(o, "        uint32_t to = 0;\n"
                      "        transit_result r = guard ? %s_choose(row[k], guard, context, NULL, &to)\n"
                      "                                 : TRANSIT_NO_GUARD;\n", n);
    else
        out_printf(o, "        int to = 0;\n"
                      "        transit_result r = transit_lookup_guarded(&%s_machine, (int)c->state,\n"
                      "                                                  (int)trigger, initiator, guard,\n"
                      "                                                  context, &to);\n", n);
    out_printf(o, "        if (r == TRANSIT_OK)\n            c->state = (%s)to;\n"
                  "        return r;\n    }\n", type);
    out_puts(o, "    c->state = row[k];\n    return (transit_result)row[k + 1];\n}\n\n");
}

/* The compact form: MACHINE_compact, the state alone in the smallest unsigned type that holds
   it; the machine is implied by the type and there are no hooks. Its fire reads the fast path's
   table (transit_lookup() when the machine has none). */
static void emit_compact_header(arena *a, out *o, const model_machine *m, const fast *f) {
    const char *n = m->name;
    const char *type = m->state_count <= 256u ? "uint8_t"
                       : m->state_count <= 65536u ? "uint16_t" : "uint32_t";
    out_printf(o, "/* A compact %s: the state alone, in %s; the machine is implied by the type\n"
                  "   and there are no hooks (use a transit_instance for hooks). Its functions give\n"
                  "   the results transit_fire(), transit_restore() and transit_state() give for a\n"
                  "   plain instance of %s_machine without hooks in the same state. */\n",
               n, type, n);
    out_printf(o, "typedef struct %s_compact {\n    %s state; /* private: use the functions */\n"
                  "} %s_compact;\n\n", n, type, n);
    out_printf(o, "/* Puts c in the initial state, %s. */\n", m->states[m->initial].name);
    out_printf(o, "static inline void %s_compact_init(%s_compact *c) {\n"
                  "    c->state = %s;\n}\n\n", n, n, cnames_state(a, m, m->initial));
    out_printf(o, "/* The current state, as transit_state() returns it. */\n"
                  "static inline int %s_compact_state(const %s_compact *c) {\n"
                  "    return (int)c->state;\n}\n\n", n, n);
    out_printf(o, "/* Sets a state loaded from storage, as transit_restore() does: TRANSIT_INVALID\n"
                  "   for a state the machine lacks. */\n"
                  "static inline transit_result %s_compact_restore(%s_compact *c, int state) {\n"
                  "    if (!c || state < 0 || state >= %u)\n        return TRANSIT_INVALID;\n"
                  "    c->state = (%s)state;\n    return TRANSIT_OK;\n}\n\n",
               n, n, m->state_count, type);
    int indent = (int)strlen(n) + 43;
    out_printf(o, "/* transit_fire() for a compact %s: the same result and state. The trigger is\n"
                  "   typed as in %s_fire(). */\n"
                  "static inline transit_result %s_compact_fire(%s_compact *c, %s_trigger trigger,\n"
                  "%*stransit_initiator initiator) {\n", n, n, n, n, n, indent, "");
    if (!f->width) {
        out_printf(o, "    int to = 0;\n    transit_result r;\n"
                      "    if (!c)\n        return TRANSIT_INVALID;\n"
                      "    r = transit_lookup(&%s_machine, (int)c->state, (int)trigger, initiator, &to);\n"
                      "    if (r == TRANSIT_OK)\n        c->state = (%s)to;\n    return r;\n}\n\n",
                   n, type);
        if (has_guarded_choice(m))
            emit_compact_guarded(o, m, f, type);
        return;
    }
    out_puts(o, "    if (TRANSIT_UNLIKELY(!c || ");
    fast_range_test(o, f, "(uint32_t)c->state", 30);
    out_puts(o, " != 0))\n        return TRANSIT_INVALID;\n");
    fast_entry(o, m, f, "c->state");
    if (has_guarded_choice(m)) /* without a guard callback: see _compact_fire_guarded() */
        out_printf(o, "    if (TRANSIT_UNLIKELY(row[k + 1] == %d)) /* a guarded choice */\n"
                      "        return TRANSIT_NO_GUARD;\n", FAST_GUARDED);
    out_puts(o, "    c->state = row[k];\n    return (transit_result)row[k + 1];\n}\n\n");
    if (has_guarded_choice(m))
        emit_compact_guarded(o, m, f, type);
}

/* The n values of an array's initializer, 16 per line, and its closing brace. Tables reach
   millions of values: each line is formatted by hand and written at once, not through printf. */
static void values(out *o, const uint32_t *v, size_t n) {
    char line[16 * 12 + 8];
    for (size_t i = 0; i < n;) {
        size_t len = 0;
        line[len++] = '\n';
        for (int k = 0; k < 4; k++)
            line[len++] = ' ';
        for (size_t end = i + 16 < n ? i + 16 : n; i < end; i++) {
            char digits[10];
            int d = 0;
            uint32_t x = v[i];
            do
                digits[d++] = (char)('0' + x % 10);
            while ((x /= 10) != 0);
            while (d)
                line[len++] = digits[--d];
            if (i + 1 < n)
                line[len++] = ',';
            if (i + 1 < end)
                line[len++] = ' ';
        }
        out_write(o, line, len);
    }
    out_puts(o, "\n};\n");
}

/* A static const array of n values, 16 per line. */
static void array(out *o, const char *type, const char *name, const uint32_t *v, size_t n) {
    out_printf(o, "static const %s %s[%zu] = {", type, name, n);
    values(o, v, n);
    out_puts(o, "\n");
}

static void string_array(out *o, const char *name, const char *const *v, size_t stride, size_t n) {
    out_printf(o, "static const char *const %s[%zu] = {\n", name, n);
    for (size_t i = 0; i < n; i++) {
        out_puts(o, "    \"");
        escape_c_string(o, *(const char *const *)((const char *)v + i * stride));
        out_puts(o, "\",\n");
    }
    out_puts(o, "};\n\n");
}

/* Indexes of n names (read with stride) in strcmp order: the runtime's binary search. */
static const char *const *sort_names;
static size_t sort_stride;

static int by_name(const void *pa, const void *pb) {
    const char *a = *(const char *const *)((const char *)sort_names + *(const uint32_t *)pa * sort_stride);
    const char *b = *(const char *const *)((const char *)sort_names + *(const uint32_t *)pb * sort_stride);
    return strcmp(a, b);
}

static uint32_t *sorted(arena *a, const void *names, size_t stride, uint32_t n) {
    uint32_t *idx = arena_array(a, n, sizeof *idx);
    for (uint32_t i = 0; i < n; i++)
        idx[i] = i;
    sort_names = names;
    sort_stride = stride;
    qsort(idx, n, sizeof *idx, by_name);
    return idx;
}

static void header_comment(out *o, const model_machine *m) {
    out_puts(o, "/* Generated by transitc from ");
    escape_c_comment(o, m->src->name, "");
    out_puts(o, ", machine ");
    out_puts(o, m->name);
    out_puts(o, ".\n   Do not edit: edit the spec and run transitc generate again. */\n");
}

static void doc_comment(out *o, const char *doc) {
    if (!doc)
        return;
    out_puts(o, " /* ");
    escape_c_comment(o, doc, "       ");
    out_puts(o, " */");
}

static void emit_header(const emit_ctx *ctx, const model_machine *m, out *o) {
    arena *a = ctx->a;
    const char *upper = cnames_upper(a, m->name);
    header_comment(o, m);
    out_printf(o, "#ifndef %s_H_INCLUDED\n#define %s_H_INCLUDED\n\n", upper, upper);
    out_puts(o, "#include \"transit.h\"\n\n");
    out_puts(o, "/* The runtime's table layout this code was generated for. */\n");
    out_printf(o, "#if TRANSIT_ABI_VERSION != %d\n", ABI_VERSION);
    out_printf(o, "#error \"generated for transit runtime ABI %d: regenerate with a matching "
                  "transitc\"\n", ABI_VERSION);
    out_puts(o, "#endif\n\n");
    out_puts(o, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
    out_puts(o, "/* Marks the fast path's rare branch for compilers that take the hint. */\n"
                "#ifndef TRANSIT_UNLIKELY\n#if defined(__GNUC__) || defined(__clang__)\n"
                "#define TRANSIT_UNLIKELY(x) __builtin_expect(!!(x), 0)\n#else\n"
                "#define TRANSIT_UNLIKELY(x) (x)\n#endif\n#endif\n\n");
    fast shape = fast_shape(m);
    if (fast_decides(m, &shape))
        out_puts(o, "/* Inlines a function where it is called (the guarded choice's decision: so\n"
                    "   that a constant guard function is called directly). */\n"
                    "#ifndef TRANSIT_ALWAYS_INLINE\n#if defined(__GNUC__) || defined(__clang__)\n"
                    "#define TRANSIT_ALWAYS_INLINE __attribute__((always_inline)) inline\n#else\n"
                    "#define TRANSIT_ALWAYS_INLINE inline\n#endif\n#endif\n\n");
    if (m->doc) {
        out_puts(o, "/* ");
        escape_c_comment(o, m->doc, "   ");
        out_puts(o, " */\n");
    }
    out_printf(o, "/* The states of %s, as transit_state() returns them. */\n", m->name);
    out_printf(o, "typedef enum %s_state {\n", m->name);
    for (uint32_t s = 0; s < m->state_count; s++) {
        out_printf(o, "    %s = %u,", cnames_state(a, m, s), s);
        doc_comment(o, m->states[s].doc);
        out_puts(o, "\n");
    }
    out_printf(o, "} %s_state;\n\n", m->name);
    out_printf(o, "#define %s_STATES %u\n\n", upper, m->state_count);
    out_printf(o, "/* The triggers of %s, as transit_fire() takes them. */\n", m->name);
    if (m->trigger_count) {
        out_printf(o, "typedef enum %s_trigger {\n", m->name);
        for (uint32_t t = 0; t < m->trigger_count; t++) {
            out_printf(o, "    %s = %u,", cnames_trigger(a, m, t), t);
            doc_comment(o, m->triggers[t].doc);
            out_puts(o, "\n");
        }
        out_printf(o, "} %s_trigger;\n\n", m->name);
    } else {
        out_printf(o, "typedef int %s_trigger; /* the machine has no trigger */\n\n", m->name);
    }
    out_printf(o, "#define %s_TRIGGERS %u\n\n", upper, m->trigger_count);
    out_printf(o, "/* The guards of %s, as a guard callback (transit_set_guard()) is asked them. */\n",
               m->name);
    if (m->guard_count) {
        out_printf(o, "typedef enum %s_guard {\n", m->name);
        for (uint32_t g = 0; g < m->guard_count; g++) {
            out_printf(o, "    %s = %u,", cnames_guard(a, m, g), g);
            doc_comment(o, m->guards[g].doc);
            out_puts(o, "\n");
        }
        out_printf(o, "} %s_guard;\n\n", m->name);
    } else {
        out_printf(o, "typedef int %s_guard; /* the machine has no guard */\n\n", m->name);
    }
    out_printf(o, "#define %s_GUARDS %u\n\n", upper, m->guard_count);
    out_printf(o, "/* The tables of %s: pass &%s_machine to transit_init(). */\n", m->name, m->name);
    out_printf(o, "extern const transit_machine %s_machine;\n\n", m->name);
    fast f = fast_shape(m);
    emit_fast_header(a, o, m, &f);
    emit_compact_header(a, o, m, &f);
    out_puts(o, "#ifdef __cplusplus\n}\n#endif\n\n");
    out_printf(o, "#endif /* %s_H_INCLUDED */\n", upper);
}

/* The guarded choices' decision, in MACHINE.h (static inline, so that a caller's constant guard
   function is called directly): MACHINE_choose() has a case per guarded choice (in the fast
   table's order) and tries its alternatives as runtime/transit.c's choose() does (a change to one
   is a change to the other): an unguarded one is taken without asking (never first: a guarded
   choice's first alternative has a guard, so its callers answer TRANSIT_NO_GUARD before asking
   when there is no callback); each guard asked with MACHINE_choice_events[j], the fire with the
   alternative's target (seq 0); none holds: TRANSIT_GUARD_FAILED. With events (false) it writes
   the case bodies; with events (true) the event table in MACHINE.c, the same walk. */
static void emit_choices(arena *a, const model_machine *m, out *o, bool events) {
    const char *n = m->name;
    uint32_t *alts = arena_array(a, (size_t)m->transition_count + 1, sizeof *alts);
    static const char *const initiator_names[3] = {"user", "auto", "self"};
    static const char *const initiator_values[3] = {"TRANSIT_USER", "TRANSIT_AUTO",
                                                    "TRANSIT_SELF"};
    uint32_t c = 0, j = 0;
    for (uint32_t s = 0; s < m->state_count; s++)
        for (uint32_t t = 0; t < m->trigger_count; t++)
            for (unsigned k = 0; k < 3; k++) {
                bool guarded;
                uint32_t count = choice(m, s, t, 1u << k, alts, &guarded);
                if (!count || !guarded)
                    continue;
                if (!events)
                    out_printf(o, "    case %u: /* %s on %s by %s */\n", c, m->states[s].name,
                               m->triggers[t].name, initiator_names[k]);
                c++;
                bool fallback = false;
                for (uint32_t i = 0; i < count; i++) {
                    const model_transition *tr = &m->transitions[alts[i]];
                    const char *to = cnames_state(a, m, tr->to);
                    if (tr->guard == MODEL_NO_GUARD) { /* the fallback, never first */
                        if (!events)
                            out_printf(o, "        *to = %s;\n        return TRANSIT_OK;\n", to);
                        fallback = true;
                        break;
                    }
                    if (events)
                        out_printf(o, "    {%s, %s, %s, %s, 0}, /* %u */\n",
                                   cnames_state(a, m, s), to, cnames_trigger(a, m, t),
                                   initiator_values[k], j);
                    else
                        out_printf(o, "        if (%sguard(context, inst, %s, &%s_choice_events[%u])) {\n"
                                      "            *to = %s;\n            return TRANSIT_OK;\n"
                                      "        }\n",
                                   tr->negated ? "!" : "", cnames_guard(a, m, tr->guard), n, j,
                                   to);
                    j++;
                }
                if (!fallback && !events)
                    out_puts(o, "        return TRANSIT_GUARD_FAILED;\n");
            }
}

static void emit_source(const emit_ctx *ctx, const model_machine *m, out *o) {
    arena *a = ctx->a;
    tables t;
    pack(a, m, &t);
    const char *type = int_type(t.width);
    header_comment(o, m);
    out_printf(o, "#include \"%s.h\"\n\n", m->name);
    string_array(o, "state_names", &m->states[0].name, sizeof(model_state), m->state_count);
    string_array(o, "state_persisted", &m->states[0].persisted, sizeof(model_state),
                 m->state_count);
    if (m->trigger_count)
        string_array(o, "trigger_names", &m->triggers[0].name, sizeof(model_trigger),
                     m->trigger_count);
    if (m->guard_count)
        string_array(o, "guard_names", &m->guards[0].name, sizeof(model_guard), m->guard_count);
    out_puts(o, "/* The first cell of each state's row: the cell of (state, trigger) is\n"
                "   first_cell[state] + trigger, and it is the state's only if owner[cell] == state. */\n");
    array(o, type, "first_cell", t.row, m->state_count);
    if (m->trigger_count) {
        out_printf(o, "/* The state each cell belongs to (%u: none). */\n", m->state_count);
        array(o, type, "owner", t.owner, t.cell_count);
        uint32_t *bits = arena_array(a, t.cell_count, sizeof *bits);
        for (uint32_t c = 0; c < t.cell_count; c++)
            bits[c] = t.initiators[c];
        out_puts(o, "/* The initiators that may fire each cell: user 1, auto 2, self 4; those\n"
                    "   whose choice asks guards also << 3. */\n");
        array(o, "uint8_t", "initiators", bits, t.cell_count);
        out_puts(o, "/* The target of each cell for user, auto and self (a guarded choice: its\n"
                    "   first alternative). */\n");
        array(o, type, "target", t.target, (size_t)t.cell_count * 3);
    }
    if (t.alternative_count) {
        out_puts(o, "/* The alternatives of each guarded choice, in the order they are tried:\n"
                    "   guard, negated, last of its run, target. */\n");
        out_printf(o, "static const transit_alternative alternatives[%u] = {\n",
                   t.alternative_count);
        for (uint32_t i = 0; i < t.alternative_count; i++) {
            const model_transition *tr = &m->transitions[t.alternatives[i]];
            out_printf(o, "    {%s, %d, %d, %s}, /* %s %s */\n",
                       tr->guard == MODEL_NO_GUARD ? "TRANSIT_UNGUARDED"
                                                   : cnames_guard(a, m, tr->guard),
                       tr->negated, t.last[i], cnames_state(a, m, tr->to),
                       m->states[tr->from].name, m->triggers[tr->trigger].name);
        }
        out_puts(o, "};\n\n");
    }
    bool timers = has_timer(m);
    if (timers) {
        uint32_t *trig = arena_array(a, m->state_count, sizeof *trig);
        out_printf(o, "/* Each state's timer in milliseconds (0: none), and the trigger it fires as\n"
                      "   auto. */\n");
        out_printf(o, "static const uint64_t timer_ms[%u] = {\n", m->state_count);
        for (uint32_t st = 0; st < m->state_count; st++) {
            trig[st] = m->states[st].after_ms ? m->states[st].timer_trigger : 0;
            out_printf(o, "    %lluu, /* %s */\n", (unsigned long long)m->states[st].after_ms,
                       m->states[st].name);
        }
        out_puts(o, "};\n\n");
        array(o, type, "timer_trigger", trig, m->state_count);
    }
    out_puts(o, "/* States and triggers in strcmp order of their names, for binary search. */\n");
    array(o, type, "state_by_name", sorted(a, &m->states[0].name, sizeof(model_state), m->state_count),
          m->state_count);
    array(o, type, "state_by_persisted",
          sorted(a, &m->states[0].persisted, sizeof(model_state), m->state_count), m->state_count);
    if (m->trigger_count)
        array(o, type, "trigger_by_name",
              sorted(a, &m->triggers[0].name, sizeof(model_trigger), m->trigger_count),
              m->trigger_count);
    if (m->guard_count)
        array(o, type, "guard_by_name",
              sorted(a, &m->guards[0].name, sizeof(model_guard), m->guard_count), m->guard_count);
    bool nt = m->trigger_count > 0;
    out_printf(o, "const transit_machine %s_machine = {\n", m->name);
    out_puts(o, "    TRANSIT_ABI_VERSION,\n");
    out_printf(o, "    \"%s\",\n", m->name);
    out_printf(o, "    %u, /* states */\n", m->state_count);
    out_printf(o, "    %u, /* triggers */\n", m->trigger_count);
    out_printf(o, "    %u, /* initial: %s */\n", m->initial, m->states[m->initial].name);
    out_printf(o, "    state_names,\n    state_persisted,\n    %s,\n", nt ? "trigger_names" : "NULL");
    out_printf(o, "    %u, /* bytes per index entry */\n", t.width);
    out_printf(o, "    %u, /* cells */\n", nt ? t.cell_count : 0);
    out_printf(o, "    first_cell,\n    %s,\n    %s,\n    %s,\n", nt ? "owner" : "NULL",
               nt ? "initiators" : "NULL", nt ? "target" : "NULL");
    out_printf(o, "    state_by_name,\n    state_by_persisted,\n    %s,\n",
               nt ? "trigger_by_name" : "NULL");
    bool ng = m->guard_count > 0;
    out_printf(o, "    %u, /* guards */\n    %s,\n    %s,\n", m->guard_count,
               ng ? "guard_names" : "NULL /* guard_names */",
               ng ? "guard_by_name" : "NULL /* guard_by_name */");
    out_printf(o, "    %u, /* alternatives */\n    %s,\n", t.alternative_count,
               t.alternative_count ? "alternatives" : "NULL /* alternatives */");
    out_printf(o, "    %s,\n    %s,\n", timers ? "timer_ms" : "NULL /* timer_ms: no timer */",
               timers ? "timer_trigger" : "NULL /* timer_trigger */");
    fast f = fast_shape(m);
    if (f.width == 1)
        out_printf(o, "    %s_next, /* the fast path's table */\n"
                      "    %u, %u, %u, /* its states, bytes per state, bytes per trigger */\n",
                   m->name, m->state_count, 2u << (f.trigger_bits + f.initiator_bits),
                   2u << f.initiator_bits);
    else
        out_puts(o, "    NULL, /* no fast path table of 1-byte entries */\n    0, 0, 0,\n");
    out_puts(o, "};\n");
    if (f.width) {
        out_printf(o, "\n/* The table of %s_fire(): see %s.h. */\n", m->name, m->name);
        out_printf(o, "const %s %s_next[%u] = {", int_type(f.width), m->name, f.count * 2);
        values(o, fast_table(a, m, &f), (size_t)f.count * 2);
        if (fast_rows(&f)) {
            uint32_t stride = 2u << (f.trigger_bits + f.initiator_bits);
            out_printf(o, "\nconst %s *const %s_rows[%u] = {", int_type(f.width), m->name,
                       1u << f.state_bits);
            for (uint32_t s = 0; s < (1u << f.state_bits); s++)
                out_printf(o, "%s%s_next + %u", !s ? "\n    " : s % 4 ? ", " : ",\n    ",
                           m->name, s * stride);
            out_puts(o, "\n};\n");
        }
        if (fast_decides(m, &f)) {
            out_printf(o, "\n/* What %s_choose() (%s.h) tells the guards: the fire and the\n"
                          "   alternative tried (from, to, trigger, initiator, seq 0), in the order asked. */\n"
                          "const transit_event %s_choice_events[] = {\n", m->name, m->name, m->name);
            emit_choices(a, m, o, true);
            out_puts(o, "};\n");
        }
    }
}

void emit_c(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    emit_header(ctx, m, out_files_add(files, "%s.h", m->name));
    emit_source(ctx, m, out_files_add(files, "%s.c", m->name));
}
