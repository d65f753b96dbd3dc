/*
** Breadth-first search over a machine's transitions, forwards or backwards, restricted to the
** transitions some given initiators may fire. Linear in states + transitions. The checker's
** warnings and the property prover both use it, so their paths are the same shortest paths.
*/
#ifndef GEN_GRAPH_H
#define GEN_GRAPH_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

#define GRAPH_NONE UINT32_MAX /* via[] of a state not reached; no transition */

typedef struct graph {
    const model_machine *m;
    uint32_t *in;       /* [state_count + 1]: in_edges[in[s] .. in[s+1]) end at s */
    uint32_t *in_edges; /* transition indexes, grouped by target, by source within a target */
    uint32_t *queue;    /* [state_count] the search's queue, reused by every search */
    bool *queued;       /* [state_count] */
} graph;

/* The result of one search. */
typedef struct graph_walk {
    uint32_t *via;   /* [state_count] the transition that first reached each state, or GRAPH_NONE */
    uint32_t *depth; /* [state_count] transitions on that shortest path (0: a start state;
                        UINT32_MAX: not reached) */
    uint32_t explored; /* states the search visited, starts included */
} graph_walk;

/* Indexes m's transitions by target and allocates the search buffers, all in a. */
void graph_init(graph *g, arena *a, const model_machine *m);

/* Allocates w's arrays in a; one walk can hold the result of many searches, one at a time. */
void graph_walk_init(const graph *g, arena *a, graph_walk *w);

/* Searches from the states starts[0 .. n) along transitions that an initiator in mask may fire
   (against their direction when reverse), overwriting w. With one_or_more, a start counts as
   reached only when a path of at least one transition leads to it; otherwise starts are reached
   at depth 0 with via GRAPH_NONE. */
void graph_search(graph *g, graph_walk *w, const uint32_t *starts, uint32_t n, unsigned mask,
                  bool reverse, bool one_or_more);

/* Whether state s was reached. */
bool graph_reached(const graph_walk *w, uint32_t s);

/* The shortest path found to s as transition indexes, in walking order (for a reverse search:
   from s towards the start). Returns its length; path must hold depth[s] entries. */
uint32_t graph_path(const graph *g, const graph_walk *w, uint32_t s, bool reverse,
                    uint32_t *path);

/* The first transition out of s to another state that an initiator in mask may fire, or
   GRAPH_NONE: s is a dead end for those initiators. */
uint32_t graph_way_out(const graph *g, uint32_t s, unsigned mask);

#endif
