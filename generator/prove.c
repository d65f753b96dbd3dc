/*
** The prover: decides every assertion of the checked model by breadth-first search over the whole
** transition graph (never by sampling), fills each assertion's proof, and reports the shortest
** counterexample of each that fails and, with --explain, the witness of each that holds.
*/
#include "prove.h"

#include <string.h>

#include "graph.h"

enum { LIST_CAP = 8 }; /* states or transitions named in one note before "..." */

typedef struct prover {
    arena *a;
    diag *d;
    const model_machine *m;
    graph g;
    graph_walk w, side; /* the search that decides; a second one for the notes */
    uint32_t *starts;   /* [state_count] */
    bool *marked, *done; /* [state_count] each */
} prover;

static const char *name(const prover *p, uint32_t s) { return p->m->states[s].name; }

static const char *plural(uint32_t n) { return n == 1 ? "" : "s"; }

/* "both" or "all N", before a plural noun. */
static const char *all_text(const prover *p, uint32_t n) {
    return n == 2 ? "both" : arena_printf(p->a, "all %u", n);
}

/* " using auto, self transitions", or "" when every initiator counts. */
static const char *using_text(const prover *p, unsigned mask) {
    if (mask == AST_ALL_INITIATORS)
        return "";
    return arena_printf(p->a, " using %s transitions", model_initiators_text(p->a, mask, ", "));
}

/* "auto, self " before "transition", or "" when every initiator counts. */
static const char *mask_adjective(const prover *p, unsigned mask) {
    if (mask == AST_ALL_INITIATORS)
        return "";
    return arena_printf(p->a, "%s ", model_initiators_text(p->a, mask, ", "));
}

/* The goal for messages: the named state; for goal final, "a final state" or the final state
   reached; for goal *, "another state" or the state reached. */
static const char *goal_text(const prover *p, const model_assert *as, uint32_t reached) {
    if (as->goal.kind == AST_TARGET_NAME)
        return name(p, as->goal.state);
    if (as->goal.kind == AST_TARGET_FINAL)
        return reached == GRAPH_NONE ? "a final state"
                                     : arena_printf(p->a, "final state %s", name(p, reached));
    return reached == GRAPH_NONE ? "another state" : name(p, reached);
}

/* Stores the search's path to (forward) or from (reverse) s as the proof's path. */
static void keep_path(prover *p, model_proof *pr, uint32_t s, bool reverse) {
    uint32_t len = p->w.depth[s];
    pr->path = arena_array(p->a, len, sizeof *pr->path);
    pr->path_len = graph_path(&p->g, &p->w, s, reverse, pr->path);
}

/* One note per step of the proof's path. */
static void note_steps(prover *p, const model_proof *pr, unsigned mask) {
    model_note_path(p->d, p->a, p->m, pr->path, pr->path_len, mask);
}

/* The note after a failed reachable: what can be reached from start instead. */
static void note_reached_instead(prover *p, uint32_t start, unsigned mask) {
    graph_walk *w = &p->side;
    graph_search(&p->g, w, &start, 1, mask, false, true);
    const char *list = NULL;
    uint32_t listed = 0, total = 0;
    for (uint32_t s = 0; s < p->m->state_count; s++) {
        if (!graph_reached(w, s))
            continue;
        if (listed < LIST_CAP) {
            list = arena_printf(p->a, "%s%s%s", list ? list : "", list ? ", " : "", name(p, s));
            listed++;
        }
        total++;
    }
    if (!list)
        diag_note(p->d, (src_loc){0}, "no %stransition leads out of %s", mask_adjective(p, mask),
                  name(p, start));
    else
        diag_note(p->d, (src_loc){0}, "only %s%s can be reached from %s%s", list,
                  total > listed ? ", ..." : "", name(p, start), using_text(p, mask));
}

/* The starts of an assertion: the initial state, the named one, or for '*' every non-final
   state other than a named goal. Returns their count. */
static uint32_t find_starts(prover *p, const model_assert *as) {
    const model_machine *m = p->m;
    if (as->from.kind == AST_TARGET_NONE) {
        p->starts[0] = m->initial;
        return 1;
    }
    if (as->from.kind == AST_TARGET_NAME) {
        p->starts[0] = as->from.state;
        return 1;
    }
    uint32_t n = 0;
    for (uint32_t s = 0; s < m->state_count; s++)
        if (!m->states[s].final && !(as->goal.kind == AST_TARGET_NAME && s == as->goal.state))
            p->starts[n++] = s;
    return n;
}

