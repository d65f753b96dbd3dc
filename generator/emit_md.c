/*
** Markdown emitter: MACHINE.md, a docs page for the lifecycle. Title and doc, the Mermaid
** diagram, tables of states, triggers and transitions, what each initiator may do from each
** state, what each initiator can reach on its own from the initial state, and the spec's
** properties with the prover's verdict and witness.
*/
#include "emit.h"
#include "escape.h"
#include "graph.h"

/* s inside an HTML comment: nothing in it may end the comment. */
static void comment_text(out *o, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '-' || *p == '>' || *p == '<' || *p == '!')
            out_printf(o, "&#%d;", *p);
        else if (*p < 0x20 || *p == 0x7f)
            out_puts(o, "?");
        else
            out_write(o, (const char *)p, 1);
    }
}

/* A table cell: " text |", empty when s is NULL. */
static void cell(out *o, const char *s) {
    out_puts(o, " ");
    if (s)
        escape_md(o, s);
    out_puts(o, " |");
}

static void states_table(const model_machine *m, out *o) {
    out_puts(o, "## States\n\nThe initial state is ");
    escape_md(o, m->states[m->initial].name);
    out_puts(o, ".\n\n| State | Persisted as | Final | Doc |\n| --- | --- | --- | --- |\n");
    for (uint32_t s = 0; s < m->state_count; s++) {
        const model_state *st = &m->states[s];
        out_puts(o, "|");
        cell(o, st->name);
        cell(o, st->persisted);
        cell(o, st->final ? "yes" : NULL);
        cell(o, st->doc);
        out_puts(o, "\n");
    }
    out_puts(o, "\n");
}

static void triggers_table(const model_machine *m, out *o) {
    if (!m->trigger_count)
        return;
    out_puts(o, "## Triggers\n\n| Trigger | Doc |\n| --- | --- |\n");
    for (uint32_t t = 0; t < m->trigger_count; t++) {
        out_puts(o, "|");
        cell(o, m->triggers[t].name);
        cell(o, m->triggers[t].doc);
        out_puts(o, "\n");
    }
    out_puts(o, "\n");
}

static void transitions_table(arena *a, const model_machine *m, out *o) {
    out_puts(o, "## Transitions\n\n");
    if (!m->transition_count) {
        out_puts(o, "None: the machine stays in its initial state.\n\n");
        return;
    }
    bool guards = false, timed = false;
    for (uint32_t e = 0; e < m->transition_count; e++) {
        guards |= m->transitions[e].guard != MODEL_NO_GUARD;
        timed |= m->transitions[e].after_ms != 0;
    }
    out_printf(o, "| From | To | Trigger | Who |%s Doc |\n| --- | --- | --- | --- |%s --- |\n",
               guards ? " When |" : "", guards ? " --- |" : "");
    for (uint32_t e = 0; e < m->transition_count; e++) {
        const model_transition *tr = &m->transitions[e];
        out_puts(o, "|");
        cell(o, m->states[tr->from].name);
        cell(o, m->states[tr->to].name);
        cell(o, model_trigger_text(a, m, tr));
        cell(o, model_initiators_text(a, tr->by, ", "));
        if (guards)
            cell(o, tr->guard == MODEL_NO_GUARD
                        ? NULL
                        : arena_printf(a, "%s%s", tr->negated ? "not " : "",
                                       m->guards[tr->guard].name));
        cell(o, tr->doc);
        out_puts(o, "\n");
    }
    out_puts(o, "\n");
    if (guards)
        out_puts(o, "Transitions that share a state, trigger and initiator are alternatives, tried "
                    "in spec order: the first whose condition (When) holds is taken.\n\n");
    if (timed)
        out_puts(o, "A timed trigger (\"after\") fires by itself, as auto, when the instance has "
                    "stayed that long in the state; every entry, a self-loop included, restarts "
                    "the timer.\n\n");
}

/* The guards: the conditions the application answers when a transition is tried. */
static void guards_table(const model_machine *m, out *o) {
    if (!m->guard_count)
        return;
    out_puts(o, "## Guards\n\n| Guard | Doc |\n| --- | --- |\n");
    for (uint32_t g = 0; g < m->guard_count; g++) {
        out_puts(o, "|");
        cell(o, m->guards[g].name);
        cell(o, m->guards[g].doc);
        out_puts(o, "\n");
    }
    out_puts(o, "\n");
}

/* Per state, per initiator: "trigger → target" for each transition it may fire. */
static void moves_table(arena *a, const model_machine *m, out *o) {
    out_puts(o, "## What each initiator may do, per state\n\n"
                "Each cell lists the triggers the initiator may fire from the state and where "
                "they lead.\n\n"
                "| State | user | auto | self |\n| --- | --- | --- | --- |\n");
    for (uint32_t s = 0; s < m->state_count; s++) {
        out_puts(o, "|");
        cell(o, m->states[s].name);
        for (unsigned bit = 1; bit <= 4; bit <<= 1) {
            const char *sep = " ";
            for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
                const model_transition *tr = &m->transitions[e];
                if (!(tr->by & bit))
                    continue;
                out_puts(o, sep);
                escape_md(o, model_trigger_text(a, m, tr));
                out_puts(o, " → ");
                escape_md(o, m->states[tr->to].name);
                if (tr->guard != MODEL_NO_GUARD) {
                    out_puts(o, " ");
                    escape_md(o, model_guard_text(a, m, tr));
                }
                sep = "<br>";
            }
            out_puts(o, sep[0] == ' ' ? " — |" : " |");
        }
        out_puts(o, "\n");
    }
    out_puts(o, "\n");
}

