/*
** Helpers over the checked model shared by the checker, the prover and the emitters.
*/
#include "model.h"

#include <stdio.h>
#include <string.h>

const char *model_initiators_text(arena *a, unsigned bits, const char *separator) {
    char buf[64] = "";
    size_t len = 0;
    for (unsigned bit = 1; bit <= 4; bit <<= 1) {
        if (!(bits & bit))
            continue;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? separator : "",
                                ast_initiator_name(bit));
    }
    return arena_strdup(a, buf);
}

static const char *target_text(arena *a, const model_machine *m, model_target t) {
    switch (t.kind) {
    case AST_TARGET_NAME: return m->states[t.state].name;
    case AST_TARGET_ANY: return "*";
    case AST_TARGET_FINAL: return "final";
    case AST_TARGET_NONE: break;
    }
    (void)a;
    return "";
}

static const char *state_list(arena *a, const model_machine *m, const uint32_t *s, uint32_t n) {
    const char *text = "";
    for (uint32_t i = 0; i < n; i++)
        text = arena_printf(a, "%s%s%s", text, i ? ", " : "", m->states[s[i]].name);
    return text;
}

const char *model_assert_text(arena *a, const model_machine *m, const model_assert *as) {
    const char *by = as->by == AST_ALL_INITIATORS
                         ? ""
                         : arena_printf(a, " by %s", model_initiators_text(a, as->by, ", "));
    switch (as->form) {
    case AST_ASSERT_REACHABLE:
    case AST_ASSERT_UNREACHABLE:
        return arena_printf(a, "%s %s%s%s%s", ast_assert_form_name(as->form),
                            target_text(a, m, as->goal), as->from.kind == AST_TARGET_NONE ? "" : " from ",
                            target_text(a, m, as->from), by);
    case AST_ASSERT_FINAL:
        return arena_printf(a, "final %s", m->states[as->subjects[0]].name);
    case AST_ASSERT_ONLY_BY:
        return arena_printf(a, "only %s -> %s%s", model_initiators_text(a, as->by, ", "),
                            m->states[as->subjects[0]].name,
                            as->from.kind == AST_TARGET_ANY ? " from *" : "");
    case AST_ASSERT_ONLY_TO:
        return arena_printf(a, "%s -> only %s%s", state_list(a, m, as->subjects, as->subject_count),
                            state_list(a, m, as->objects, as->object_count), by);
    case AST_ASSERT_NO_DEADLOCK:
        return arena_printf(a, "no deadlock%s", by);
    }
    return "";
}

const char *model_step_text(arena *a, const model_machine *m, const model_transition *t,
                            unsigned mask) {
    const char *when = t->guard == MODEL_NO_GUARD
                           ? ""
                           : arena_printf(a, " when %s%s", t->negated ? "not " : "",
                                          m->guards[t->guard].name);
    return arena_printf(a, "%s --%s [%s]%s--> %s", m->states[t->from].name,
                        t->by & mask & AST_AUTO ? model_trigger_text(a, m, t)
                                                : m->triggers[t->trigger].name,
                        model_initiators_text(a, t->by & mask, ", "),
                        when, m->states[t->to].name);
}

void model_note_path(diag *d, arena *a, const model_machine *m, const uint32_t *path, uint32_t len,
                     unsigned mask) {
    enum { SHOWN = 12 }; /* steps shown at each end of a long path */
    for (uint32_t i = 0; i < len; i++) {
        if (len > 2 * SHOWN + 1 && i == SHOWN) {
            diag_note(d, (src_loc){0}, "... %u more steps ...", len - 2 * SHOWN);
            i = len - SHOWN - 1;
            continue;
        }
        const model_transition *t = &m->transitions[path[i]];
        diag_note_step(d, t->loc, "%s", model_step_text(a, m, t, mask));
    }
}

/* Whether transition a is tried before b: by rank, then index (the order of the model). */
static bool tried_before(const model_machine *m, uint32_t a, uint32_t b) {
    uint32_t ra = m->transitions[a].rank, rb = m->transitions[b].rank;
    return ra != rb ? ra < rb : a < b;
}

/* Moves v[i] down the heap v[0 .. n) ordered by tried_before (largest at the root). */
static void sift_down(const model_machine *m, uint32_t *v, uint32_t i, uint32_t n) {
    for (;;) {
        uint32_t big = i, l = 2 * i + 1, r = l + 1;
        if (l < n && tried_before(m, v[big], v[l]))
            big = l;
        if (r < n && tried_before(m, v[big], v[r]))
            big = r;
        if (big == i)
            return;
        uint32_t t = v[i];
        v[i] = v[big];
        v[big] = t;
        i = big;
    }
}

void model_sort_tried(const model_machine *m, uint32_t *v, uint32_t n) {
    if (n <= 16) { /* few: insertion */
        for (uint32_t k = 1; k < n; k++) {
            uint32_t e = v[k], i = k;
            for (; i > 0 && tried_before(m, e, v[i - 1]); i--)
                v[i] = v[i - 1];
            v[i] = e;
        }
        return;
    }
    for (uint32_t i = n / 2; i-- > 0;) /* many: heapsort, no quadratic case */
        sift_down(m, v, i, n);
    for (uint32_t end = n; end-- > 1;) {
        uint32_t t = v[0];
        v[0] = v[end];
        v[end] = t;
        sift_down(m, v, 0, end);
    }
}

uint32_t model_alternatives(const model_machine *m, uint32_t from, uint32_t trigger,
                            unsigned initiator, uint32_t *out) {
    uint32_t n = 0;
    for (uint32_t e = m->out[from]; e < m->out[from + 1]; e++) {
        const model_transition *t = &m->transitions[e];
        if (t->trigger == trigger && (t->by & initiator))
            out[n++] = e;
    }
    model_sort_tried(m, out, n);
    return n;
}

const char *model_trigger_text(arena *a, const model_machine *m, const model_transition *t) {
    const char *name = m->triggers[t->trigger].name;
    return t->after_ms && t->after ? arena_printf(a, "%s after %s", name, t->after) : name;
}

const char *model_guard_text(arena *a, const model_machine *m, const model_transition *t) {
    if (t->guard == MODEL_NO_GUARD)
        return "";
    return arena_printf(a, "[%s%s]", t->negated ? "not " : "", m->guards[t->guard].name);
}
