/*
** transitc diff: two checked models side by side. States are matched by persisted name, since
** that is what storage holds, then by identifier; what a stored instance can no longer restore
** to is breaking, the rest (transitions, initiators, the initial state) is a reviewer's summary.
*/
#include "diff.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

enum { NONE = -1, MANY = -2 }; /* no counterpart, or no transition; several alternatives */

typedef struct differ {
    arena *a;
    out *o;
    diff_counts n;
    const model_machine *old_, *new_;
    int *state_new; /* [old state] its counterpart in new_, or NONE */
    int *state_old; /* [new state] its counterpart in old_, or NONE */
    int *trigger_new, *trigger_old;
} differ;

/* One line: where, what kind, and the text. */
static void report(differ *d, src_loc loc, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(differ *d, src_loc loc, const char *kind, const char *fmt, ...) {
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = malloc((size_t)(len < 0 ? 0 : len) + 1);
    if (!text)
        arena_out_of_memory();
    vsnprintf(text, (size_t)(len < 0 ? 0 : len) + 1, fmt, again);
    va_end(again);
    out_printf(d->o, "%s:%u:%u: %s: %s\n", loc.src ? loc.src->path : "?", loc.line, loc.column,
               kind, text);
    free(text);
    d->n.changes++;
}

static int find_state(const model_machine *m, const char *name, bool persisted) {
    for (uint32_t s = 0; s < m->state_count; s++)
        if (strcmp(persisted ? m->states[s].persisted : m->states[s].name, name) == 0)
            return (int)s;
    return NONE;
}

/* The state transit_state_index would find for a stored name: identifier first, then
   persisted name (as the runtime looks them up). */
static int restores_to(const model_machine *m, const char *stored) {
    int s = find_state(m, stored, false);
    return s != NONE ? s : find_state(m, stored, true);
}

/* Pairs states by persisted name, then the rest by identifier; triggers by name. */
static void match(differ *d) {
    arena *a = d->a;
    const model_machine *o = d->old_, *n = d->new_;
    d->state_new = arena_alloc(a, (o->state_count + 1) * sizeof(int));
    d->state_old = arena_alloc(a, (n->state_count + 1) * sizeof(int));
    d->trigger_new = arena_alloc(a, (o->trigger_count + 1) * sizeof(int));
    d->trigger_old = arena_alloc(a, (n->trigger_count + 1) * sizeof(int));
    for (uint32_t s = 0; s < n->state_count; s++)
        d->state_old[s] = NONE;
    for (uint32_t s = 0; s < o->state_count; s++) {
        int t = find_state(n, o->states[s].persisted, true);
        d->state_new[s] = t;
        if (t != NONE)
            d->state_old[t] = (int)s;
    }
    for (uint32_t s = 0; s < o->state_count; s++) {
        if (d->state_new[s] != NONE)
            continue;
        int t = find_state(n, o->states[s].name, false);
        if (t != NONE && d->state_old[t] == NONE) {
            d->state_new[s] = t;
            d->state_old[t] = (int)s;
        }
    }
    for (uint32_t t = 0; t < n->trigger_count; t++)
        d->trigger_old[t] = NONE;
    for (uint32_t t = 0; t < o->trigger_count; t++) {
        d->trigger_new[t] = NONE;
        for (uint32_t u = 0; u < n->trigger_count; u++)
            if (strcmp(o->triggers[t].name, n->triggers[u].name) == 0) {
                d->trigger_new[t] = (int)u;
                d->trigger_old[u] = (int)t;
            }
    }
}

/* States: removed, persisted name changed, renamed, added; the initial state. */
static void diff_states(differ *d) {
    const model_machine *o = d->old_, *n = d->new_;
    for (uint32_t s = 0; s < o->state_count; s++) {
        const model_state *os = &o->states[s];
        int t = d->state_new[s];
        int r = restores_to(n, os->persisted);
        if (t == NONE) {
            d->n.breaking++;
            if (r == NONE)
                report(d, os->loc, "breaking",
                       "state '%s' removed: stored instances in \"%s\" would no longer restore "
                       "(a renamed state keeps them with 'as \"%s\"')",
                       os->name, os->persisted, os->persisted);
            else
                report(d, os->loc, "breaking",
                       "state '%s' removed: stored instances in \"%s\" would restore as '%s'",
                       os->name, os->persisted, n->states[r].name);
            continue;
        }
        const model_state *ns = &n->states[t];
        if (strcmp(os->persisted, ns->persisted) != 0) {
            if (r == t) {
                report(d, ns->loc, "renamed",
                       "state '%s' is persisted as \"%s\", was \"%s\" (stored \"%s\" still "
                       "restores by identifier)",
                       ns->name, ns->persisted, os->persisted, os->persisted);
            } else {
                d->n.breaking++;
                if (r == NONE)
                    report(d, ns->loc, "breaking",
                           "state '%s' is persisted as \"%s\", was \"%s\": stored \"%s\" would "
                           "no longer restore",
                           ns->name, ns->persisted, os->persisted, os->persisted);
                else
                    report(d, ns->loc, "breaking",
                           "state '%s' is persisted as \"%s\", was \"%s\": stored \"%s\" would "
                           "restore as '%s'",
                           ns->name, ns->persisted, os->persisted, os->persisted,
                           n->states[r].name);
            }
        } else if (strcmp(os->name, ns->name) != 0) {
            report(d, ns->loc, "renamed",
                   "state '%s' was '%s' (persisted name \"%s\" kept: stored data unaffected)",
                   ns->name, os->name, ns->persisted);
        }
        if (os->final != ns->final)
            report(d, ns->loc, "changed", "state '%s' is %s final", ns->name,
                   ns->final ? "now" : "no longer");
    }
    for (uint32_t t = 0; t < n->state_count; t++)
        if (d->state_old[t] == NONE)
            report(d, n->states[t].loc, "added", "state '%s'%s%s%s", n->states[t].name,
                   strcmp(n->states[t].name, n->states[t].persisted) ? " as \"" : "",
                   strcmp(n->states[t].name, n->states[t].persisted) ? n->states[t].persisted
                                                                     : "",
                   strcmp(n->states[t].name, n->states[t].persisted) ? "\"" : "");
    if (d->state_new[o->initial] != (int)n->initial)
        report(d, n->loc, "changed", "initial state is '%s', was '%s' (new instances only)",
               n->states[n->initial].name, o->states[o->initial].name);
}

static void diff_triggers(differ *d) {
    const model_machine *o = d->old_, *n = d->new_;
    for (uint32_t t = 0; t < o->trigger_count; t++)
        if (d->trigger_new[t] == NONE)
            report(d, o->triggers[t].loc, "removed", "trigger '%s'", o->triggers[t].name);
    for (uint32_t t = 0; t < n->trigger_count; t++)
        if (d->trigger_old[t] == NONE)
            report(d, n->triggers[t].loc, "added", "trigger '%s'", n->triggers[t].name);
}

/* The targets of (from, trigger) per initiator slot in m, NONE, or MANY when the slot has
   several alternatives (told apart by guards: diff_guards compares those). */
static void targets(const model_machine *m, uint32_t from, uint32_t trigger, int to[3]) {
    to[0] = to[1] = to[2] = NONE;
    for (uint32_t i = m->out[from]; i < m->out[from + 1]; i++)
        if (m->transitions[i].trigger == trigger)
            for (int k = 0; k < 3; k++)
                if (m->transitions[i].by & (1u << k))
                    to[k] = to[k] == NONE ? (int)m->transitions[i].to : MANY;
}

/* The transition from (from, trigger) to `to` in m, or NULL. */
static const model_transition *edge(const model_machine *m, uint32_t from, uint32_t trigger,
                                    int to) {
    for (uint32_t i = m->out[from]; i < m->out[from + 1]; i++)
        if (m->transitions[i].trigger == trigger && (int)m->transitions[i].to == to)
            return &m->transitions[i];
    return NULL;
}

/* Transitions between states and on triggers both versions have: removed, retargeted, changed
   initiators, added. The transitions of a removed state or trigger go with it (reported
   itself); those of an added state or trigger are listed as added. */
static void diff_transitions(differ *d) {
    const model_machine *o = d->old_, *n = d->new_;
    for (uint32_t i = 0; i < o->transition_count; i++) {
        const model_transition *e = &o->transitions[i];
        int from = d->state_new[e->from], trigger = d->trigger_new[e->trigger];
        if (from == NONE || trigger == NONE)
            continue;
        int to = d->state_new[e->to];
        int now[3], before[3];
        targets(n, (uint32_t)from, (uint32_t)trigger, now);
        targets(o, e->from, e->trigger, before);
        const model_transition *same = to == NONE ? NULL : edge(n, (uint32_t)from,
                                                                (uint32_t)trigger, to);
        unsigned removed = 0;
        const char *on = o->triggers[e->trigger].name, *src = o->states[e->from].name,
                   *dst = o->states[e->to].name;
        /* Slots that now go elsewhere, grouped by their new target. */
        for (uint32_t t = 0; t < n->state_count; t++) {
            unsigned moved = 0;
            for (int k = 0; k < 3; k++)
                if ((e->by & (1u << k)) && now[k] == (int)t && (int)t != to)
                    moved |= 1u << k;
            if (moved)
                report(d, edge(n, (uint32_t)from, (uint32_t)trigger, (int)t)->loc, "retargeted",
                       "%s on %s by %s goes to '%s', was '%s'", n->states[from].name, on,
                       model_initiators_text(d->a, moved, ", "), n->states[t].name, dst);
        }
        for (int k = 0; k < 3; k++)
            if ((e->by & (1u << k)) && now[k] == NONE)
                removed |= 1u << k;
        /* Initiators the kept transition gained that had no transition here before (those
           that went elsewhere are retargeted, reported with their old transition). */
        unsigned gained = 0;
        for (int k = 0; same && k < 3; k++)
            if ((same->by & ~e->by & (1u << k)) && before[k] == NONE)
                gained |= 1u << k;
        if (!same && removed)
            report(d, e->loc, "removed", "transition %s -> %s on %s by %s", src, dst, on,
                   model_initiators_text(d->a, removed, ", "));
        else if (same && (removed || gained))
            report(d, same->loc, "initiators", "%s -> %s on %s by %s, was by %s",
                   n->states[from].name, n->states[to].name, on,
                   model_initiators_text(d->a, same->by, ", "), model_initiators_text(d->a, e->by, ", "));
    }
    for (uint32_t i = 0; i < n->transition_count; i++) {
        const model_transition *e = &n->transitions[i];
        int from = d->state_old[e->from], trigger = d->trigger_old[e->trigger];
        unsigned added = e->by;
        if (from != NONE && trigger != NONE) {
            int before[3];
            targets(o, (uint32_t)from, (uint32_t)trigger, before);
            int to = d->state_old[e->to];
            if (to != NONE && edge(o, (uint32_t)from, (uint32_t)trigger, to))
                continue; /* existed: initiator changes were reported above */
            for (int k = 0; k < 3; k++)
                if (before[k] != NONE)
                    added &= ~(1u << k); /* retargeted, reported above */
        }
        if (added)
            report(d, e->loc, "added", "transition %s -> %s on %s by %s", n->states[e->from].name,
                   n->states[e->to].name, n->triggers[e->trigger].name,
                   model_initiators_text(d->a, added, ", "));
    }
}

/* A state's timer as text: "expire after 90s" (the duration as written for the first of its
   timed transitions, in milliseconds if none is written). */
static const char *timer_text(differ *d, const model_machine *m, uint32_t s) {
    const model_state *st = &m->states[s];
    const char *name = m->triggers[st->timer_trigger].name;
    for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++)
        if (m->transitions[e].after_ms && m->transitions[e].after)
            return arena_printf(d->a, "%s after %s", name, m->transitions[e].after);
    return arena_printf(d->a, "%s after %llums", name, (unsigned long long)st->after_ms);
}

