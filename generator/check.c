/*
** Semantic checks and the building of the checked model: names resolved (with suggestions),
** wildcards expanded, transitions sorted and merged, determinism and C names checked, and the
** warnings for unreachable states, dead ends, unused triggers and duplicates.
*/
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "cnames.h"
#include "graph.h"
#include "names.h"

/* The longest persisted name, in bytes (generated C holds it in a string literal). */
enum { PERSISTED_MAX = 4095 };

/* An edge before sorting and merging: seq keeps the spec's order among equals. The rest of
   what its line says (location, doc, duration) is read from the line: a million edges take 32
   bytes each. */
typedef struct edge {
    uint32_t from, trigger, to;
    uint32_t guard; /* MODEL_NO_GUARD or a guard index */
    uint32_t seq;
    uint8_t by;
    bool negated;
    const ast_node *line; /* the transition line */
} edge;

typedef struct checker {
    arena *a;
    diag *d;
    model_machine *m;
    names states, persisted, triggers, guards;
    edge *edges;
    size_t edge_count, edge_cap;
    bool *trigger_used, *guard_used;
    int suggestions; /* did-you-mean searches so far: bounded so a hostile spec stays linear */
} checker;

/* The closest declared name to name (names_closest), with the searches bounded per spec. */
static const char *suggest(checker *c, const char *name, const void *items, size_t stride,
                           size_t count) {
    if (++c->suggestions > 100)
        return NULL;
    return names_closest(name, items, stride, count);
}

/* The error for a name that is not declared: the closest declared name of the same kind if
   one is close, and whether the name is declared as the other kind (kinds: "state", "trigger"). */
static void unknown(checker *c, const ast_name *n, const char *kind, const char *hint,
                    const char *other) {
    const char *also = other ? arena_printf(c->a, " ('%s' is a %s)", n->text, other) : "";
    if (hint)
        diag_error(c->d, n->loc, "unknown %s '%s'; did you mean '%s'?%s", kind, n->text, hint,
                   also);
    else
        diag_error(c->d, n->loc, "unknown %s '%s'%s", kind, n->text, also);
}

/* name -> state index, or -1 with an error naming the closest state. */
static int64_t resolve_state(checker *c, const ast_name *n) {
    int64_t i = names_get(&c->states, n->text);
    if (i >= 0)
        return i;
    const char *hint = suggest(c, n->text, c->m->states, sizeof(model_state), c->m->state_count);
    unknown(c, n, "state", hint, names_get(&c->triggers, n->text) >= 0 ? "trigger"
                                 : names_get(&c->guards, n->text) >= 0 ? "guard"
                                                                       : NULL);
    return -1;
}

/* name -> trigger index, or -1 with an error naming the closest trigger. */
static int64_t resolve_trigger(checker *c, const ast_name *n) {
    int64_t i = names_get(&c->triggers, n->text);
    if (i >= 0)
        return i;
    const char *hint =
        suggest(c, n->text, c->m->triggers, sizeof(model_trigger), c->m->trigger_count);
    unknown(c, n, "trigger", hint, names_get(&c->states, n->text) >= 0 ? "state"
                                   : names_get(&c->guards, n->text) >= 0 ? "guard"
                                                                         : NULL);
    return -1;
}

/* name -> guard index, or -1 with an error naming the closest guard. */
static int64_t resolve_guard(checker *c, const ast_name *n) {
    int64_t i = names_get(&c->guards, n->text);
    if (i >= 0)
        return i;
    const char *hint = suggest(c, n->text, c->m->guards, sizeof(model_guard), c->m->guard_count);
    unknown(c, n, "guard", hint, names_get(&c->states, n->text) >= 0 ? "state"
                                 : names_get(&c->triggers, n->text) >= 0 ? "trigger"
                                                                         : NULL);
    return -1;
}