/* A goal state reached by the last forward search: the named one, the nearest final state or
   (for '*') the nearest (unreachable) or farthest (reachable) other state; GRAPH_NONE if none. */
static uint32_t pick_goal(const prover *p, const model_assert *as, uint32_t start, bool farthest) {
    const model_machine *m = p->m;
    if (as->goal.kind == AST_TARGET_NAME)
        return graph_reached(&p->w, as->goal.state) ? as->goal.state : GRAPH_NONE;
    uint32_t best = GRAPH_NONE;
    for (uint32_t s = 0; s < m->state_count; s++) {
        if (!graph_reached(&p->w, s))
            continue;
        if (as->goal.kind == AST_TARGET_FINAL ? !m->states[s].final : s == start)
            continue;
        if (best == GRAPH_NONE || (farthest ? p->w.depth[s] > p->w.depth[best]
                                            : p->w.depth[s] < p->w.depth[best]))
            best = s;
    }
    return best;
}

/* reachable / unreachable GOAL [from STATE] [by ...]: one forward search from the start. */
static void prove_from_one(prover *p, model_assert *as) {
    model_proof *pr = &as->proof;
    bool want = as->form == AST_ASSERT_REACHABLE;
    uint32_t start = p->starts[0];
    pr->start = start;
    graph_search(&p->g, &p->w, &start, 1, as->by, false, true);
    pr->explored = p->w.explored;
    const char *using = using_text(p, as->by);
    if (as->goal.kind == AST_TARGET_ANY && want) {
        /* Every other state, so the first one missed refutes it. */
        uint32_t missed = GRAPH_NONE, others = 0;
        for (uint32_t s = 0; s < p->m->state_count && missed == GRAPH_NONE; s++)
            if (s != start) {
                others++;
                if (!graph_reached(&p->w, s))
                    missed = s;
            }
        if (missed != GRAPH_NONE) {
            pr->summary = arena_printf(p->a, "no path from %s to %s%s", name(p, start),
                                       name(p, missed), using);
            return;
        }
        pr->holds = true;
        uint32_t far = pick_goal(p, as, start, true);
        if (far == GRAPH_NONE) {
            pr->summary = "there is no other state";
            return;
        }
        keep_path(p, pr, far, false);
        pr->summary = arena_printf(p->a, "%s reaches all %u other states%s; the farthest, %s, in "
                                   "%u step%s", name(p, start), others, using, name(p, far),
                                   pr->path_len, plural(pr->path_len));
        return;
    }
    uint32_t goal = pick_goal(p, as, start, false);
    if (goal == GRAPH_NONE) {
        pr->holds = !want;
        pr->summary = want ? arena_printf(p->a, "no path from %s to %s%s", name(p, start),
                                          goal_text(p, as, GRAPH_NONE), using)
                           : arena_printf(p->a, "no path: explored %u state%s", pr->explored,
                                          plural(pr->explored));
        return;
    }
    pr->holds = want;
    keep_path(p, pr, goal, false);
    pr->summary = arena_printf(p->a, "%s reaches %s in %u step%s%s", name(p, start),
                               goal_text(p, as, goal), pr->path_len, plural(pr->path_len), using);
}

/* reachable / unreachable * from *: every non-final state reaches every other one, or none
   does. The first holds when some non-final state s0 reaches every other state and every
   non-final state reaches s0; the second when no counted transition leaves its state. */
