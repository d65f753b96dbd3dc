/*
** Go emitter: MACHINE.go, one machine as Go in a package of its own or shared: typed State,
** Trigger, Guard, Initiator and Result constants with String methods as stringer writes them,
** the persisted names, the transition table in try order, state timers as time.Duration, and
** Lookup, Allowed, Fire, FireTimeout and Restore with the C runtime's outcomes. Standard library
** only, gofmt-clean. Every exported name starts with the machine's CamelCase name (lang.h).
*/
#include <string.h>

#include "emit.h"
#include "escape.h"
#include "lang.h"

static void quote(out *o, const char *s) {
    out_write(o, "\"", 1);
    escape_go_string(o, s);
    out_write(o, "\"", 1);
}

/* A doc comment of lines "// text" for a spec doc (nothing when NULL). */
static void doc(out *o, const char *text) {
    if (!text)
        return;
    out_puts(o, "// ");
    escape_line_comment(o, text, "// ");
    out_puts(o, "\n");
}

/* The smallest unsigned type holding n. */
static const char *uint_type(size_t n) {
    return n < 256 ? "uint8" : n < 65536 ? "uint16" : "uint32";
}

/* An int-based enum type with stringer's String method, and its constants. */
static void enum_type(out *o, const char *type, const char *what, const char *const *constants,
                      const char *const *names, const char *const *docs, uint32_t n) {
    out_printf(o, "// %s is %s. Its String method gives the spec name.\ntype %s int\n\n", type,
               what, type);
    if (n) {
        out_puts(o, "const (\n");
        for (uint32_t i = 0; i < n; i++) {
            if (docs && docs[i]) {
                out_puts(o, "\t");
                out_puts(o, "// ");
                escape_line_comment(o, docs[i], "\t// ");
                out_puts(o, "\n");
            }
            if (i == 0)
                out_printf(o, "\t%s %s = iota\n", constants[i], type);
            else
                out_printf(o, "\t%s\n", constants[i]);
        }
        out_puts(o, ")\n\n");
    }
    size_t total = 0;
    for (uint32_t i = 0; i < n; i++)
        total += strlen(names[i]);
    out_printf(o, "const _%s_name = \"", type);
    for (uint32_t i = 0; i < n; i++)
        escape_go_string(o, names[i]);
    out_printf(o, "\"\n\nvar _%s_index = [...]%s{0", type, uint_type(total));
    total = 0;
    for (uint32_t i = 0; i < n; i++) {
        total += strlen(names[i]);
        out_printf(o, ", %zu", total);
    }
    out_puts(o, "}\n\n");
    out_printf(o,
               "func (i %s) String() string {\n"
               "\tif i < 0 || i >= %s(len(_%s_index)-1) {\n"
               "\t\treturn \"%s(\" + strconv.FormatInt(int64(i), 10) + \")\"\n"
               "\t}\n"
               "\treturn _%s_name[_%s_index[i]:_%s_index[i+1]]\n"
               "}\n\n",
               type, type, type, type, type, type, type);
}

/* A name -> constant lookup: name first among keys[0..n) then keys2 (NULL: none), no key twice. */
static void parse_func(arena *a, out *o, const char *func, const char *type, const char *what,
                       const char *const *constants, const char *const *keys,
                       const char *const *keys2, uint32_t n) {
    out_printf(o, "// %s %s\n", func, what);
    out_printf(o, "func %s(name string) (%s, bool) {\n", func, type);
    if (n) {
        out_puts(o, "\tswitch name {\n");
        const char **seen = arena_array(a, 2 * (size_t)n, sizeof *seen);
        size_t count = 0;
        for (int pass = 0; pass < 2; pass++) {
            const char *const *k = pass ? keys2 : keys;
            if (!k)
                continue;
            for (uint32_t i = 0; i < n; i++) {
                bool dup = false;
                for (size_t j = 0; j < count && !dup; j++)
                    dup = strcmp(seen[j], k[i]) == 0;
                if (dup)
                    continue;
                seen[count++] = k[i];
                out_puts(o, "\tcase ");
                quote(o, k[i]);
                out_printf(o, ":\n\t\treturn %s, true\n", constants[i]);
            }
        }
        out_puts(o, "\t}\n");
    }
    out_puts(o, "\treturn 0, false\n}\n\n");
}