/* item -> [final] state NAME [as doc] [doc],  trigger NAME [doc]  and  guard NAME [doc] */
static void declare(checker *c, ast_node *machine) {
    model_machine *m = c->m;
    uint32_t ns = 0, nt = 0, ng = 0;
    for (ast_node *it = machine->as.machine.items; it; it = it->next) {
        ns += it->kind == AST_STATE;
        nt += it->kind == AST_TRIGGER;
        ng += it->kind == AST_GUARD;
    }
    m->states = arena_array(c->a, ns, sizeof *m->states);
    m->triggers = arena_array(c->a, nt, sizeof *m->triggers);
    m->guards = arena_array(c->a, ng, sizeof *m->guards);
    for (ast_node *it = machine->as.machine.items; it; it = it->next) {
        if (it->kind == AST_STATE) {
            const ast_name *n = it->as.state.name;
            int64_t prev = names_get(&c->states, n->text);
            if (prev >= 0) {
                const model_state *p = &m->states[prev];
                diag_error(c->d, n->loc, "state '%s' already declared at line %u", n->text,
                           p->loc.line);
                diag_note(c->d, p->loc, "'%s' first declared here", n->text);
                continue;
            }
            model_state *s = &m->states[m->state_count];
            s->name = n->text;
            s->persisted = it->as.state.persisted ? it->as.state.persisted : n->text;
            s->doc = it->as.state.doc;
            s->final = it->as.state.final;
            s->loc = n->loc;
            names_put(&c->states, s->name, m->state_count);
            m->state_count++;
        } else if (it->kind == AST_TRIGGER) {
            const ast_name *n = it->as.trigger.name;
            int64_t prev = names_get(&c->triggers, n->text);
            if (prev >= 0) {
                const model_trigger *p = &m->triggers[prev];
                diag_error(c->d, n->loc, "trigger '%s' already declared at line %u", n->text,
                           p->loc.line);
                diag_note(c->d, p->loc, "'%s' first declared here", n->text);
                continue;
            }
            model_trigger *t = &m->triggers[m->trigger_count];
            t->name = n->text;
            t->doc = it->as.trigger.doc;
            t->loc = n->loc;
            names_put(&c->triggers, t->name, m->trigger_count);
            m->trigger_count++;
        } else if (it->kind == AST_GUARD) {
            const ast_name *n = it->as.guard.name;
            int64_t prev = names_get(&c->guards, n->text);
            if (prev >= 0) {
                const model_guard *p = &m->guards[prev];
                diag_error(c->d, n->loc, "guard '%s' already declared at line %u", n->text,
                           p->loc.line);
                diag_note(c->d, p->loc, "'%s' first declared here", n->text);
                continue;
            }
            model_guard *g = &m->guards[m->guard_count];
            g->name = n->text;
            g->doc = it->as.guard.doc;
            g->loc = n->loc;
            names_put(&c->guards, g->name, m->guard_count);
            m->guard_count++;
        }
    }
    /* A persisted name is a second key of its state: it must not name another state. */
    for (uint32_t i = 0; i < m->state_count; i++)
        names_put(&c->persisted, m->states[i].name, i);
    for (uint32_t i = 0; i < m->state_count; i++) {
        const model_state *s = &m->states[i];
        if (s->persisted == s->name)
            continue;
        if (s->persisted[0] == '\0') {
            diag_error(c->d, s->loc, "state '%s' has an empty persisted name", s->name);
            continue;
        }
        /* Generated C keeps it as a string literal: C99 promises 4095 bytes, no more. */
        if (strlen(s->persisted) > PERSISTED_MAX) {
            diag_error(c->d, s->loc, "persisted name of state '%s' is too long (%zu bytes, at "
                       "most %d)", s->name, strlen(s->persisted), PERSISTED_MAX);
            continue;
        }
        uint32_t owner = names_put(&c->persisted, s->persisted, i);
        if (owner != i) {
            const model_state *o = &m->states[owner];
            diag_error(c->d, s->loc, "persisted name '%s' of state '%s' is already the %s of "
                       "state '%s'", s->persisted, s->name,
                       strcmp(o->name, s->persisted) == 0 ? "name" : "persisted name", o->name);
            diag_note(c->d, m->states[owner].loc, "'%s' declared here", m->states[owner].name);
        }
    }
}

/* item -> initial NAME */
static void find_initial(checker *c, ast_node *machine) {
    const ast_node *first = NULL;
    for (ast_node *it = machine->as.machine.items; it; it = it->next) {
        if (it->kind != AST_INITIAL)
            continue;
        if (first) {
            diag_error(c->d, it->loc, "initial state already given at line %u", first->loc.line);
            diag_note(c->d, first->loc, "first given here");
            continue;
        }
        first = it;
        int64_t s = resolve_state(c, it->as.initial.state);
        if (s < 0)
            continue;
        c->m->initial = (uint32_t)s;
        const model_state *st = &c->m->states[s];
        if (st->final) {
            diag_error(c->d, it->as.initial.state->loc,
                       "initial state '%s' is final: no instance could ever leave it", st->name);
            diag_note(c->d, st->loc, "'%s' declared final here", st->name);
        }
    }
    if (!first) {
        diag_error(c->d, c->m->loc, "machine '%s' has no initial state (add a line 'initial STATE')",
                   c->m->name);
    }
}

static void add_edge(checker *c, uint32_t from, uint32_t trigger, uint32_t to, uint32_t guard,
                     const ast_node *n) {
    if (c->edge_count == c->edge_cap) {
        c->edge_cap = c->edge_cap ? c->edge_cap * 2 : 64;
        c->edges = xrealloc(c->edges, c->edge_cap * sizeof *c->edges);
    }
    c->edges[c->edge_count] = (edge){.from = from,
                                     .trigger = trigger,
                                     .to = to,
                                     .by = (uint8_t)n->as.transition.by,
                                     .guard = guard,
                                     .negated = n->as.transition.negated,
                                     .line = n,
                                     .seq = (uint32_t)c->edge_count};
    c->edge_count++;
}

/* transition -> sources '->' NAME 'on' NAME ['after' DURATION] 'by' initiators
                 ['when' ['not'] NAME] [doc] */
