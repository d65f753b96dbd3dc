/*
** JSON emitter: MACHINE.json, the checked model for tools and UIs. Wildcards are expanded: one
** transition per (from, trigger, to) with every initiator that may fire it. The shape is a
** contract (keys may be added, never renamed; docs/transit.schema.json describes it, and
** "format_version" grows when keys are added):
**   {"format": "transit-machine", "format_version": 2, "machine", "doc", "initial",
**    "states": [{"name", "persisted", "final", "doc", "timer"}],
**    "triggers": [{"name", "doc"}], "guards": [{"name", "doc"}],
**    "transitions": [{"from", "to", "trigger", "by", "guard", "negated", "rank", "after_ms",
**                     "after", "doc"}],
**    "assertions": [{"text", "holds", "summary"}]}
** A missing doc is null. "timer" is null, or {"trigger", "after_ms", "after"} for a state with a
** timed transition: after_ms milliseconds after each entry its trigger fires as auto. A
** transition's "guard" is the guard's name or null, "negated" true for 'when not GUARD';
** "after_ms" (a number) and "after" (as written, "90s") are null unless it is timed. Transitions
** are listed by (from, trigger, to); alternatives of one (from, trigger, initiator) are tried in
** the order of "rank" (their spec order).
*/
#include "emit.h"
#include "escape.h"

/* The version of the JSON shape: the "format_version" key and docs/transit.schema.json. */
enum { EMIT_JSON_FORMAT_VERSION = 2 };

static void key(out *o, const char *name, const char *value) {
    out_printf(o, "\"%s\": ", name);
    escape_json_value(o, value);
}

void emit_json(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    (void)ctx;
    out *o = out_files_add(files, "%s.json", m->name);
    out_puts(o, "{\n");
    out_indent(o, 2);
    out_printf(o, "\"format\": \"transit-machine\",\n\"format_version\": %d,\n",
               EMIT_JSON_FORMAT_VERSION);
    key(o, "machine", m->name);
    out_puts(o, ",\n");
    key(o, "doc", m->doc);
    out_puts(o, ",\n");
    key(o, "initial", m->states[m->initial].name);
    out_puts(o, ",\n\"states\": [");
    for (uint32_t s = 0; s < m->state_count; s++) {
        const model_state *st = &m->states[s];
        out_puts(o, s ? ",\n  {" : "\n  {");
        key(o, "name", st->name);
        out_puts(o, ", ");
        key(o, "persisted", st->persisted);
        out_printf(o, ", \"final\": %s, ", st->final ? "true" : "false");
        key(o, "doc", st->doc);
        out_puts(o, ", \"timer\": ");
        const char *after = NULL;
        for (uint32_t e = m->out[s]; e < m->out[s + 1] && st->after_ms; e++)
            if (m->transitions[e].after_ms && !after)
                after = m->transitions[e].after;
        if (st->after_ms) {
            out_puts(o, "{");
            key(o, "trigger", m->triggers[st->timer_trigger].name);
            out_printf(o, ", \"after_ms\": %llu, ", (unsigned long long)st->after_ms);
            key(o, "after", after);
            out_puts(o, "}}");
        } else {
            out_puts(o, "null}");
        }
    }
    out_puts(o, m->state_count ? "\n],\n\"triggers\": [" : "],\n\"triggers\": [");
    for (uint32_t t = 0; t < m->trigger_count; t++) {
        out_puts(o, t ? ",\n  {" : "\n  {");
        key(o, "name", m->triggers[t].name);
        out_puts(o, ", ");
        key(o, "doc", m->triggers[t].doc);
        out_puts(o, "}");
    }
    out_puts(o, m->trigger_count ? "\n],\n\"guards\": [" : "],\n\"guards\": [");
    for (uint32_t g = 0; g < m->guard_count; g++) {
        out_puts(o, g ? ",\n  {" : "\n  {");
        key(o, "name", m->guards[g].name);
        out_puts(o, ", ");
        key(o, "doc", m->guards[g].doc);
        out_puts(o, "}");
    }
    out_puts(o, m->guard_count ? "\n],\n\"transitions\": [" : "],\n\"transitions\": [");
    for (uint32_t e = 0; e < m->transition_count; e++) {
        const model_transition *tr = &m->transitions[e];
        out_puts(o, e ? ",\n  {" : "\n  {");
        key(o, "from", m->states[tr->from].name);
        out_puts(o, ", ");
        key(o, "to", m->states[tr->to].name);
        out_puts(o, ", ");
        key(o, "trigger", m->triggers[tr->trigger].name);
        out_puts(o, ", \"by\": [");
        const char *sep = "";
        for (unsigned bit = 1; bit <= 4; bit <<= 1)
            if (tr->by & bit) {
                out_printf(o, "%s\"%s\"", sep, ast_initiator_name(bit));
                sep = ", ";
            }
        out_puts(o, "], ");
        key(o, "guard", tr->guard == MODEL_NO_GUARD ? NULL : m->guards[tr->guard].name);
        out_printf(o, ", \"negated\": %s, \"rank\": %u, ", tr->negated ? "true" : "false",
                   tr->rank);
        if (tr->after_ms)
            out_printf(o, "\"after_ms\": %llu, ", (unsigned long long)tr->after_ms);
        else
            out_puts(o, "\"after_ms\": null, ");
        key(o, "after", tr->after_ms ? tr->after : NULL);
        out_puts(o, ", ");
        key(o, "doc", tr->doc);
        out_puts(o, "}");
    }
    out_puts(o, m->transition_count ? "\n],\n\"assertions\": [" : "],\n\"assertions\": [");
    for (uint32_t i = 0; i < m->assert_count; i++) {
        const model_assert *as = &m->asserts[i];
        out_puts(o, i ? ",\n  {" : "\n  {");
        key(o, "text", as->text);
        out_printf(o, ", \"holds\": %s, ", as->proof.holds ? "true" : "false");
        key(o, "summary", as->proof.summary);
        out_puts(o, "}");
    }
    out_puts(o, m->assert_count ? "\n]\n" : "]\n");
    out_indent(o, -2);
    out_puts(o, "}\n");
}