/* A comma list of the states whose reached-ness is want, or "—" for none. */
static void state_list(const model_machine *m, const graph_walk *w, bool want, out *o) {
    const char *sep = " ";
    for (uint32_t s = 0; s < m->state_count; s++) {
        if (s == m->initial || graph_reached(w, s) != want)
            continue;
        out_puts(o, sep);
        escape_md(o, m->states[s].name);
        sep = ", ";
    }
    out_puts(o, sep[0] == ' ' ? " — |" : " |");
}

/* Per initiator: the states its transitions alone reach from the initial state. An initiator that
   fires no transition gets no row (it would "never reach" everything): a sentence names it. */
static void reach_table(arena *a, const model_machine *m, out *o) {
    graph g;
    graph_init(&g, a, m);
    unsigned used = 0;
    for (uint32_t e = 0; e < m->transition_count; e++)
        used |= m->transitions[e].by;
    out_puts(o, "## What each initiator alone can reach\n\n");
    if (used) {
        out_puts(o, "From the initial state ");
        escape_md(o, m->states[m->initial].name);
        out_puts(o, ", following only the transitions that initiator may fire.\n\n"
                    "| Initiator | Reaches | Never reaches |\n| --- | --- | --- |\n");
    }
    graph_walk w;
    graph_walk_init(&g, a, &w);
    for (unsigned bit = 1; bit <= 4; bit <<= 1) {
        if (!(used & bit))
            continue;
        graph_search(&g, &w, &m->initial, 1, bit, false, false);
        out_printf(o, "| %s |", ast_initiator_name(bit));
        state_list(m, &w, true, o);
        state_list(m, &w, false, o);
        out_puts(o, "\n");
    }
    if (!used) {
        out_puts(o, "No initiator fires a transition of this machine.\n");
    } else if (used != AST_ALL_INITIATORS) {
        unsigned unused = AST_ALL_INITIATORS & ~used;
        bool two = (unused & (unused - 1)) != 0;
        out_puts(o, "\n");
        const char *sep = "";
        for (unsigned bit = 1; bit <= 4; bit <<= 1)
            if (unused & bit) {
                out_printf(o, "%s%s", sep, ast_initiator_name(bit));
                sep = " and ";
            }
        out_printf(o, " fire%s no transition of this machine.\n", two ? "" : "s");
    }
}

/* The spec's assertions as the prover left them: each with its status, summary and path. */
static void properties_table(arena *a, const model_machine *m, out *o) {
    if (!m->assert_count)
        return;
    out_puts(o, "\n## Properties\n\nEach assertion of the spec, proved by transitc over every path of "
                "the machine.\n\n| Property | Status | Why | Path |\n| --- | --- | --- | --- |\n");
    for (uint32_t i = 0; i < m->assert_count; i++) {
        const model_assert *as = &m->asserts[i];
        const model_proof *pr = &as->proof;
        out_puts(o, "|");
        cell(o, as->text);
        cell(o, !pr->summary ? "not proved" : pr->holds ? "holds" : "fails");
        cell(o, pr->summary);
        out_puts(o, " ");
        for (uint32_t k = 0; k < pr->path_len; k++) {
            if (k)
                out_puts(o, "; ");
            const model_transition *t = &m->transitions[pr->path[k]];
            escape_md(o, arena_printf(a, "%s --%s [%s]--> %s (line %u)", m->states[t->from].name,
                                      m->triggers[t->trigger].name,
                                      model_initiators_text(a, t->by & as->by, ", "),
                                      m->states[t->to].name, t->loc.line));
        }
        out_puts(o, " |\n");
    }
    out_puts(o, "\n");
}

void emit_md(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    arena *a = ctx->a;
    out *o = out_files_add(files, "%s.md", m->name);
    out_puts(o, "<!-- Generated by transitc from ");
    comment_text(o, m->src->name);
    out_printf(o, ", machine %s. Do not edit: edit the spec and run transitc generate again. "
                  "-->\n\n# ",
               m->name);
    escape_md(o, m->name);
    out_puts(o, "\n\n");
    if (m->doc) {
        escape_md(o, m->doc);
        out_puts(o, "\n\n");
    }
    out_puts(o, "```mermaid\n");
    emit_mermaid_diagram(a, m, o);
    out_puts(o, "```\n\n");
    states_table(m, o);
    triggers_table(m, o);
    guards_table(m, o);
    transitions_table(a, m, o);
    moves_table(a, m, o);
    reach_table(a, m, o);
    properties_table(a, m, o);
}