static void prove_any_from_any(prover *p, model_assert *as, uint32_t n) {
    model_proof *pr = &as->proof;
    const model_machine *m = p->m;
    const char *using = using_text(p, as->by);
    if (as->form == AST_ASSERT_UNREACHABLE) {
        pr->explored = m->state_count;
        for (uint32_t e = 0; e < m->transition_count; e++) {
            const model_transition *t = &m->transitions[e];
            if ((t->by & as->by) && t->from != t->to) {
                pr->start = t->from;
                pr->path = arena_array(p->a, 1, sizeof *pr->path);
                pr->path[0] = e;
                pr->path_len = 1;
                pr->summary = arena_printf(p->a, "%s reaches %s in 1 step%s", name(p, t->from),
                                           name(p, t->to), using);
                return;
            }
        }
        pr->holds = true;
        pr->summary = arena_printf(p->a, "no path: explored %u state%s", pr->explored,
                                   plural(pr->explored));
        return;
    }
    pr->holds = true;
    pr->summary = "there is no non-final state";
    if (n == 0)
        return;
    uint32_t s0 = p->starts[0];
    graph_search(&p->g, &p->w, &s0, 1, as->by, false, true);
    pr->explored = p->w.explored;
    for (uint32_t s = 0; s < m->state_count; s++)
        if (s != s0 && !graph_reached(&p->w, s)) {
            pr->holds = false;
            pr->start = s0;
            pr->summary = arena_printf(p->a, "no path from %s to %s%s", name(p, s0), name(p, s),
                                       using);
            return;
        }
    graph_search(&p->g, &p->w, &s0, 1, as->by, true, false);
    pr->explored += p->w.explored;
    for (uint32_t i = 1; i < n; i++)
        if (!graph_reached(&p->w, p->starts[i])) {
            pr->holds = false;
            pr->start = p->starts[i];
            pr->summary = arena_printf(p->a, "no path from %s to %s%s", name(p, p->starts[i]),
                                       name(p, s0), using);
            return;
        }
    pr->summary = arena_printf(p->a, "each of the %u non-final state%s reaches every other "
                               "state%s", n, plural(n), using);
}

/* reachable / unreachable X|final from *: one backward search from the goals. */
static void prove_from_any(prover *p, model_assert *as, uint32_t n) {
    model_proof *pr = &as->proof;
    const model_machine *m = p->m;
    bool want = as->form == AST_ASSERT_REACHABLE;
    const char *using = using_text(p, as->by);
    uint32_t *goals = arena_array(p->a, m->state_count, sizeof *goals);
    uint32_t goal_count = 0;
    if (as->goal.kind == AST_TARGET_NAME)
        goals[goal_count++] = as->goal.state;
    else
        for (uint32_t s = 0; s < m->state_count; s++)
            if (m->states[s].final)
                goals[goal_count++] = s;
    graph_search(&p->g, &p->w, goals, goal_count, as->by, true, false);
    pr->explored = p->w.explored;
    /* want: the first start not reached refutes, the farthest one is the witness;
       otherwise: the nearest start reached refutes. */
    uint32_t pick = GRAPH_NONE;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t s = p->starts[i];
        bool reached = graph_reached(&p->w, s);
        if (want && !reached) {
            pr->start = s;
            pr->summary = arena_printf(p->a, "no path from %s to %s%s", name(p, s),
                                       goal_text(p, as, GRAPH_NONE),
                                       using);
            return;
        }
        if (reached && (pick == GRAPH_NONE || (want ? p->w.depth[s] > p->w.depth[pick]
                                                    : p->w.depth[s] < p->w.depth[pick])))
            pick = s;
    }
    if (pick == GRAPH_NONE) {
        pr->holds = true;
        pr->summary = want ? "there is no other non-final state"
                           : arena_printf(p->a, "no path: explored %u state%s", pr->explored,
                                          plural(pr->explored));
        return;
    }
    pr->holds = want;
    pr->start = pick;
    keep_path(p, pr, pick, true);
    uint32_t end = m->transitions[pr->path[pr->path_len - 1]].to;
    if (want) {
        bool other = as->goal.kind == AST_TARGET_NAME && !m->states[end].final;
        pr->summary = arena_printf(p->a, "each of the %u %snon-final state%s reaches %s%s; the "
                                   "farthest, %s, in %u step%s", n, other ? "other " : "",
                                   plural(n), goal_text(p, as, GRAPH_NONE), using, name(p, pick),
                                   pr->path_len, plural(pr->path_len));
    } else {
        pr->summary = arena_printf(p->a, "%s reaches %s in %u step%s%s", name(p, pick),
                                   goal_text(p, as, end), pr->path_len, plural(pr->path_len),
                                   using);
    }
}

/* assert reachable|unreachable goal [from place] [by initiators] */
static void prove_reach(prover *p, model_assert *as) {
    uint32_t n = find_starts(p, as);
    if (as->from.kind != AST_TARGET_ANY)
        prove_from_one(p, as);
    else if (as->goal.kind == AST_TARGET_ANY)
        prove_any_from_any(p, as, n);
    else
        prove_from_any(p, as, n);
    model_proof *pr = &as->proof;
    if (pr->holds)
        return;
    diag_error(p->d, as->loc, "assertion failed: %s", pr->summary);
    if (as->form == AST_ASSERT_UNREACHABLE)
        note_steps(p, pr, as->by);
    else
        note_reached_instead(p, pr->start, as->by);
}