/* The alternatives of (from, trigger, initiator bit) in m as text, "'b' when reachable, 'c'",
   the targets named by their counterparts in new_ (map: NULL in new_ itself); NULL when a target
   has no counterpart (its removal is reported with the state). */
static const char *alternatives_text(differ *d, const model_machine *m, const int *map,
                                     uint32_t from, uint32_t trigger, unsigned bit,
                                     uint32_t *alts, uint32_t *count) {
    *count = model_alternatives(m, from, trigger, bit, alts);
    const char *text = "";
    for (uint32_t i = 0; i < *count; i++) {
        const model_transition *t = &m->transitions[alts[i]];
        int to = map ? map[t->to] : (int)t->to;
        if (to == NONE)
            return NULL;
        const char *when = t->guard == MODEL_NO_GUARD
                               ? ""
                               : arena_printf(d->a, " when %s%s", t->negated ? "not " : "",
                                              m->guards[t->guard].name);
        text = arena_printf(d->a, "%s%s'%s'%s", text, i ? ", " : "", d->new_->states[to].name,
                            when);
    }
    return text;
}

/* Whether transitions a (of ma) and b (of mb) have the same guard, by name, both or neither
   negated. */
static bool same_guard(const model_machine *ma, const model_transition *a,
                       const model_machine *mb, const model_transition *b) {
    if ((a->guard == MODEL_NO_GUARD) != (b->guard == MODEL_NO_GUARD))
        return false;
    return a->guard == MODEL_NO_GUARD ||
           (a->negated == b->negated &&
            strcmp(ma->guards[a->guard].name, mb->guards[b->guard].name) == 0);
}