static const char *duration(arena *a, uint64_t ms) {
    if (ms == 0)
        return "0";
    if (ms % 1000 == 0)
        return arena_printf(a, "%llu * time.Second", (unsigned long long)(ms / 1000));
    return arena_printf(a, "%llu * time.Millisecond", (unsigned long long)ms);
}

static const char *initiators(arena *a, const char *p, unsigned by) {
    const char *s = "";
    if (by & 1u)
        s = arena_printf(a, "%s%sUser", s, p);
    if (by & 2u)
        s = arena_printf(a, "%s%s%sAuto", s, *s ? " | " : "", p);
    if (by & 4u)
        s = arena_printf(a, "%s%s%sSelf", s, *s ? " | " : "", p);
    return s;
}

/* The transitions of m in try order: by (from, trigger, rank). */
static uint32_t *try_order(arena *a, const model_machine *m) {
    uint32_t *order = arena_array(a, m->transition_count ? m->transition_count : 1, sizeof *order);
    uint32_t n = 0;
    for (uint32_t s = 0; s < m->state_count; s++)
        for (uint32_t t = 0; t < m->trigger_count; t++) {
            uint32_t first = n;
            for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
                if (m->transitions[e].trigger != t)
                    continue;
                uint32_t i = n++;
                for (; i > first && m->transitions[order[i - 1]].rank > m->transitions[e].rank; i--)
                    order[i] = order[i - 1];
                order[i] = e;
            }
        }
    return order;
}

static void header(out *o, const model_machine *m, const char *package) {
    out_puts(o, "// Code generated by transitc from ");
    escape_line_comment(o, m->src->name, " ");
    out_puts(o, ". DO NOT EDIT.\n\n");
    out_printf(o, "package %s\n\n", package);
}

static void instance(out *o, const model_machine *m, const char *p) {
    out_printf(o, "// %s is one instance of the %s lifecycle: its state and the guard answers.\n"
                  "// Make one with New%s; it is not safe for concurrent use.\n",
               p, m->name, p);
    if (m->doc) {
        out_puts(o, "//\n");
        doc(o, m->doc);
    }
    out_printf(o, "type %s struct {\n\tstate %sState\n\tholds %sHolds\n}\n\n", p, p, p);
}