static void expand(checker *c, const ast_node *n) {
    model_machine *m = c->m;
    int64_t to = resolve_state(c, n->as.transition.target);
    int64_t trigger = resolve_trigger(c, n->as.transition.trigger);
    if (trigger >= 0)
        c->trigger_used[trigger] = true;
    int64_t guard = MODEL_NO_GUARD;
    if (n->as.transition.guard) {
        guard = resolve_guard(c, n->as.transition.guard);
        if (guard >= 0)
            c->guard_used[guard] = true;
        else
            to = -1; /* resolve the rest, add no edge */
    }
    if (n->as.transition.after && !(n->as.transition.by & AST_AUTO)) {
        diag_error(c->d, n->as.transition.after_loc, "a timed transition must be 'by auto': "
                   "when its time runs out it fires as auto (others may fire it early)");
        to = -1;
    }
    if (n->as.transition.sources) {
        for (const ast_name *s = n->as.transition.sources; s; s = s->next) {
            int64_t from = resolve_state(c, s);
            if (from < 0)
                continue;
            if (m->states[from].final) {
                diag_error(c->d, s->loc, "final state '%s' cannot have outgoing transitions",
                           s->text);
                diag_note(c->d, m->states[from].loc, "'%s' declared final here", s->text);
                continue;
            }
            if (to >= 0 && trigger >= 0)
                add_edge(c, (uint32_t)from, (uint32_t)trigger, (uint32_t)to, (uint32_t)guard, n);
        }
        return;
    }
    /* '*' [except names]: every non-final state except the target and the listed ones. */
    bool *skip = arena_array(c->a, m->state_count, sizeof *skip);
    for (const ast_name *s = n->as.transition.except; s; s = s->next) {
        int64_t st = resolve_state(c, s);
        if (st >= 0)
            skip[st] = true;
    }
    if (to < 0 || trigger < 0)
        return;
    size_t before = c->edge_count;
    for (uint32_t s = 0; s < m->state_count; s++)
        if (!m->states[s].final && s != to && !skip[s])
            add_edge(c, s, (uint32_t)trigger, (uint32_t)to, (uint32_t)guard, n);
    if (c->edge_count == before)
        diag_error(c->d, n->loc, "'*' stands for no state here: every state is final, the "
                   "target '%s' or excepted", m->states[to].name);
}

/* The merge order: (from, trigger, to, guard, negated), the spec's order among equals. */
static int compare_edges(const void *pa, const void *pb) {
    const edge *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->trigger != b->trigger)
        return a->trigger < b->trigger ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    if (a->guard != b->guard)
        return a->guard < b->guard ? -1 : 1;
    if (a->negated != b->negated)
        return a->negated ? 1 : -1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The order alternatives are tried in: (from, trigger), then the spec's order. */
static int compare_tries(const void *pa, const void *pb) {
    const edge *a = pa, *b = pb;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->trigger != b->trigger)
        return a->trigger < b->trigger ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *edge_text(checker *c, uint32_t from, uint32_t trigger, uint32_t to) {
    const model_machine *m = c->m;
    return arena_printf(c->a, "%s -> %s on %s", m->states[from].name, m->states[to].name,
                        m->triggers[trigger].name);
}

/* " when g", " when not g", or "" for no guard. */
static const char *when_text(checker *c, uint32_t guard, bool negated) {
    if (guard == MODEL_NO_GUARD)
        return "";
    return arena_printf(c->a, " when %s%s", negated ? "not " : "", c->m->guards[guard].name);
}

/* "the transition to 'b' when g" */
static const char *alternative_text(checker *c, const edge *e) {
    return arena_printf(c->a, "the transition to '%s'%s", c->m->states[e->to].name,
                        when_text(c, e->guard, e->negated));
}

/* Whether a message about these lines was given already (a wildcard line meets the same other
   line in every state: one message is enough). */
static bool reported_before(checker *c, names *reported, const char *what, src_loc a, src_loc b) {
    const char *key = arena_printf(c->a, "%s %u:%u %u:%u", what, a.line, a.column, b.line,
                                   b.column);
    uint32_t known = reported->count;
    names_put(reported, key, 0);
    return reported->count == known;
}

/* Why an alternative is never taken. */
typedef enum hidden_kind {
    TAKEN,     /* it may be taken */
    UNGUARDED, /* an unguarded alternative comes before it */
    REPEATED,  /* an earlier alternative has the same guard, the same way round */
    COVERED,   /* earlier alternatives say 'when g' and 'when not g' */
} hidden_kind;

/* What the alternatives of one (from, trigger, initiator) tried so far leave open. The literal
   tables are valid for the group whose number is in stamp. */
typedef struct alt_scan {
    const edge *unguarded;         /* the fallback met, if any */
    const edge *cover[2];          /* 'when g' and 'when not g' of one guard, once both met */
    uint32_t *stamp;               /* [guard_count] */
    const edge **literal[2];       /* [guard_count]: the first 'when g', 'when not g' */
} alt_scan;