/* assert final NAME */
static void prove_final(prover *p, model_assert *as) {
    const model_state *st = &p->m->states[as->subjects[0]];
    model_proof *pr = &as->proof;
    pr->holds = st->final;
    pr->start = as->subjects[0];
    if (pr->holds) {
        pr->summary = arena_printf(p->a, "%s is declared final at line %u", st->name, st->loc.line);
        return;
    }
    pr->summary = arena_printf(p->a, "%s is not final", st->name);
    diag_error(p->d, as->loc, "assertion failed: %s", pr->summary);
    diag_note(p->d, st->loc, "%s declared here", st->name);
}

/* Notes for the offending transitions found, at most LIST_CAP of them. */
static void note_transitions(prover *p, const uint32_t *found, uint32_t n) {
    for (uint32_t i = 0; i < n && i < LIST_CAP; i++)
        diag_note_step(p->d, p->m->transitions[found[i]].loc, "%s",
                       model_step_text(p->a, p->m, &p->m->transitions[found[i]], AST_ALL_INITIATORS));
    if (n > LIST_CAP)
        diag_note(p->d, (src_loc){0}, "and %u more", n - LIST_CAP);
}

/* assert only initiators -> NAME: every transition into NAME (a self-loop included) is open to
   those initiators and no other. */
static void prove_only_by(prover *p, model_assert *as) {
    const model_machine *m = p->m;
    model_proof *pr = &as->proof;
    uint32_t x = as->subjects[0];
    uint32_t *found = arena_array(p->a, m->transition_count, sizeof *found);
    uint32_t n = 0, total = 0;
    unsigned others = 0;
    bool elsewhere = as->from.kind == AST_TARGET_ANY; /* 'from *': self-loops left out */
    for (uint32_t i = p->g.in[x]; i < p->g.in[x + 1]; i++) {
        const model_transition *t = &m->transitions[p->g.in_edges[i]];
        if (elsewhere && t->from == x)
            continue;
        total++;
        if (t->by & ~as->by) {
            others |= t->by & ~as->by;
            found[n++] = p->g.in_edges[i];
        }
    }
    pr->start = x;
    pr->explored = 1;
    pr->holds = n == 0;
    const char *by = model_initiators_text(p->a, as->by, ", ");
    const char *from = elsewhere ? " from another state" : "";
    if (pr->holds) {
        if (total == 0)
            pr->summary = arena_printf(p->a, "no transition enters %s%s", name(p, x), from);
        else if (total == 1)
            pr->summary = arena_printf(p->a, "the one transition into %s%s is open to %s only",
                                       name(p, x), from, by);
        else
            pr->summary = arena_printf(p->a, "%s transitions into %s%s are open to %s only",
                                       all_text(p, total), name(p, x), from, by);
        return;
    }
    pr->summary = arena_printf(p->a, "%s can be entered%s by %s", name(p, x), from,
                               model_initiators_text(p->a, others, ", "));
    diag_error(p->d, as->loc, "assertion failed: %s", pr->summary);
    note_transitions(p, found, n);
}

/* A list of state names for messages: "a, b". */
static const char *state_list(prover *p, const uint32_t *s, uint32_t n) {
    const char *text = "";
    for (uint32_t i = 0; i < n; i++)
        text = arena_printf(p->a, "%s%s%s", text, i ? ", " : "", name(p, s[i]));
    return text;
}

/* assert NAMES -> only NAMES [by initiators]: every counted transition out of the first states
   leads to one of the second. */