static void types(arena *a, out *o, const model_machine *m, const lang_go_names *gn) {
    const char *p = gn->prefix;
    uint32_t ns = m->state_count, nt = m->trigger_count, ng = m->guard_count;
    const char **names = arena_array(a, ns + nt + ng + 1, sizeof *names);
    const char **docs = arena_array(a, ns + nt + ng + 1, sizeof *docs);
    const char **persisted = arena_array(a, ns + 1, sizeof *persisted);
    for (uint32_t s = 0; s < ns; s++) {
        names[s] = m->states[s].name;
        persisted[s] = m->states[s].persisted;
        docs[s] = m->states[s].doc;
    }
    enum_type(o, arena_printf(a, "%sState", p), arena_printf(a, "a state of %s", m->name),
              gn->state, names, docs, ns);
    out_printf(o, "// %sInitial is the state a new instance starts in.\nconst %sInitial = %s\n\n",
               p, p, gn->state[m->initial]);
    out_printf(o, "var _%sState_persisted = [...]string{", p);
    for (uint32_t s = 0; s < ns; s++) {
        out_puts(o, s ? ", " : "");
        quote(o, persisted[s]);
    }
    out_puts(o, "}\n\n");
    out_printf(o,
               "// Persisted is the name s is stored under: its 'as' name, else its spec name (\"\" for\n"
               "// a value that is not a state).\n"
               "func (s %sState) Persisted() string {\n"
               "\tif s < 0 || int(s) >= len(_%sState_persisted) {\n"
               "\t\treturn \"\"\n"
               "\t}\n"
               "\treturn _%sState_persisted[s]\n"
               "}\n\n",
               p, p, p);
    parse_func(a, o, arena_printf(a, "%sParseState", p), arena_printf(a, "%sState", p),
               "is the state stored as name: its persisted name, else its spec name;\n// false when there is none (a state removed from the spec since it was stored).",
               gn->state, persisted, names, ns);
    out_printf(o, "// %sStates lists every state in declaration order.\nfunc %sStates() []%sState {\n"
                  "\treturn []%sState{",
               p, p, p, p);
    for (uint32_t s = 0; s < ns; s++)
        out_printf(o, "%s%s", s ? ", " : "", gn->state[s]);
    out_puts(o, "}\n}\n\n");

    for (uint32_t t = 0; t < nt; t++) {
        names[t] = m->triggers[t].name;
        docs[t] = m->triggers[t].doc;
    }
    enum_type(o, arena_printf(a, "%sTrigger", p), arena_printf(a, "a trigger of %s", m->name),
              gn->trigger, names, docs, nt);
    parse_func(a, o, arena_printf(a, "%sParseTrigger", p), arena_printf(a, "%sTrigger", p),
               "is the trigger named name; false when there is none.", gn->trigger, names,
               NULL, nt);
    out_printf(o, "// %sTriggers lists every trigger in declaration order.\nfunc %sTriggers() []%sTrigger {\n"
                  "\treturn []%sTrigger{",
               p, p, p, p);
    for (uint32_t t = 0; t < nt; t++)
        out_printf(o, "%s%s", t ? ", " : "", gn->trigger[t]);
    out_puts(o, "}\n}\n\n");

    for (uint32_t g = 0; g < ng; g++) {
        names[g] = m->guards[g].name;
        docs[g] = m->guards[g].doc;
    }
    enum_type(o, arena_printf(a, "%sGuard", p),
              arena_printf(a, "a guard of %s: a condition the application answers", m->name),
              gn->guard, names, docs, ng);
    out_printf(o, "// %sNoGuard is the Guard of an unguarded transition.\nconst %sNoGuard %sGuard = -1\n\n",
               p, p, p);
    parse_func(a, o, arena_printf(a, "%sParseGuard", p), arena_printf(a, "%sGuard", p), "is the guard named name; false when there is none.", gn->guard, names, NULL, ng);
    out_printf(o, "// %sGuards lists every guard in declaration order.\nfunc %sGuards() []%sGuard {\n"
                  "\treturn []%sGuard{",
               p, p, p, p);
    for (uint32_t g = 0; g < ng; g++)
        out_printf(o, "%s%s", g ? ", " : "", gn->guard[g]);
    out_puts(o, "}\n}\n\n");
    out_printf(o,
               "// %sHolds answers whether a guard holds now. Lookup and Fire ask it for the guarded\n"
               "// alternatives they try, in order; it may be nil when no transition asks.\n"
               "type %sHolds func(%sGuard) bool\n\n",
               p, p, p);

    out_printf(o,
               "// %sInitiator is who fires a trigger (a bit, as in the C runtime).\n"
               "type %sInitiator uint8\n\n"
               "// The initiators.\n"
               "const (\n"
               "\t// %sUser is an operator acting on purpose.\n"
               "\t%sUser %sInitiator = 1\n"
               "\t// %sAuto is the system deciding by itself.\n"
               "\t%sAuto %sInitiator = 2\n"
               "\t// %sSelf is the managed thing reporting its own change.\n"
               "\t%sSelf %sInitiator = 4\n"
               ")\n\n",
               p, p, p, p, p, p, p, p, p, p, p);
    out_printf(o,
               "func (i %sInitiator) String() string {\n"
               "\tswitch i {\n"
               "\tcase %sUser:\n\t\treturn \"user\"\n"
               "\tcase %sAuto:\n\t\treturn \"auto\"\n"
               "\tcase %sSelf:\n\t\treturn \"self\"\n"
               "\t}\n"
               "\treturn \"%sInitiator(\" + strconv.FormatInt(int64(i), 10) + \")\"\n"
               "}\n\n",
               p, p, p, p, p);
    static const char *const initiator_names[] = {"user", "auto", "self"};
    const char *initiator_consts[3] = {arena_printf(a, "%sUser", p), arena_printf(a, "%sAuto", p),
                                       arena_printf(a, "%sSelf", p)};
    parse_func(a, o, arena_printf(a, "%sParseInitiator", p), arena_printf(a, "%sInitiator", p),
               "is the initiator named name; false when there is none.", initiator_consts, initiator_names, NULL, 3);

    const char *result_consts[LANG_RESULT_COUNT], *result_names[LANG_RESULT_COUNT];
    for (int r = 0; r < LANG_RESULT_COUNT; r++) {
        result_consts[r] = arena_printf(a, "%sResult%s", p, lang_result_go((lang_result)r));
        result_names[r] = lang_result_name((lang_result)r);
    }
    static const char *const result_docs[LANG_RESULT_COUNT] = {
        "the transition happened",
        "none on this trigger from here, for anyone",
        "there is one, but not for this initiator",
        "refused by a veto (the C runtime's hooks; never returned here)",
        "the instance's hooks are running (the C runtime; never returned here)",
        "a value out of range",
        "it moved since the caller looked (the store)",
        "a stored name the machine lacks",
        "there are alternatives for this initiator, but no guard held",
        "the choice needs a guard answer and no Holds func is attached"};
    enum_type(o, arena_printf(a, "%sResult", p),
              "the outcome of a call, named as the C runtime and the store name it. Err gives an\n"
              "// error for anything but OK",
              result_consts, result_names, result_docs, LANG_RESULT_COUNT);
    out_printf(o,
               "// Error is the result's name prefixed with the machine's: \"%s: not permitted\".\n"
               "func (r %sResult) Error() string {\n\treturn \"%s: \" + r.String()\n}\n\n"
               "// Err is nil for %sResultOK, else r as an error.\n"
               "func (r %sResult) Err() error {\n"
               "\tif r == %sResultOK {\n"
               "\t\treturn nil\n"
               "\t}\n"
               "\treturn r\n"
               "}\n\n",
               m->name, p, m->name, p, p, p);
    parse_func(a, o, arena_printf(a, "%sParseResult", p), arena_printf(a, "%sResult", p),
               "is the result named name (\"no transition\"; the store's refusals name\n// theirs after \"transit: \"); false when there is none.",
               result_consts, result_names, NULL, LANG_RESULT_COUNT);
}

