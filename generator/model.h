/*
** The checked model: what every emitter reads. A machine's states, triggers and transitions in
** arrays, wildcards expanded, names resolved to indexes, in a deterministic order.
*/
#ifndef GEN_MODEL_H
#define GEN_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"

typedef struct model_state {
    const char *name;      /* the spec identifier */
    const char *persisted; /* the 'as' name, else the identifier */
    const char *doc;       /* NULL when none */
    bool final;
    src_loc loc; /* the name in its declaration */
    /* The state's timer: after after_ms milliseconds in the state (counted from every entry, a
       self-loop included) its trigger timer_trigger fires as auto. 0 when the state has no timed
       transition. Every timed transition out of one state shares trigger and duration. */
    uint64_t after_ms;
    uint32_t timer_trigger;
} model_state;

typedef struct model_trigger {
    const char *name;
    const char *doc;
    src_loc loc;
} model_trigger;

/* A transition with no guard (model_transition.guard). */
#define MODEL_NO_GUARD UINT32_MAX

/* A condition the application answers when a transition is tried: 'guard NAME [doc]'. */
typedef struct model_guard {
    const char *name;
    const char *doc; /* NULL when none */
    src_loc loc;
} model_guard;

/* One edge: a (from, trigger, to, guard) with every initiator that may fire it.
   Several edges of one (from, trigger) may share an initiator when guards tell them apart: they
   are the alternatives of that (from, trigger, initiator), tried in ascending rank (spec order);
   the first whose guard holds is taken, and at most the last one is unguarded (the fallback).
   model_alternatives lists them. */
typedef struct model_transition {
    uint32_t from, trigger, to;
    unsigned by;        /* initiator bits (AST_USER, AST_AUTO, AST_SELF) */
    uint32_t guard;     /* MODEL_NO_GUARD, or the index of the guard in model_machine.guards */
    bool negated;       /* 'when not GUARD': taken when the guard does not hold */
    uint32_t rank;      /* the order alternatives are tried in: the spec order of their lines */
    uint64_t after_ms;  /* a timed transition ('after 90s'): its duration; 0 when not timed */
    const char *after;  /* the duration as written ("90s"), NULL when not timed */
    const char *doc;    /* NULL when none */
    src_loc loc;        /* the transition line that first gave it */
} model_transition;

/* Who an assertion talks about: a state, any state, some final state, or the initial state. */
typedef struct model_target {
    ast_target kind;
    uint32_t state; /* with AST_TARGET_NAME */
} model_target;

/* What the prover found for one assertion. The prover fills it; emitters (the docs page) read it.
   Before prove_model runs, summary is NULL. */
typedef struct model_proof {
    bool holds;
    uint32_t start;     /* the state the path starts from */
    uint32_t *path;     /* transition indexes: the witness (holds) or counterexample (fails) */
    uint32_t path_len;  /* 0: no path to show */
    uint32_t explored;  /* states the search visited */
    const char *summary; /* one line: why it holds, or why not */
} model_proof;

typedef struct model_assert {
    ast_assert_form form;
    const char *text;   /* the assertion in canonical spelling: "reachable deleted from *" */
    model_proof proof;
    model_target goal; /* reachable, unreachable */
    model_target from; /* reachable, unreachable (AST_TARGET_NONE: the initial state);
                          only (AST_TARGET_ANY: self-loops on the target left out) */
    uint32_t *subjects, subject_count; /* final: the state; only: the target; -> only: sources */
    uint32_t *objects, object_count;   /* -> only: the allowed targets */
    unsigned by;                       /* initiators that count; never 0 (0 in the spec: all) */
    src_loc loc;
} model_assert;

typedef struct model_machine {
    const char *name;
    const char *doc;
    const source *src; /* the spec it came from */
    src_loc loc;       /* its name */
    uint32_t initial;
    model_state *states;
    uint32_t state_count;
    model_trigger *triggers;
    uint32_t trigger_count;
    model_guard *guards; /* in declaration order */
    uint32_t guard_count;
    /* Sorted by (from, trigger, to, guard, negated); the edges of state s are transitions[out[s] .. out[s+1]). */
    model_transition *transitions;
    uint32_t transition_count;
    uint32_t *out; /* [state_count + 1] */
    model_assert *asserts;
    uint32_t assert_count;
} model_machine;

/* Every machine of a compilation, in the order of the files and within each file. */
typedef struct model {
    model_machine *machines;
    uint32_t machine_count;
} model;

/* The assertion as a spec author writes it after 'assert', e.g. "unreachable x from y by auto". */
const char *model_assert_text(arena *a, const model_machine *m, const model_assert *as);

/* One step of a path, as every diagnostic prints it: "a --go [user]--> b" (a note at t->loc),
   "a --expire after 90s [auto]--> b" for a timed transition fired by auto (its timer), "a --go [auto] when ok--> b" or
   "... when not ok--> b" for a guarded one. The initiators shown are those of t also in mask. */
const char *model_step_text(arena *a, const model_machine *m, const model_transition *t,
                            unsigned mask);

/* The path (transition indexes, len of them) as one note per step in model_step_text's form. A
   path longer than 25 steps shows its first and last 12 steps and how many lie between. */
void model_note_path(diag *d, arena *a, const model_machine *m, const uint32_t *path, uint32_t len,
                     unsigned mask);

/* The alternatives of (from, trigger) for one initiator bit: the indexes of its transitions that
   initiator may fire, in the order they are tried (ascending rank), written to out (room for
   m->out[from + 1] - m->out[from] of them). Returns how many. */
uint32_t model_alternatives(const model_machine *m, uint32_t from, uint32_t trigger,
                            unsigned initiator, uint32_t *out);

/* Sorts transition indexes v[0 .. n) into the order they are tried: ascending rank (then index),
   in O(n log n). */
void model_sort_tried(const model_machine *m, uint32_t *v, uint32_t n);

/* A transition's trigger as readers see it: "expire after 90s" for a timed one, else "expire". */
const char *model_trigger_text(arena *a, const model_machine *m, const model_transition *t);

/* A transition's guard as the pictures show it: "[reachable]", "[not reachable]", or "" when it
   has none. */
const char *model_guard_text(arena *a, const model_machine *m, const model_transition *t);

/* The names of the initiators in bits, "user, auto" (for messages). */
const char *model_initiators_text(arena *a, unsigned bits, const char *separator);

#endif