/* Guards: declared, removed; then per (state, trigger, initiator) both versions have, the
   alternatives and their guards in the order they are tried: a guard added, removed, negated or
   renamed, or alternatives reordered, changes which target a fire takes. */
static void diff_guards(differ *d) {
    const model_machine *o = d->old_, *n = d->new_;
    for (uint32_t g = 0; g < o->guard_count; g++) {
        bool kept = false;
        for (uint32_t h = 0; h < n->guard_count && !kept; h++)
            kept = strcmp(o->guards[g].name, n->guards[h].name) == 0;
        if (!kept)
            report(d, o->guards[g].loc, "removed", "guard '%s'", o->guards[g].name);
    }
    for (uint32_t h = 0; h < n->guard_count; h++) {
        bool found = false;
        for (uint32_t g = 0; g < o->guard_count && !found; g++)
            found = strcmp(o->guards[g].name, n->guards[h].name) == 0;
        if (!found)
            report(d, n->guards[h].loc, "added", "guard '%s'", n->guards[h].name);
    }
    uint32_t *alts = arena_array(d->a, o->transition_count + n->transition_count + 1,
                                 sizeof *alts);
    for (uint32_t s = 0; s < n->state_count; s++) {
        int os = d->state_old[s];
        if (os == NONE)
            continue;
        for (uint32_t t = 0; t < n->trigger_count; t++) {
            int ot = d->trigger_old[t];
            if (ot == NONE)
                continue;
            const char *was[3], *now[3];
            const model_transition *first[3] = {NULL, NULL, NULL};
            for (int k = 0; k < 3; k++) {
                uint32_t cn = 0, co = 0;
                now[k] = alternatives_text(d, n, NULL, s, t, 1u << k, alts, &cn);
                if (cn)
                    first[k] = &n->transitions[alts[0]];
                was[k] = alternatives_text(d, o, d->state_new, (uint32_t)os, (uint32_t)ot,
                                           1u << k, alts, &co);
                /* One alternative each with the same guard: only the target can differ, and a
                   new target is reported as retargeted above. */
                bool single = cn == 1 && co == 1 &&
                              same_guard(o, &o->transitions[alts[0]], n, first[k]);
                if (!cn || !co || single || !was[k] || !now[k] || strcmp(was[k], now[k]) == 0)
                    now[k] = NULL; /* unchanged, or added or removed (reported above) */
            }
            for (int k = 0; k < 3; k++) {
                if (!now[k])
                    continue;
                unsigned bits = 1u << k;
                for (int j = k + 1; j < 3; j++)
                    if (now[j] && strcmp(now[j], now[k]) == 0 && strcmp(was[j], was[k]) == 0) {
                        bits |= 1u << j;
                        now[j] = NULL;
                    }
                report(d, first[k]->loc, "guards", "%s on %s by %s tries %s, was %s",
                       n->states[s].name, n->triggers[t].name,
                       model_initiators_text(d->a, bits, ", "), now[k], was[k]);
            }
        }
    }
}