typedef struct verdict {
    hidden_kind kind;
    const edge *early, *other; /* what hides it */
} verdict;

static verdict scan_alternative(alt_scan *s, uint32_t group, const edge *e) {
    verdict v = {TAKEN, NULL, NULL};
    if (s->unguarded) {
        /* Two fallbacks: the determinism check reports them (or the duplicate warning). */
        if (e->guard != MODEL_NO_GUARD)
            v = (verdict){UNGUARDED, s->unguarded, NULL};
        return v;
    }
    if (s->cover[0])
        return (verdict){COVERED, s->cover[0], s->cover[1]};
    if (e->guard == MODEL_NO_GUARD) {
        s->unguarded = e;
        return v;
    }
    uint32_t g = e->guard;
    if (s->stamp[g] != group) {
        s->stamp[g] = group;
        s->literal[0][g] = s->literal[1][g] = NULL;
    }
    const edge *same = s->literal[e->negated][g];
    if (same) /* the same transition written twice is the duplicate warning's */
        return same->to == e->to ? v : (verdict){REPEATED, same, NULL};
    s->literal[e->negated][g] = e;
    const edge *opposite = s->literal[!e->negated][g];
    if (opposite) {
        s->cover[0] = opposite->seq < e->seq ? opposite : e;
        s->cover[1] = opposite->seq < e->seq ? e : opposite;
    }
    return v;
}

/* What an edge's transition line says (kept there, not copied into each edge): its location,
   and its timer's duration as written (NULL if untimed), in milliseconds and where it stands. */
static src_loc edge_loc(const edge *e) { return e->line->loc; }
static const char *edge_after(const edge *e) { return e->line->as.transition.after; }
static uint64_t edge_after_ms(const edge *e) { return e->line->as.transition.after_ms; }
static src_loc edge_after_loc(const edge *e) { return e->line->as.transition.after_loc; }

static void report_hidden(checker *c, names *reported, const edge *e, verdict v, unsigned bits) {
    const model_machine *m = c->m;
    if (reported_before(c, reported, "hidden", edge_loc(e), edge_loc(v.early)))
        return;
    const char *where =
        arena_printf(c->a, "from '%s' on '%s' by %s", m->states[e->from].name,
                     m->triggers[e->trigger].name, model_initiators_text(c->a, bits, ", "));
    switch (v.kind) {
    case UNGUARDED:
        diag_error(c->d, edge_loc(e),
                   "%s is never taken: %s the unguarded transition to '%s' comes "
                   "first and is always taken",
                   alternative_text(c, e), where, m->states[v.early->to].name);
        diag_note(c->d, edge_loc(v.early),
                  "the unguarded transition is here: the fallback comes last");
        break;
    case REPEATED:
        diag_error(c->d, edge_loc(e), "%s is never taken: %s %s comes first",
                   alternative_text(c, e), where, alternative_text(c, v.early));
        diag_note(c->d, edge_loc(v.early), "'%s' is first tried here",
                  when_text(c, e->guard, e->negated) + 1);
        break;
    case COVERED:
        diag_error(c->d, edge_loc(e),
                   "%s is never taken: %s the transitions before it take every "
                   "case ('when %s' and 'when not %s')",
                   alternative_text(c, e), where, m->guards[v.early->guard].name,
                   m->guards[v.early->guard].name);
        diag_note(c->d, edge_loc(v.early), "'%s' is here",
                  when_text(c, v.early->guard, v.early->negated) + 1);
        diag_note(c->d, edge_loc(v.other), "'%s' is here",
                  when_text(c, v.other->guard, v.other->negated) + 1);
        break;
    case TAKEN:
        break;
    }
}

/* The alternatives of every (from, trigger, initiator), in spec order (tries: the edges sorted
   by compare_tries): none may be hidden by the ones before it. */
static void check_alternatives(checker *c, const edge *tries) {
    const model_machine *m = c->m;
    enum { BITS = 3 };
    alt_scan scan[BITS];
    for (int b = 0; b < BITS; b++) {
        scan[b].stamp = arena_array(c->a, m->guard_count, sizeof *scan[b].stamp);
        for (int k = 0; k < 2; k++)
            scan[b].literal[k] = arena_array(c->a, m->guard_count, sizeof *scan[b].literal[k]);
    }
    names reported = {0};
    for (size_t i = 0; i < c->edge_count;) {
        size_t j = i;
        while (j < c->edge_count && tries[j].from == tries[i].from &&
               tries[j].trigger == tries[i].trigger)
            j++;
        for (int b = 0; b < BITS; b++)
            scan[b].unguarded = scan[b].cover[0] = scan[b].cover[1] = NULL;
        uint32_t group = (uint32_t)i + 1; /* stamps start at 0: no group */
        for (size_t k = i; k < j; k++) {
            const edge *e = &tries[k];
            verdict v[BITS];
            for (int b = 0; b < BITS; b++)
                v[b] = (e->by & (1u << b)) ? scan_alternative(&scan[b], group, e)
                                           : (verdict){TAKEN, NULL, NULL};
            /* One message per reason, naming every initiator it holds for. */
            for (int b = 0; b < BITS; b++) {
                if (v[b].kind == TAKEN)
                    continue;
                unsigned bits = 0;
                for (int o = b; o < BITS; o++)
                    if (v[o].kind == v[b].kind && v[o].early == v[b].early &&
                        v[o].other == v[b].other) {
                        bits |= 1u << o;
                        if (o != b)
                            v[o].kind = TAKEN;
                    }
                report_hidden(c, &reported, e, v[b], bits);
            }
        }
        i = j;
    }
    names_free(&reported);
}