static void prove_only_to(prover *p, model_assert *as) {
    const model_machine *m = p->m;
    model_proof *pr = &as->proof;
    memset(p->marked, 0, m->state_count * sizeof *p->marked);
    memset(p->done, 0, m->state_count * sizeof *p->done);
    for (uint32_t i = 0; i < as->object_count; i++)
        p->marked[as->objects[i]] = true;
    uint32_t *found = arena_array(p->a, m->transition_count, sizeof *found);
    uint32_t n = 0, total = 0;
    for (uint32_t i = 0; i < as->subject_count; i++) {
        uint32_t s = as->subjects[i];
        if (p->done[s]) /* a source written twice counts once */
            continue;
        p->done[s] = true;
        for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
            if (!(m->transitions[e].by & as->by))
                continue;
            total++;
            if (!p->marked[m->transitions[e].to])
                found[n++] = e;
        }
    }
    pr->start = as->subjects[0];
    pr->explored = as->subject_count;
    pr->holds = n == 0;
    const char *from = state_list(p, as->subjects, as->subject_count);
    const char *to = state_list(p, as->objects, as->object_count);
    const char *kind = mask_adjective(p, as->by);
    if (pr->holds) {
        if (total == 0)
            pr->summary = arena_printf(p->a, "no %stransition leaves %s", kind, from);
        else if (total == 1)
            pr->summary = arena_printf(p->a, "the one %stransition out of %s leads to %s", kind,
                                       from, to);
        else
            pr->summary = arena_printf(p->a, "%s %stransitions out of %s lead to %s",
                                       all_text(p, total), kind, from, to);
        return;
    }
    pr->summary = arena_printf(p->a, "not every %stransition out of %s leads to %s", kind, from,
                               to);
    diag_error(p->d, as->loc, "assertion failed: %s", pr->summary);
    /* The steps show every initiator: the one that breaks the claim may be among them. */
    for (uint32_t i = 0; i < n && i < LIST_CAP; i++)
        diag_note_step(p->d, m->transitions[found[i]].loc, "%s",
                       model_step_text(p->a, m, &m->transitions[found[i]], as->by));
    if (n > LIST_CAP)
        diag_note(p->d, (src_loc){0}, "and %u more", n - LIST_CAP);
}

/* assert no deadlock [by initiators]: every non-final state the counted transitions reach from
   the initial state has a counted transition to another state. */
static void prove_no_deadlock(prover *p, model_assert *as) {
    const model_machine *m = p->m;
    model_proof *pr = &as->proof;
    graph_search(&p->g, &p->w, &m->initial, 1, as->by, false, false);
    pr->start = m->initial;
    pr->explored = p->w.explored;
    /* The queue holds the states in the order of their depth: the first dead end is nearest. */
    for (uint32_t i = 0; i < p->w.explored; i++) {
        uint32_t s = p->g.queue[i];
        if (m->states[s].final || graph_way_out(&p->g, s, as->by) != GRAPH_NONE)
            continue;
        keep_path(p, pr, s, false);
        pr->summary = arena_printf(p->a, "%s is a dead end: no %stransition leads out of it",
                                   name(p, s), mask_adjective(p, as->by));
        diag_error(p->d, as->loc, "assertion failed: %s", pr->summary);
        if (pr->path_len)
            diag_note(p->d, (src_loc){0}, "it is reached by this path:");
        note_steps(p, pr, as->by);
        return;
    }
    pr->holds = true;
    pr->summary = arena_printf(p->a, "each of the %u state%s reachable from %s%s is final or has "
                               "a way out", pr->explored, plural(pr->explored),
                               name(p, m->initial), using_text(p, as->by));
}

enum { GUARDS_TRIED = 12 }; /* guards of one state's ways out tried in every combination */

/* Whether s has a counted way out when the guards read (their indexes in used, n of them) have
   the values in the bits of values: in each (trigger, initiator) the first alternative whose
   guard holds is taken, and one that leaves s is a way out. */
static bool leaves_when(prover *p, uint32_t s, unsigned mask, const uint32_t *used, uint32_t n,
                        uint32_t values, uint32_t *alts) {
    const model_machine *m = p->m;
    for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
        const model_transition *t = &m->transitions[e];
        if (e > m->out[s] && t->trigger == m->transitions[e - 1].trigger)
            continue; /* each trigger once: its cells are tried below */
        for (unsigned bit = 1; bit <= 4; bit <<= 1) {
            if (!(bit & mask))
                continue;
            uint32_t count = model_alternatives(m, s, t->trigger, bit, alts);
            for (uint32_t i = 0; i < count; i++) {
                const model_transition *alt = &m->transitions[alts[i]];
                bool holds = true;
                if (alt->guard != MODEL_NO_GUARD) {
                    uint32_t g = 0;
                    while (g < n && used[g] != alt->guard)
                        g++;
                    holds = ((values >> g) & 1u) != alt->negated;
                }
                if (holds) {
                    if (alt->to != s)
                        return true;
                    break;
                }
            }
        }
    }
    return false;
}