static void tables(arena *a, out *o, const model_machine *m, const lang_go_names *gn) {
    const char *p = gn->prefix;
    out_printf(o,
               "// %sTransition is one row of the transition table: from From on Trigger, any of By\n"
               "// may go to To when Guard holds (does not hold if Negated; %sNoGuard: always).\n"
               "// After is the duration of a timed transition, 0 when untimed.\n"
               "type %sTransition struct {\n"
               "\tFrom    %sState\n"
               "\tTrigger %sTrigger\n"
               "\tBy      %sInitiator\n"
               "\tGuard   %sGuard\n"
               "\tNegated bool\n"
               "\tTo      %sState\n"
               "\tAfter   time.Duration\n"
               "}\n\n",
               p, p, p, p, p, p, p, p);
    uint32_t *order = try_order(a, m);
    out_printf(o, "var _%s_transitions = [...]%sTransition{\n", p, p);
    for (uint32_t i = 0; i < m->transition_count; i++) {
        const model_transition *t = &m->transitions[order[i]];
        out_printf(o, "\t{%s, %s, %s, %s, %s, %s, %s},\n", gn->state[t->from],
                   gn->trigger[t->trigger], initiators(a, p, t->by),
                   t->guard == MODEL_NO_GUARD ? arena_printf(a, "%sNoGuard", p) : gn->guard[t->guard],
                   t->negated ? "true" : "false", gn->state[t->to], duration(a, t->after_ms));
    }
    out_puts(o, "}\n\n");
    out_printf(o, "// _%s_out[s] .. _%s_out[s+1] are the rows of state s.\nvar _%s_out = [...]int{", p,
               p, p);
    for (uint32_t s = 0; s <= m->state_count; s++)
        out_printf(o, "%s%u", s ? ", " : "", m->out[s]);
    out_puts(o, "}\n\n");
    out_printf(o,
               "// %sTransitions returns a copy of the transition table, each state's rows in the\n"
               "// order their alternatives are tried.\n"
               "func %sTransitions() []%sTransition {\n"
               "\treturn append([]%sTransition(nil), _%s_transitions[:]...)\n"
               "}\n\n",
               p, p, p, p, p);
    out_printf(o,
               "// %sTimer is a state's timer: After in the state (counted from each entry, a\n"
               "// self-loop included), Trigger fires as %sAuto.\n"
               "type %sTimer struct {\n"
               "\tTrigger %sTrigger\n"
               "\tAfter   time.Duration\n"
               "}\n\n",
               p, p, p, p);
    out_printf(o, "var _%s_timers = [...]%sTimer{", p, p);
    for (uint32_t s = 0; s < m->state_count; s++) {
        const model_state *st = &m->states[s];
        out_puts(o, s ? ", " : "");
        if (st->after_ms)
            out_printf(o, "{%s, %s}", gn->trigger[st->timer_trigger], duration(a, st->after_ms));
        else
            out_puts(o, "{}");
    }
    out_puts(o, "}\n\n");
}