/* Each state's timer: its timed edges share one trigger and duration, and auto fires that
   trigger only as the timer. tries: the edges sorted by compare_tries. */
static void check_timers(checker *c, const edge *tries) {
    model_machine *m = c->m;
    names reported = {0};
    for (size_t i = 0; i < c->edge_count;) {
        size_t j = i;
        while (j < c->edge_count && tries[j].from == tries[i].from)
            j++;
        const edge *timer = NULL; /* the first timed edge in spec order */
        for (size_t k = i; k < j; k++)
            if (edge_after(&tries[k]) && (!timer || tries[k].seq < timer->seq))
                timer = &tries[k];
        for (size_t k = i; k < j && timer; k++) {
            const edge *e = &tries[k];
            if (e == timer)
                continue;
            src_loc at = edge_after_loc(e), first = edge_after_loc(timer);
            if (edge_after(e) &&
                (e->trigger != timer->trigger || edge_after_ms(e) != edge_after_ms(timer))) {
                if (reported_before(c, &reported, "timer", at, first))
                    continue;
                diag_error(c->d, at,
                           "state '%s' has a timer already: '%s after %s' (line %u); "
                           "the timed transitions of a state share one trigger and duration",
                           m->states[e->from].name, m->triggers[timer->trigger].name,
                           edge_after(timer), first.line);
                diag_note(c->d, first, "the timer of '%s' is set here", m->states[e->from].name);
            } else if (!edge_after(e) && e->trigger == timer->trigger && (e->by & AST_AUTO)) {
                if (reported_before(c, &reported, "untimed", edge_loc(e), first))
                    continue;
                diag_error(c->d, edge_loc(e),
                           "%s on '%s' by auto needs 'after %s': from '%s', auto "
                           "fires '%s' when the timer runs out",
                           alternative_text(c, e), m->triggers[e->trigger].name, edge_after(timer),
                           m->states[e->from].name, m->triggers[e->trigger].name);
                diag_note(c->d, first, "the timer of '%s' is set here", m->states[e->from].name);
            }
        }
        if (timer) {
            m->states[timer->from].after_ms = edge_after_ms(timer);
            m->states[timer->from].timer_trigger = timer->trigger;
        }
        i = j;
    }
    names_free(&reported);
}

/* Sorts v[0 .. n) by cmp, a total order (seq decides last): by insertion when few, as the
   edges out of one state are. */
static void sort_edges(edge *v, size_t n, int (*cmp)(const void *, const void *)) {
    if (n > 16) {
        qsort(v, n, sizeof *v, cmp);
        return;
    }
    for (size_t k = 1; k < n; k++) {
        edge e = v[k];
        size_t i = k;
        for (; i > 0 && cmp(&e, &v[i - 1]) < 0; i--)
            v[i] = v[i - 1];
        v[i] = e;
    }
}

/* Puts c->edges in order of their source state, in spec order within each (a counting sort:
   linear), and returns first[]: the edges out of state s are [first[s] .. first[s + 1]). Both
   orders the checks need, compare_tries and compare_edges, start with the source state. */
static uint32_t *group_by_source(checker *c) {
    const model_machine *m = c->m;
    uint32_t *first = xrealloc(NULL, ((size_t)m->state_count + 1) * sizeof *first);
    memset(first, 0, ((size_t)m->state_count + 1) * sizeof *first);
    for (size_t i = 0; i < c->edge_count; i++)
        first[c->edges[i].from + 1]++;
    for (uint32_t s = 0; s < m->state_count; s++)
        first[s + 1] += first[s];
    edge *sorted = xrealloc(NULL, (c->edge_count ? c->edge_count : 1) * sizeof *sorted);
    for (size_t i = 0; i < c->edge_count; i++) /* first[s] moves up as state s fills */
        sorted[first[c->edges[i].from]++] = c->edges[i];
    for (uint32_t s = m->state_count; s > 0; s--) /* back to the starts */
        first[s] = first[s - 1];
    first[0] = 0;
    free(c->edges);
    c->edges = sorted;
    c->edge_cap = c->edge_count;
    return first;
}

/* Sorts the edges out of each state by cmp (grouped by group_by_source). */
static void sort_each_source(checker *c, const uint32_t *first,
                             int (*cmp)(const void *, const void *)) {
    for (uint32_t s = 0; s < c->m->state_count; s++)
        sort_edges(c->edges + first[s], first[s + 1] - first[s], cmp);
}