/* The guard literals of s's counted ways out ("reachable", "not ready"), joined by sep. */
static const char *way_out_guards(prover *p, uint32_t s, unsigned mask, const char *sep) {
    const model_machine *m = p->m;
    const char *text = "";
    for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
        const model_transition *t = &m->transitions[e];
        if (!(t->by & mask) || t->to == s || t->guard == MODEL_NO_GUARD)
            continue;
        const char *lit = arena_printf(p->a, "%s%s", t->negated ? "not " : "",
                                       m->guards[t->guard].name);
        bool seen = false;
        for (uint32_t f = m->out[s]; f < e && !seen; f++) {
            const model_transition *u = &m->transitions[f];
            seen = (u->by & mask) && u->to != s && u->guard == t->guard &&
                   u->negated == t->negated;
        }
        if (!seen)
            text = arena_printf(p->a, "%s%s%s", text, *text ? sep : "", lit);
    }
    return text;
}

/* For no deadlock, which holds: a note for each state reached whose every way out can be shut
   by the guards, with the guards one of which must hold and an assignment that shuts it. */
static void note_guarded_liveness(prover *p, const model_assert *as) {
    const model_machine *m = p->m;
    if (m->guard_count == 0)
        return;
    graph_search(&p->g, &p->w, &m->initial, 1, as->by, false, false);
    uint32_t *used = arena_array(p->a, m->guard_count, sizeof *used);
    uint32_t *alts = arena_array(p->a, m->transition_count, sizeof *alts);
    for (uint32_t i = 0; i < p->w.explored; i++) {
        uint32_t s = p->g.queue[i];
        if (m->states[s].final)
            continue;
        uint32_t n = 0;
        for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
            const model_transition *t = &m->transitions[e];
            if (!(t->by & as->by) || t->guard == MODEL_NO_GUARD)
                continue;
            uint32_t g = 0;
            while (g < n && used[g] != t->guard)
                g++;
            if (g == n)
                used[n++] = t->guard;
        }
        if (n == 0 || n > GUARDS_TRIED)
            continue;
        for (uint32_t values = 0; values < (1u << n); values++) {
            if (leaves_when(p, s, as->by, used, n, values, alts))
                continue;
            const char *shut = "";
            for (uint32_t g = 0; g < n; g++)
                shut = arena_printf(p->a, "%s%s%s %s", shut, g ? ", " : "",
                                    m->guards[used[g]].name,
                                    (values >> g) & 1u ? "true" : "false");
            const char *need = way_out_guards(p, s, as->by, " or ");
            const char *must = *need ? arena_printf(p->a, "%s must hold; ", need) : "";
            diag_note(p->d, m->states[s].loc,
                      "%s is kept live only by guarded transitions: %swith %s, no %stransition "
                      "leads out of it",
                      name(p, s), must, shut, mask_adjective(p, as->by));
            break;
        }
    }
}

/* --explain: the proof of one assertion that holds, its witness path as notes. */
static void explain(prover *p, const model_assert *as) {
    diag_info(p->d, as->loc, "proved: %s: %s", as->text, as->proof.summary);
    if (as->form == AST_ASSERT_REACHABLE)
        note_steps(p, &as->proof, as->by);
    if (as->form == AST_ASSERT_NO_DEADLOCK)
        note_guarded_liveness(p, as);
}

static bool prove_machine(arena *a, diag *d, model_machine *m, bool explain_all) {
    prover p = {.a = a, .d = d, .m = m};
    graph_init(&p.g, a, m);
    graph_walk_init(&p.g, a, &p.w);
    graph_walk_init(&p.g, a, &p.side);
    p.starts = arena_array(a, m->state_count, sizeof *p.starts);
    p.marked = arena_array(a, m->state_count, sizeof *p.marked);
    p.done = arena_array(a, m->state_count, sizeof *p.done);
    bool ok = true;
    for (uint32_t i = 0; i < m->assert_count; i++) {
        model_assert *as = &m->asserts[i];
        as->proof = (model_proof){0};
        switch (as->form) {
        case AST_ASSERT_REACHABLE:
        case AST_ASSERT_UNREACHABLE: prove_reach(&p, as); break;
        case AST_ASSERT_FINAL: prove_final(&p, as); break;
        case AST_ASSERT_ONLY_BY: prove_only_by(&p, as); break;
        case AST_ASSERT_ONLY_TO: prove_only_to(&p, as); break;
        case AST_ASSERT_NO_DEADLOCK: prove_no_deadlock(&p, as); break;
        }
        ok &= as->proof.holds;
        if (as->proof.holds && explain_all)
            explain(&p, as);
    }
    return ok;
}

bool prove_model(arena *a, diag *d, model *mo, bool explain_all) {
    bool ok = true;
    for (uint32_t i = 0; i < mo->machine_count; i++)
        ok &= prove_machine(a, d, &mo->machines[i], explain_all);
    return ok;
}
