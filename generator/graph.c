/*
** Breadth-first search over a machine's transitions, with the shortest path to each state.
*/
#include "graph.h"

void graph_init(graph *g, arena *a, const model_machine *m) {
    g->m = m;
    g->in = arena_array(a, (size_t)m->state_count + 1, sizeof *g->in);
    g->in_edges = arena_array(a, m->transition_count, sizeof *g->in_edges);
    g->queue = arena_array(a, m->state_count, sizeof *g->queue);
    g->queued = arena_array(a, m->state_count, sizeof *g->queued);
    for (uint32_t e = 0; e < m->transition_count; e++)
        g->in[m->transitions[e].to + 1]++;
    for (uint32_t s = 0; s < m->state_count; s++)
        g->in[s + 1] += g->in[s];
    uint32_t *fill = arena_array(a, m->state_count, sizeof *fill);
    for (uint32_t e = 0; e < m->transition_count; e++) {
        uint32_t to = m->transitions[e].to;
        g->in_edges[g->in[to] + fill[to]++] = e;
    }
}

void graph_walk_init(const graph *g, arena *a, graph_walk *w) {
    w->via = arena_array(a, g->m->state_count, sizeof *w->via);
    w->depth = arena_array(a, g->m->state_count, sizeof *w->depth);
    w->explored = 0;
}

bool graph_reached(const graph_walk *w, uint32_t s) { return w->depth[s] != UINT32_MAX; }

void graph_search(graph *g, graph_walk *w, const uint32_t *starts, uint32_t n, unsigned mask,
                  bool reverse, bool one_or_more) {
    const model_machine *m = g->m;
    uint32_t *queue = g->queue;
    bool *queued = g->queued;
    for (uint32_t s = 0; s < m->state_count; s++) {
        w->via[s] = GRAPH_NONE;
        w->depth[s] = UINT32_MAX;
        queued[s] = false;
    }
    uint32_t head = 0, tail = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t s = starts[i];
        if (queued[s])
            continue;
        queued[s] = true;
        queue[tail++] = s;
        if (!one_or_more)
            w->depth[s] = 0;
    }
    uint32_t seeded = tail;
    while (head < tail) {
        /* A start is expanded at depth 0 even if a path has reached it since. */
        uint32_t d = head < seeded ? 0 : w->depth[queue[head]];
        uint32_t s = queue[head++];
        uint32_t first = reverse ? g->in[s] : m->out[s];
        uint32_t last = reverse ? g->in[s + 1] : m->out[s + 1];
        for (uint32_t i = first; i < last; i++) {
            uint32_t e = reverse ? g->in_edges[i] : i;
            const model_transition *t = &m->transitions[e];
            if (!(t->by & mask))
                continue;
            uint32_t next = reverse ? t->from : t->to;
            if (w->depth[next] != UINT32_MAX)
                continue;
            w->via[next] = e;
            w->depth[next] = d + 1;
            if (!queued[next]) {
                queued[next] = true;
                queue[tail++] = next;
            }
        }
    }
    w->explored = tail;
}

uint32_t graph_path(const graph *g, const graph_walk *w, uint32_t s, bool reverse,
                    uint32_t *path) {
    uint32_t len = w->depth[s];
    if (len == UINT32_MAX)
        return 0;
    /* Walking back from s gives the edges last first (forward) or in walking order (reverse). */
    for (uint32_t i = 0; i < len; i++) {
        uint32_t e = w->via[s];
        const model_transition *t = &g->m->transitions[e];
        if (reverse) {
            path[i] = e;
            s = t->to;
        } else {
            path[len - 1 - i] = e;
            s = t->from;
        }
    }
    return len;
}

uint32_t graph_way_out(const graph *g, uint32_t s, unsigned mask) {
    const model_machine *m = g->m;
    for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++)
        if ((m->transitions[e].by & mask) && m->transitions[e].to != s)
            return e;
    return GRAPH_NONE;
}