/* Checks the alternatives and timers in spec order, then sorts the edges, merges the ones with
   the same (from, trigger, to, guard, negated), and checks that no (from, trigger, initiator)
   leads to two targets unguarded, and that merging keeps every initiator's order of tries. */
static void build_transitions(checker *c) {
    model_machine *m = c->m;
    uint32_t *first = group_by_source(c);
    const edge *tries = c->edges; /* in compare_tries order, but while merging */
    sort_each_source(c, first, compare_tries);
    check_alternatives(c, tries);
    check_timers(c, tries);
    sort_each_source(c, first, compare_edges);
    m->transitions = arena_array(c->a, c->edge_count, sizeof *m->transitions);
    uint32_t *merged = xrealloc(NULL, (c->edge_count ? c->edge_count : 1) * sizeof *merged);
    /* merged: seq -> transition */
    uint32_t n = 0;
    for (size_t i = 0; i < c->edge_count; i++) {
        const edge *e = &c->edges[i];
        model_transition *last = n ? &m->transitions[n - 1] : NULL;
        if (last && last->from == e->from && last->trigger == e->trigger && last->to == e->to &&
            last->guard == e->guard && last->negated == e->negated) {
            unsigned both = last->by & e->by;
            if (both) {
                diag_warn(c->d, DIAG_W_DUPLICATE, edge_loc(e), "transition '%s%s' by %s written twice",
                          edge_text(c, e->from, e->trigger, e->to),
                          when_text(c, e->guard, e->negated),
                          model_initiators_text(c->a, both, ", "));
                diag_note(c->d, last->loc, "first written here");
            }
            last->by |= e->by;
            if (!last->doc)
                last->doc = e->line->as.transition.doc;
            if (!last->after) {
                last->after = edge_after(e);
                last->after_ms = edge_after_ms(e);
            }
            merged[e->seq] = n - 1;
            continue;
        }
        merged[e->seq] = n;
        m->transitions[n++] = (model_transition){.from = e->from,
                                                 .trigger = e->trigger,
                                                 .to = e->to,
                                                 .by = e->by,
                                                 .guard = e->guard,
                                                 .negated = e->negated,
                                                 .rank = e->seq,
                                                 .after_ms = edge_after_ms(e),
                                                 .after = edge_after(e),
                                                 .doc = e->line->as.transition.doc,
                                                 .loc = edge_loc(e)};
    }
    m->transition_count = n;
    m->out = arena_array(c->a, (size_t)m->state_count + 1, sizeof *m->out);
    for (uint32_t i = 0; i < n; i++)
        m->out[m->transitions[i].from + 1]++;
    for (uint32_t s = 0; s < m->state_count; s++)
        m->out[s + 1] += m->out[s];
    /* Determinism: within one (from, trigger), each initiator bit has one unguarded target. Two
       lines in conflict are reported once, for the first source they share (two wildcards may
       share every state). */
    names reported = {0};
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        while (j < n && m->transitions[j].from == m->transitions[i].from &&
               m->transitions[j].trigger == m->transitions[i].trigger)
            j++;
        for (uint32_t x = i; x < j; x++)
            for (uint32_t y = x + 1; y < j; y++) {
                const model_transition *a = &m->transitions[x], *b = &m->transitions[y];
                unsigned both = a->by & b->by;
                if (!both || a->guard != MODEL_NO_GUARD || b->guard != MODEL_NO_GUARD)
                    continue;
                const model_transition *early = a, *late = b;
                if (b->loc.src == a->loc.src &&
                    (b->loc.line < a->loc.line ||
                     (b->loc.line == a->loc.line && b->loc.column < a->loc.column))) {
                    early = b;
                    late = a;
                }
                if (reported_before(c, &reported, "nondeterministic", early->loc, late->loc))
                    continue;
                diag_error(c->d, late->loc,
                           "nondeterministic: '%s' on '%s' by %s leads to both '%s' and '%s'",
                           m->states[a->from].name, m->triggers[a->trigger].name,
                           model_initiators_text(c->a, both, ", "), m->states[early->to].name,
                           m->states[late->to].name);
                diag_note(c->d, early->loc, "the transition to '%s' is here",
                          m->states[early->to].name);
            }
        i = j;
    }
    /* Merging gives a transition the rank of its first line: for each initiator, its
       alternatives must still come in the order its own lines give them. */
    sort_each_source(c, first, compare_tries);
    free(first);
    uint32_t *seen = xrealloc(NULL, (n ? n : 1) * sizeof *seen);
    memset(seen, 0, (n ? n : 1) * sizeof *seen);
    for (size_t i = 0; i < c->edge_count;) {
        size_t j = i;
        while (j < c->edge_count && tries[j].from == tries[i].from &&
               tries[j].trigger == tries[i].trigger)
            j++;
        for (unsigned b = 0; b < 3; b++) {
            uint32_t stamp = (uint32_t)i * 3 + b + 1, top = 0;
            bool any = false;
            for (size_t k = i; k < j; k++) {
                const edge *e = &tries[k];
                uint32_t t = merged[e->seq];
                if (!(e->by & (1u << b)) || seen[t] == stamp)
                    continue;
                seen[t] = stamp;
                const model_transition *mt = &m->transitions[t];
                if (any && mt->rank < top) {
                    if (!reported_before(c, &reported, "order", edge_loc(e), mt->loc)) {
                        diag_error(c->d, edge_loc(e), "from '%s' on '%s' by %s this line tries %s "
                                   "after other alternatives, but line %u tries it before them: "
                                   "give the alternatives one order for every initiator",
                                   m->states[e->from].name, m->triggers[e->trigger].name,
                                   ast_initiator_name(1u << b),
                                   alternative_text(c, e), mt->loc.line);
                        diag_note(c->d, mt->loc, "it is first written here");
                    }
                    continue;
                }
                any = true;
                top = mt->rank > top ? mt->rank : top;
            }
        }
        i = j;
    }
    names_free(&reported);
    free(seen);
    free(merged);
}