/* Writes text with every '$' replaced by the prefix p (Go code here has no '$'). */
static void code(out *o, const char *p, const char *text) {
    for (const char *c = text; *c; c++) {
        const char *dollar = strchr(c, '$');
        size_t n = dollar ? (size_t)(dollar - c) : strlen(c);
        out_write(o, c, n);
        if (!dollar)
            break;
        out_puts(o, p);
        c = dollar;
    }
}

static void functions(out *o, const char *p) {
    code(o, p,
"// $TimerOf is the timer of state s; false when s has none.\n"
               "func $TimerOf(s $State) ($Timer, bool) {\n"
               "\tif s < 0 || int(s) >= len(_$_timers) || _$_timers[s].After == 0 {\n"
               "\t\treturn $Timer{}, false\n"
               "\t}\n"
               "\treturn _$_timers[s], true\n"
               "}\n\n");
    code(o, p,
"// $Lookup is where firing t by `by` from s would go, without firing: the state\n"
               "// reached and $ResultOK, or s and why not. Decided as the C runtime decides:\n"
               "// NoTransition (nothing on t from s for anyone), NotPermitted (nothing for by), then the\n"
               "// alternatives in order: an unguarded first one is taken without asking; else a nil\n"
               "// holds gives NoGuard; else each guard is asked in turn and GuardFailed when none holds.\n"
               "func $Lookup(s $State, t $Trigger, by $Initiator, holds $Holds) ($State, $Result) {\n"
               "\tif s < 0 || int(s) >= len(_$_timers) || t < 0 || t >= $Trigger(len(_$Trigger_index)-1) ||\n"
               "\t\t(by != $User && by != $Auto && by != $Self) {\n"
               "\t\treturn s, $ResultInvalid\n"
               "\t}\n"
               "\tresult := $ResultNoTransition\n"
               "\tfor _, tr := range _$_transitions[_$_out[s]:_$_out[s+1]] {\n"
               "\t\tif tr.Trigger != t {\n"
               "\t\t\tcontinue\n"
               "\t\t}\n"
               "\t\tif tr.By&by == 0 {\n"
               "\t\t\tif result == $ResultNoTransition {\n"
               "\t\t\t\tresult = $ResultNotPermitted\n"
               "\t\t\t}\n"
               "\t\t\tcontinue\n"
               "\t\t}\n"
               "\t\tif tr.Guard == $NoGuard {\n"
               "\t\t\treturn tr.To, $ResultOK\n"
               "\t\t}\n"
               "\t\tif holds == nil {\n"
               "\t\t\treturn s, $ResultNoGuard\n"
               "\t\t}\n"
               "\t\tif holds(tr.Guard) != tr.Negated {\n"
               "\t\t\treturn tr.To, $ResultOK\n"
               "\t\t}\n"
               "\t\tresult = $ResultGuardFailed\n"
               "\t}\n"
               "\treturn s, result\n"
               "}\n\n");
    code(o, p,
"// $Allowed lists the triggers by may fire from s, in trigger order: those Lookup\n"
               "// takes, and with a nil holds also those waiting on a guard answer (NoGuard).\n"
               "func $Allowed(s $State, by $Initiator, holds $Holds) []$Trigger {\n"
               "\tvar allowed []$Trigger\n"
               "\tfor t := $Trigger(0); t < $Trigger(len(_$Trigger_index)-1); t++ {\n"
               "\t\tif _, r := $Lookup(s, t, by, holds); r == $ResultOK || r == $ResultNoGuard {\n"
               "\t\t\tallowed = append(allowed, t)\n"
               "\t\t}\n"
               "\t}\n"
               "\treturn allowed\n"
               "}\n\n");
    code(o, p,
"// New$ is an instance in $Initial with no Holds func.\n"
               "func New$() *$ {\n\treturn &${state: $Initial}\n}\n\n"
               "// State is the current state.\n"
               "func (x *$) State() $State {\n\treturn x.state\n}\n\n"
               "// SetGuard attaches the func Fire asks about guards (nil: none).\n"
               "func (x *$) SetGuard(holds $Holds) {\n\tx.holds = holds\n}\n\n");
    code(o, p,
"// Fire fires t on behalf of by: $ResultOK and the new state, else the state is\n"
               "// unchanged and the result says why (as $Lookup).\n"
               "func (x *$) Fire(t $Trigger, by $Initiator) $Result {\n"
               "\tto, r := $Lookup(x.state, t, by, x.holds)\n"
               "\tif r == $ResultOK {\n"
               "\t\tx.state = to\n"
               "\t}\n"
               "\treturn r\n"
               "}\n\n");
    code(o, p,
"// FireTimeout fires the current state's timer trigger as $Auto;\n"
               "// $ResultNoTransition when the state has no timer. The caller keeps the clock.\n"
               "func (x *$) FireTimeout() $Result {\n"
               "\ttimer, ok := $TimerOf(x.state)\n"
               "\tif !ok {\n"
               "\t\treturn $ResultNoTransition\n"
               "\t}\n"
               "\treturn x.Fire(timer.Trigger, $Auto)\n"
               "}\n\n");
    code(o, p,
"// Due is when the current state's timer runs out for an instance that entered it at\n"
               "// enteredAt; false when the state has no timer.\n"
               "func (x *$) Due(enteredAt time.Time) (time.Time, bool) {\n"
               "\ttimer, ok := $TimerOf(x.state)\n"
               "\tif !ok {\n"
               "\t\treturn time.Time{}, false\n"
               "\t}\n"
               "\treturn enteredAt.Add(timer.After), true\n"
               "}\n\n");
    code(o, p,
"// Allowed lists the triggers by may fire from the current state (as $Allowed with\n"
               "// the attached Holds func).\n"
               "func (x *$) Allowed(by $Initiator) []$Trigger {\n"
               "\treturn $Allowed(x.state, by, x.holds)\n"
               "}\n\n");
    code(o, p,
"// Restore sets a state loaded from storage; $ResultInvalid for a value that is not a\n"
               "// state.\n"
               "func (x *$) Restore(s $State) $Result {\n"
               "\tif s < 0 || int(s) >= len(_$_timers) {\n"
               "\t\treturn $ResultInvalid\n"
               "\t}\n"
               "\tx.state = s\n"
               "\treturn $ResultOK\n"
               "}\n\n");
    code(o, p,
"// RestoreName restores a stored name: a persisted name or a spec name;\n"
               "// $ResultUnknownName (the state unchanged) for a name the machine lacks, e.g. a state\n"
               "// removed from the spec since the instance was stored.\n"
               "func (x *$) RestoreName(name string) $Result {\n"
               "\ts, ok := $ParseState(name)\n"
               "\tif !ok {\n"
               "\t\treturn $ResultUnknownName\n"
               "\t}\n"
               "\tx.state = s\n"
               "\treturn $ResultOK\n"
               "}\n");
}

void emit_go(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    arena *a = ctx->a;
    lang_go_names gn;
    lang_go_names_make(a, m, &gn);
    out *o = out_files_add(files, "%s.go", m->name);
    header(o, m, ctx->go_package ? ctx->go_package : lang_go_package(a, m));
    out_puts(o, "import (\n\t\"strconv\"\n\t\"time\"\n)\n\n");
    instance(o, m, gn.prefix);
    types(a, o, m, &gn);
    tables(a, o, m, &gn);
    functions(o, gn.prefix);
}