/* Timers: per state both versions have, a timer added or removed, or its duration (compared in
   milliseconds: 60s and 1m are the same) or trigger changed. */
static void diff_timers(differ *d) {
    const model_machine *o = d->old_, *n = d->new_;
    for (uint32_t s = 0; s < n->state_count; s++) {
        int os = d->state_old[s];
        if (os == NONE)
            continue;
        const model_state *ns = &n->states[s], *ost = &o->states[os];
        const char *now = ns->after_ms ? timer_text(d, n, s) : NULL;
        const char *was = ost->after_ms ? timer_text(d, o, (uint32_t)os) : NULL;
        if (!now && !was)
            continue;
        if (!was)
            report(d, ns->loc, "timer", "state '%s' times out: %s", ns->name, now);
        else if (!now)
            report(d, ns->loc, "timer", "state '%s' no longer times out, was %s", ns->name, was);
        else if (ns->after_ms != ost->after_ms ||
                 strcmp(n->triggers[ns->timer_trigger].name,
                        o->triggers[ost->timer_trigger].name) != 0)
            report(d, ns->loc, "timer", "state '%s' times out: %s, was %s", ns->name, now, was);
    }
}

diff_counts diff_models(out *o, const model *old_, const model *new_) {
    arena a = {0};
    differ d = {&a, o, {0, 0}, NULL, NULL, NULL, NULL, NULL, NULL};
    for (uint32_t i = 0; i < old_->machine_count; i++) {
        const model_machine *om = &old_->machines[i], *nm = NULL;
        for (uint32_t j = 0; j < new_->machine_count; j++)
            if (strcmp(om->name, new_->machines[j].name) == 0)
                nm = &new_->machines[j];
        if (!nm) {
            d.n.breaking++;
            report(&d, om->loc, "breaking",
                   "machine '%s' removed: its stored instances would have no machine", om->name);
            continue;
        }
        d.old_ = om;
        d.new_ = nm;
        match(&d);
        diff_states(&d);
        diff_triggers(&d);
        diff_transitions(&d);
        diff_guards(&d);
        diff_timers(&d);
    }
    for (uint32_t j = 0; j < new_->machine_count; j++) {
        bool found = false;
        for (uint32_t i = 0; i < old_->machine_count; i++)
            found |= strcmp(old_->machines[i].name, new_->machines[j].name) == 0;
        if (!found)
            report(&d, new_->machines[j].loc, "added", "machine '%s'", new_->machines[j].name);
    }
    arena_free(&a);
    return d.n;
}