/* Resolves a list of state names into an array; false when one is unknown. */
static bool resolve_list(checker *c, const ast_name *list, uint32_t **out, uint32_t *count) {
    uint32_t n = 0;
    for (const ast_name *s = list; s; s = s->next)
        n++;
    *out = arena_array(c->a, n, sizeof **out);
    *count = 0;
    bool ok = true;
    for (const ast_name *s = list; s; s = s->next) {
        int64_t st = resolve_state(c, s);
        if (st < 0)
            ok = false;
        else
            (*out)[(*count)++] = (uint32_t)st;
    }
    return ok;
}

static bool has_final(const model_machine *m) {
    for (uint32_t s = 0; s < m->state_count; s++)
        if (m->states[s].final)
            return true;
    return false;
}

/* item -> assert assertion: names resolved; proving is the prover's work. */
static void resolve_asserts(checker *c, ast_node *machine) {
    model_machine *m = c->m;
    uint32_t count = 0;
    for (ast_node *it = machine->as.machine.items; it; it = it->next)
        count += it->kind == AST_ASSERT;
    m->asserts = arena_array(c->a, count, sizeof *m->asserts);
    for (ast_node *it = machine->as.machine.items; it; it = it->next) {
        if (it->kind != AST_ASSERT)
            continue;
        model_assert *as = &m->asserts[m->assert_count];
        as->form = it->as.assertion.form;
        as->by = it->as.assertion.by ? it->as.assertion.by : AST_ALL_INITIATORS;
        as->loc = it->loc;
        bool ok = resolve_list(c, it->as.assertion.subjects, &as->subjects, &as->subject_count);
        ok &= resolve_list(c, it->as.assertion.objects, &as->objects, &as->object_count);
        as->goal.kind = it->as.assertion.goal_kind;
        as->from.kind = it->as.assertion.from_kind;
        if (as->form == AST_ASSERT_REACHABLE || as->form == AST_ASSERT_UNREACHABLE) {
            if (ok && as->goal.kind == AST_TARGET_NAME)
                as->goal.state = as->subjects[0];
            if (ok && as->from.kind == AST_TARGET_NAME)
                as->from.state = as->objects[0];
            if (as->goal.kind == AST_TARGET_FINAL && !has_final(m)) {
                diag_error(c->d, it->loc, "machine '%s' has no final state to reach", m->name);
                ok = false;
            }
        }
        if (ok) {
            as->text = model_assert_text(c->a, m, as);
            m->assert_count++;
        }
    }
}

/* The path that leads from the initial state to s, as a note per step. */
static void note_path(checker *c, const graph *g, const graph_walk *w, uint32_t s) {
    const model_machine *m = c->m;
    uint32_t *path = arena_array(c->a, w->depth[s], sizeof *path);
    uint32_t len = graph_path(g, w, s, false, path);
    model_note_path(c->d, c->a, m, path, len, AST_ALL_INITIATORS);
}

/* The note on an unreachable state s: the states with a transition into it (themselves
   unreachable), at most 8 of them. */
static void note_predecessors(checker *c, const graph *g, uint32_t s) {
    const model_machine *m = c->m;
    const char *from = NULL;
    uint32_t listed = 0, more = 0, last = GRAPH_NONE;
    /* in_edges of s are ordered by source, so a source met twice is met twice in a row. */
    for (uint32_t i = g->in[s]; i < g->in[s + 1]; i++) {
        uint32_t o = m->transitions[g->in_edges[i]].from;
        if (o == s || o == last)
            continue;
        last = o;
        if (listed == 8) {
            more++;
            continue;
        }
        from = arena_printf(c->a, "%s%s'%s'", from ? from : "", from ? ", " : "",
                            m->states[o].name);
        listed++;
    }
    if (from)
        diag_note(c->d, (src_loc){0}, "'%s' can be entered only from states unreachable too: %s%s",
                  m->states[s].name, from, more ? arena_printf(c->a, " and %u more", more) : "");
    else
        diag_note(c->d, (src_loc){0}, "no transition leads to '%s'", m->states[s].name);
}

/* -Wunreachable for the timer of a state never reached: its time never runs. */
static void warn_idle_timer(checker *c, uint32_t s) {
    const model_machine *m = c->m;
    const model_state *st = &m->states[s];
    for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
        const model_transition *t = &m->transitions[e];
        if (!t->after)
            continue;
        diag_warn(c->d, DIAG_W_UNREACHABLE, t->loc, "timed transition '%s -> %s on %s after %s' "
                  "never fires: state '%s' is never reached", st->name, m->states[t->to].name,
                  m->triggers[t->trigger].name, t->after, st->name);
        return; /* one per state: its timer */
    }
}

/* -Wunreachable, -Wdead-end, -Wunused-trigger, -Wunused-guard. One search from the initial state decides the
   first two; a dead end is a non-final state with no transition to another state. */
static void warn(checker *c) {
    model_machine *m = c->m;
    graph g;
    graph_init(&g, c->a, m);
    graph_walk w;
    graph_walk_init(&g, c->a, &w);
    graph_search(&g, &w, &m->initial, 1, AST_ALL_INITIATORS, false, false);
    for (uint32_t s = 0; s < m->state_count; s++) {
        const model_state *st = &m->states[s];
        if (!graph_reached(&w, s)) {
            diag_warn(c->d, DIAG_W_UNREACHABLE, st->loc,
                         "state '%s' is unreachable from the initial state '%s'", st->name,
                         m->states[m->initial].name);
            if (!c->d->muted)
                note_predecessors(c, &g, s);
            if (st->after_ms)
                warn_idle_timer(c, s);
        } else if (!st->final && graph_way_out(&g, s, AST_ALL_INITIATORS) == GRAPH_NONE) {
            diag_warn(c->d, DIAG_W_DEAD_END, st->loc,
                         "state '%s' is a dead end: it is not final and has no way out", st->name);
            if (!c->d->muted && w.depth[s] > 0) {
                diag_note(c->d, (src_loc){0}, "it is reached by this path:");
                note_path(c, &g, &w, s);
            }
        }
    }
    for (uint32_t t = 0; t < m->trigger_count; t++)
        if (!c->trigger_used[t])
            diag_warn(c->d, DIAG_W_UNUSED_TRIGGER, m->triggers[t].loc,
                         "trigger '%s' is declared but never used", m->triggers[t].name);
    for (uint32_t i = 0; i < m->guard_count; i++)
        if (!c->guard_used[i])
            diag_warn(c->d, DIAG_W_UNUSED_GUARD, m->guards[i].loc,
                      "guard '%s' is declared but never used", m->guards[i].name);
}

/* machine -> 'machine' NAME [doc] '{' { item } '}' */
static void check_machine(checker *c, ast_node *machine) {
    model_machine *m = c->m;
    m->name = machine->as.machine.name->text;
    m->doc = machine->as.machine.doc;
    m->loc = machine->as.machine.name->loc;
    m->src = m->loc.src;
    int errors = c->d->errors;
    declare(c, machine);
    find_initial(c, machine);
    c->trigger_used = arena_array(c->a, m->trigger_count, sizeof *c->trigger_used);
    c->guard_used = arena_array(c->a, m->guard_count, sizeof *c->guard_used);
    for (ast_node *it = machine->as.machine.items; it; it = it->next)
        if (it->kind == AST_TRANSITION)
            expand(c, it);
    build_transitions(c);
    resolve_asserts(c, machine);
    cnames_check_machine(c->a, c->d, m);
    if (c->d->errors == errors)
        warn(c);
}

bool check_files(arena *a, diag *d, ast_file *const *files, size_t n, model *out) {
    int errors = d->errors;
    uint32_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!files[i]->machines)
            diag_error(d, (src_loc){files[i]->src, 1, 1, 1}, "'%s' holds no machine",
                       files[i]->src->path);
        for (ast_node *mn = files[i]->machines; mn; mn = mn->next)
            count++;
    }
    out->machines = arena_array(a, count, sizeof *out->machines);
    out->machine_count = 0;
    names machines = {0};
    for (size_t i = 0; i < n; i++) {
        for (ast_node *mn = files[i]->machines; mn; mn = mn->next) {
            const ast_name *name = mn->as.machine.name;
            uint32_t owner = names_put(&machines, name->text, out->machine_count);
            if (owner != out->machine_count) {
                const model_machine *p = &out->machines[owner];
                diag_error(d, name->loc, "machine '%s' already defined in %s:%u", name->text,
                           p->src->path, p->loc.line);
                diag_note(d, p->loc, "first defined here");
                continue;
            }
            checker c = {.a = a, .d = d, .m = &out->machines[out->machine_count]};
            check_machine(&c, mn);
            names_free(&c.states);
            names_free(&c.persisted);
            names_free(&c.triggers);
            names_free(&c.guards);
            free(c.edges);
            out->machine_count++;
        }
    }
    names_free(&machines);
    cnames_check_model(a, d, out);
    return d->errors == errors;
}
