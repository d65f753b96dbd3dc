/*
** Go test emitter: MACHINE_test.go, `go test` for MACHINE.go. Every expectation is literal data
** computed here from the checked model (lang_cases): each state x trigger x initiator, without a
** guard func and with one; names, persisted names, timers, allowed triggers, invalid values. The
** test never reads an expectation from the tables under test.
** A choice whose alternatives ask n guards is fired under all 2^n values of them when n <= 8,
** else under the n + 1 prefix ones (the guards asked before position p fail their first
** alternative, the rest make it hold: every alternative taken once, then the fallback or guard
** failed): the rule of the C and TypeScript tests too, lang.h's LANG_ALL_ASSIGNMENTS. The test
** answers each guard question in constant time (a map from guard to position).
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

static const char *const initiator_go[] = {"User", "Auto", "Self"};
static const char *const initiator_names[] = {"user", "auto", "self"};

static unsigned slot(unsigned bit) { return bit == 1 ? 0 : bit == 2 ? 1 : 2; }

/* A name no state, trigger or guard of m has. */
static const char *unknown_name(arena *a, const model_machine *m) {
    const char *name = "no such name";
    for (bool taken = true; taken;) {
        taken = false;
        for (uint32_t s = 0; s < m->state_count && !taken; s++)
            taken = !strcmp(name, m->states[s].name) || !strcmp(name, m->states[s].persisted);
        for (uint32_t t = 0; t < m->trigger_count && !taken; t++)
            taken = !strcmp(name, m->triggers[t].name);
        for (uint32_t g = 0; g < m->guard_count && !taken; g++)
            taken = !strcmp(name, m->guards[g].name);
        if (taken)
            name = arena_printf(a, "%s?", name);
    }
    return name;
}

static void rows(arena *a, out *o, const model_machine *m, const lang_go_names *gn) {
    const char *p = gn->prefix;
    size_t n;
    lang_choice *ch;
    uint32_t nch;
    lang_case *c = lang_cases(a, m, &n, &ch, &nch);
    out_printf(o,
               "// A choice among guarded alternatives: the guards they ask, in the order first asked,\n"
               "// and for each the answer that makes the first alternative asking it hold. A case\n"
               "// answers them under one assignment: with all, bit i of it is the answer of guards[i];\n"
               "// otherwise it is a prefix p, the guards before position p answering the opposite of\n"
               "// holding and the rest holding (one case per p: every alternative taken, then none).\n"
               "type _%s_choice struct {\n"
               "\tguards  []%sGuard\n"
               "\tholding []bool\n"
               "\tall     bool\n"
               "}\n\n"
               "var _%s_choices = []_%s_choice{%s",
               p, p, p, p, nch ? "\n" : "");
    for (uint32_t i = 0; i < nch; i++) {
        const lang_choice *k = &ch[i];
        out_printf(o, "\t// %s on %s by %s\n\t{[]%sGuard{", m->states[k->from].name,
                   m->triggers[k->trigger].name, initiator_names[slot(k->bit)], p);
        for (uint32_t g = 0; g < k->guard_count; g++)
            out_printf(o, "%s%s", g ? ", " : "", gn->guard[k->guards[g]]);
        out_puts(o, "}, []bool{");
        for (uint32_t g = 0; g < k->guard_count; g++)
            out_printf(o, "%s%s", g ? ", " : "", k->holding[g] ? "true" : "false");
        out_printf(o, "}, %s},\n", k->all ? "true" : "false");
    }
    out_printf(o,
               "}\n\n"
               "type _%s_case struct {\n"
               "\tfrom       %sState\n"
               "\ttrigger    %sTrigger\n"
               "\tby         %sInitiator\n"
               "\tguarded    bool // a guard func is set\n"
               "\tchoice     int  // the guards it answers: _%s_choices[choice]; -1: none\n"
               "\tassignment int\n"
               "\tresult     %sResult\n"
               "\tto         %sState\n"
               "}\n\n",
               p, p, p, p, p, p, p);
    out_printf(o,
               "// Every state x trigger x initiator, without a guard func and with one, under each\n"
               "// assignment of the guards its alternatives ask, as the spec decides it.\n"
               "var _%s_cases = []_%s_case{%s",
               p, p, n ? "\n" : "");
    for (size_t i = 0; i < n; i++) {
        const lang_case *k = &c[i];
        out_printf(o, "\t{%s, %s, %s%s, %s, %d, %u, %sResult%s, %s},\n", gn->state[k->from],
                   gn->trigger[k->trigger], p, initiator_go[slot(k->bit)],
                   k->guarded ? "true" : "false", (int)k->choice, k->assignment, p,
                   lang_result_go(k->result), gn->state[k->to]);
    }
    out_puts(o, "}\n\n");
}

static void names_test(arena *a, out *o, const model_machine *m, const lang_go_names *gn) {
    const char *p = gn->prefix;
    out_printf(o,
               "func Test%s_Names(t *testing.T) {\n"
               "\tstates := []struct {\n"
               "\t\ts         %sState\n"
               "\t\tname      string\n"
               "\t\tpersisted string\n"
               "\t}{\n",
               p, p);
    for (uint32_t s = 0; s < m->state_count; s++) {
        out_printf(o, "\t\t{%s, ", gn->state[s]);
        quote(o, m->states[s].name);
        out_puts(o, ", ");
        quote(o, m->states[s].persisted);
        out_puts(o, "},\n");
    }
    out_printf(o,
               "\t}\n"
               "\tif got := %sStates(); len(got) != len(states) {\n"
               "\t\tt.Fatalf(\"%sStates() has %%d states, the spec %%d\", len(got), len(states))\n"
               "\t}\n"
               "\tfor i, want := range states {\n"
               "\t\tif %sStates()[i] != want.s || int(want.s) != i {\n"
               "\t\t\tt.Errorf(\"state %%d: %%v\", i, want.s)\n"
               "\t\t}\n"
               "\t\tif got := want.s.String(); got != want.name {\n"
               "\t\t\tt.Errorf(\"state %%d: String() = %%q, want %%q\", i, got, want.name)\n"
               "\t\t}\n"
               "\t\tif got := want.s.Persisted(); got != want.persisted {\n"
               "\t\t\tt.Errorf(\"%%s: Persisted() = %%q, want %%q\", want.name, got, want.persisted)\n"
               "\t\t}\n"
               "\t\tif got, ok := %sParseState(want.persisted); !ok || got != want.s {\n"
               "\t\t\tt.Errorf(\"%sParseState(%%q) = %%v, %%v\", want.persisted, got, ok)\n"
               "\t\t}\n"
               "\t\tif got, ok := %sParseState(want.name); !ok || got.Persisted() != _%s_restoredAs(want.name, states) {\n"
               "\t\t\tt.Errorf(\"%sParseState(%%q) = %%v, %%v\", want.name, got, ok)\n"
               "\t\t}\n"
               "\t}\n",
               p, p, p, p, p, p, p, p);
    /* Triggers and guards: constant, name. */
    const char *kinds[2] = {"Trigger", "Guard"};
    for (int k = 0; k < 2; k++) {
        uint32_t n = k ? m->guard_count : m->trigger_count;
        out_printf(o, "\t%ss := []struct {\n\t\tv    %s%s\n\t\tname string\n\t}{%s",
                   k ? "guard" : "trigger", p, kinds[k], n ? "\n" : "");
        for (uint32_t i = 0; i < n; i++) {
            out_printf(o, "\t\t{%s, ", k ? gn->guard[i] : gn->trigger[i]);
            quote(o, k ? m->guards[i].name : m->triggers[i].name);
            out_puts(o, "},\n");
        }
        out_printf(o,
                   "%s}\n"
                   "\tif got := %s%ss(); len(got) != len(%ss) {\n"
                   "\t\tt.Fatalf(\"%s%ss() has %%d, the spec %%d\", len(got), len(%ss))\n"
                   "\t}\n"
                   "\tfor i, want := range %ss {\n"
                   "\t\tif %s%ss()[i] != want.v || int(want.v) != i || want.v.String() != want.name {\n"
                   "\t\t\tt.Errorf(\"%s %%d: %%v is %%q, want %%q\", i, int(want.v), want.v.String(), want.name)\n"
                   "\t\t}\n"
                   "\t\tif got, ok := %sParse%s(want.name); !ok || got != want.v {\n"
                   "\t\t\tt.Errorf(\"%sParse%s(%%q) = %%v, %%v\", want.name, got, ok)\n"
                   "\t\t}\n"
                   "\t}\n",
                   n ? "\t" : "", p, kinds[k], k ? "guard" : "trigger", p, kinds[k],
                   k ? "guard" : "trigger",
                   k ? "guard" : "trigger", p, kinds[k], k ? "guard" : "trigger", p, kinds[k], p,
                   kinds[k]);
    }
    const char *unknown = unknown_name(a, m);
    const char *kinds3[3] = {"State", "Trigger", "Guard"};
    for (int k = 0; k < 3; k++) {
        out_printf(o, "\tif _, ok := %sParse%s(", p, kinds3[k]);
        quote(o, unknown);
        out_printf(o, "); ok {\n\t\tt.Errorf(\"%sParse%s accepts an unknown name\")\n\t}\n", p,
                   kinds3[k]);
    }
    out_printf(o, "\tfor i, name := range []string{");
    for (int r = 0; r < LANG_RESULT_COUNT; r++)
        out_printf(o, "%s\"%s\"", r ? ", " : "", lang_result_name((lang_result)r));
    out_printf(o,
               "} {\n"
               "\t\tif r := %sResult(i); r.String() != name {\n"
               "\t\t\tt.Errorf(\"result %%d is %%q, want %%q\", i, r.String(), name)\n"
               "\t\t}\n"
               "\t\tif r, ok := %sParseResult(name); !ok || int(r) != i || (r.Err() == nil) != (i == 0) {\n"
               "\t\t\tt.Errorf(\"%sParseResult(%%q) = %%v, %%v\", name, r, ok)\n"
               "\t\t}\n"
               "\t}\n"
               "\tfor i, name := range []string{\"user\", \"auto\", \"self\"} {\n"
               "\t\tif by := %sInitiator(1 << i); by.String() != name {\n"
               "\t\t\tt.Errorf(\"initiator %%d is %%q, want %%q\", 1<<i, by.String(), name)\n"
               "\t\t}\n"
               "\t\tif by, ok := %sParseInitiator(name); !ok || by != %sInitiator(1<<i) {\n"
               "\t\t\tt.Errorf(\"%sParseInitiator(%%q) = %%v, %%v\", name, by, ok)\n"
               "\t\t}\n"
               "\t}\n"
               "}\n\n",
               p, p, p, p, p, p, p);
    /* The persisted name a spec name restores to: the state named so, unless another state is
       persisted under that name (persisted names win). */
    out_printf(o,
               "func _%s_restoredAs(name string, states []struct {\n"
               "\ts         %sState\n"
               "\tname      string\n"
               "\tpersisted string\n"
               "}) string {\n"
               "\tfor _, s := range states {\n"
               "\t\tif s.persisted == name {\n"
               "\t\t\treturn s.persisted\n"
               "\t\t}\n"
               "\t}\n"
               "\tfor _, s := range states {\n"
               "\t\tif s.name == name {\n"
               "\t\t\treturn s.persisted\n"
               "\t\t}\n"
               "\t}\n"
               "\treturn \"\"\n"
               "}\n\n",
               p, p);
}

static void timers_test(arena *a, out *o, const model_machine *m, const lang_go_names *gn) {
    const char *p = gn->prefix;
    out_printf(o,
               "func Test%s_Timers(t *testing.T) {\n"
               "\tcases := []struct {\n"
               "\t\ts       %sState\n"
               "\t\ttimed   bool\n"
               "\t\ttrigger %sTrigger\n"
               "\t\tms      int64\n"
               "\t\tresult  %sResult\n"
               "\t\tto      %sState\n"
               "\t}{\n",
               p, p, p, p, p);
    bool *all = arena_array(a, m->guard_count + 1, sizeof *all);
    for (uint32_t g = 0; g < m->guard_count; g++)
        all[g] = true;
    for (uint32_t s = 0; s < m->state_count; s++) {
        const model_state *st = &m->states[s];
        uint32_t to = s;
        lang_result r = LANG_NO_TRANSITION;
        if (st->after_ms)
            r = lang_decide(m, s, st->timer_trigger, 2, all, &to);
        out_printf(o, "\t\t{%s, %s, %s, %llu, %sResult%s, %s},\n", gn->state[s],
                   st->after_ms ? "true" : "false",
                   st->after_ms ? gn->trigger[st->timer_trigger] : "0",
                   (unsigned long long)st->after_ms, p, lang_result_go(r), gn->state[to]);
    }
    out_printf(o,
               "\t}\n"
               "\tentered := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)\n"
               "\tfor _, c := range cases {\n"
               "\t\ttimer, ok := %sTimerOf(c.s)\n"
               "\t\tif ok != c.timed || (ok && (timer.Trigger != c.trigger || timer.After != time.Duration(c.ms)*time.Millisecond)) {\n"
               "\t\t\tt.Errorf(\"%%v: timer %%v, %%v\", c.s, timer, ok)\n"
               "\t\t}\n"
               "\t\tx := New%s()\n"
               "\t\tx.Restore(c.s)\n"
               "\t\tx.SetGuard(func(%sGuard) bool { return true })\n"
               "\t\tdue, ok := x.Due(entered)\n"
               "\t\tif ok != c.timed || (ok && !due.Equal(entered.Add(time.Duration(c.ms)*time.Millisecond))) {\n"
               "\t\t\tt.Errorf(\"%%v: due %%v, %%v\", c.s, due, ok)\n"
               "\t\t}\n"
               "\t\tif r := x.FireTimeout(); r != c.result || x.State() != c.to {\n"
               "\t\t\tt.Errorf(\"%%v: FireTimeout() = %%v to %%v, want %%v to %%v\", c.s, r, x.State(), c.result, c.to)\n"
               "\t\t}\n"
               "\t}\n"
               "}\n\n",
               p, p, p);
}

static void allowed_test(arena *a, out *o, const model_machine *m, const lang_go_names *gn) {
    const char *p = gn->prefix;
    out_printf(o,
               "func Test%s_Allowed(t *testing.T) {\n"
               "\tcases := []struct {\n"
               "\t\ts    %sState\n"
               "\t\tby   %sInitiator\n"
               "\t\twant []%sTrigger\n"
               "\t}{\n",
               p, p, p, p);
    (void)a;
    for (uint32_t s = 0; s < m->state_count; s++)
        for (unsigned k = 0; k < 3; k++) {
            out_printf(o, "\t\t{%s, %s%s, []%sTrigger{", gn->state[s], p, initiator_go[k], p);
            const char *sep = "";
            for (uint32_t t = 0; t < m->trigger_count; t++) {
                uint32_t to;
                lang_result r = lang_decide(m, s, t, 1u << k, NULL, &to);
                if (r == LANG_OK || r == LANG_NO_GUARD) {
                    out_printf(o, "%s%s", sep, gn->trigger[t]);
                    sep = ", ";
                }
            }
            out_puts(o, "}},\n");
        }
    out_printf(o,
               "\t}\n"
               "\tfor _, c := range cases {\n"
               "\t\tgot := %sAllowed(c.s, c.by, nil)\n"
               "\t\tif len(got) != len(c.want) {\n"
               "\t\t\tt.Errorf(\"%%v by %%v: allowed %%v, want %%v\", c.s, c.by, got, c.want)\n"
               "\t\t\tcontinue\n"
               "\t\t}\n"
               "\t\tfor i := range got {\n"
               "\t\t\tif got[i] != c.want[i] {\n"
               "\t\t\t\tt.Errorf(\"%%v by %%v: allowed %%v, want %%v\", c.s, c.by, got, c.want)\n"
               "\t\t\t}\n"
               "\t\t}\n"
               "\t}\n"
               "}\n\n",
               p);
}

void emit_go_test(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    arena *a = ctx->a;
    lang_go_names gn;
    lang_go_names_make(a, m, &gn);
    const char *p = gn.prefix;
    out *o = out_files_add(files, "%s_test.go", lang_go_file(a, m));
    out_puts(o, "// Code generated by transitc from ");
    escape_line_comment(o, m->src->name, " ");
    out_puts(o, ". DO NOT EDIT.\n\n");
    out_printf(o, "package %s\n\n", ctx->go_package ? ctx->go_package : lang_go_package(a, m));
    out_puts(o, "// The tests of the machine " );
    out_puts(o, m->name);
    out_puts(o, ": every expectation is data transitc computed from the spec, never read from\n"
                "// the tables under test.\n\n");
    out_puts(o, "import (\n\t\"testing\"\n\t\"time\"\n)\n\n");
    rows(a, o, m, &gn);
    out_printf(o,
               "// _%s_positions maps the guards of each choice to their positions.\n"
               "func _%s_positions() []map[%sGuard]int {\n"
               "\tpositions := make([]map[%sGuard]int, len(_%s_choices))\n"
               "\tfor n, ch := range _%s_choices {\n"
               "\t\tpositions[n] = make(map[%sGuard]int, len(ch.guards))\n"
               "\t\tfor i, g := range ch.guards {\n"
               "\t\t\tpositions[n][g] = i\n"
               "\t\t}\n"
               "\t}\n"
               "\treturn positions\n"
               "}\n\n",
               p, p, p, p, p, p, p);
    out_printf(o,
               "// _%s_answers is the guard func of case c (nil when it has none), answering each\n"
               "// question in constant time; a question about a guard c does not answer counts in *stray.\n"
               "func _%s_answers(c _%s_case, positions []map[%sGuard]int, stray *int) %sHolds {\n"
               "\tif !c.guarded {\n"
               "\t\treturn nil\n"
               "\t}\n"
               "\tvar position map[%sGuard]int // nil for none: every question is stray\n"
               "\tvar ch _%s_choice\n"
               "\tif c.choice >= 0 {\n"
               "\t\tposition, ch = positions[c.choice], _%s_choices[c.choice]\n"
               "\t}\n"
               "\treturn func(g %sGuard) bool {\n"
               "\t\ti, ok := position[g]\n"
               "\t\tif !ok {\n"
               "\t\t\t*stray++\n"
               "\t\t\treturn false\n"
               "\t\t}\n"
               "\t\tif ch.all {\n"
               "\t\t\treturn c.assignment>>i&1 == 1\n"
               "\t\t}\n"
               "\t\treturn (i >= c.assignment) == ch.holding[i]\n"
               "\t}\n"
               "}\n\n",
               p, p, p, p, p, p, p, p, p);
    out_printf(o,
               "// _%s_describe says how case c answers guards, for messages.\n"
               "func _%s_describe(c _%s_case) string {\n"
               "\tif !c.guarded {\n"
               "\t\treturn \"without a guard func\"\n"
               "\t}\n"
               "\tif c.choice < 0 {\n"
               "\t\treturn \"with a guard func it needs not ask\"\n"
               "\t}\n"
               "\tch := &_%s_choices[c.choice]\n"
               "\tif ch.all {\n"
               "\t\theld := \"holding:\"\n"
               "\t\tfor i, g := range ch.guards {\n"
               "\t\t\tif c.assignment>>i&1 == 1 {\n"
               "\t\t\t\theld += \" \" + g.String()\n"
               "\t\t\t}\n"
               "\t\t}\n"
               "\t\treturn held\n"
               "\t}\n"
               "\tif c.assignment == len(ch.guards) {\n"
               "\t\treturn \"every guard failing its first alternative\"\n"
               "\t}\n"
               "\treturn \"the guards before \" + ch.guards[c.assignment].String() + \" failing their first alternative, the rest taking it\"\n"
               "}\n\n",
               p, p, p, p);
    out_printf(o,
               "func Test%s_Lookup(t *testing.T) {\n"
               "\tpositions := _%s_positions()\n"
               "\tfor _, c := range _%s_cases {\n"
               "\t\tstray := 0\n"
               "\t\tif to, r := %sLookup(c.from, c.trigger, c.by, _%s_answers(c, positions, &stray)); r != c.result || to != c.to || stray != 0 {\n"
               "\t\t\tt.Errorf(\"%%v --%%v [%%v] %%s: %%v to %%v (%%d stray questions), want %%v to %%v\", c.from, c.trigger, c.by, _%s_describe(c), r, to, stray, c.result, c.to)\n"
               "\t\t}\n"
               "\t}\n"
               "}\n\n",
               p, p, p, p, p, p);
    out_printf(o,
               "func Test%s_Fire(t *testing.T) {\n"
               "\tpositions := _%s_positions()\n"
               "\tfor _, c := range _%s_cases {\n"
               "\t\tx := New%s()\n"
               "\t\tif r := x.Restore(c.from); r != %sResultOK || x.State() != c.from {\n"
               "\t\t\tt.Fatalf(\"Restore(%%v) = %%v\", c.from, r)\n"
               "\t\t}\n"
               "\t\tstray := 0\n"
               "\t\tx.SetGuard(_%s_answers(c, positions, &stray))\n"
               "\t\tif r := x.Fire(c.trigger, c.by); r != c.result || x.State() != c.to || stray != 0 {\n"
               "\t\t\tt.Errorf(\"%%v --%%v [%%v] %%s: %%v to %%v (%%d stray questions), want %%v to %%v\", c.from, c.trigger, c.by, _%s_describe(c), r, x.State(), stray, c.result, c.to)\n"
               "\t\t}\n"
               "\t}\n"
               "}\n\n",
               p, p, p, p, p, p, p);
    out_printf(o,
               "func Test%s_Initial(t *testing.T) {\n"
               "\tif s := New%s().State(); s != %s {\n"
               "\t\tt.Errorf(\"a new instance is in %%v, want %s\", s)\n"
               "\t}\n"
               "}\n\n",
               p, p, gn.state[m->initial], m->states[m->initial].name);
    names_test(a, o, m, &gn);
    timers_test(a, o, m, &gn);
    allowed_test(a, o, m, &gn);
    out_printf(o,
               "func Test%s_Invalid(t *testing.T) {\n"
               "\tx := New%s()\n"
               "\tfor _, s := range []%sState{-1, %u} {\n"
               "\t\tif r := x.Restore(s); r != %sResultInvalid || x.State() != %s {\n"
               "\t\t\tt.Errorf(\"Restore(%%d) = %%v\", int(s), r)\n"
               "\t\t}\n"
               "\t\tif _, r := %sLookup(s, 0, %sUser, nil); r != %sResultInvalid {\n"
               "\t\t\tt.Errorf(\"Lookup from %%d = %%v\", int(s), r)\n"
               "\t\t}\n"
               "\t}\n"
               "\tfor _, tr := range []%sTrigger{-1, %u} {\n"
               "\t\tif r := x.Fire(tr, %sUser); r != %sResultInvalid || x.State() != %s {\n"
               "\t\t\tt.Errorf(\"Fire(%%d) = %%v\", int(tr), r)\n"
               "\t\t}\n"
               "\t}\n"
               "\tfor _, by := range []%sInitiator{0, 3, 8} {\n"
               "\t\tif _, r := %sLookup(%s, 0, by, nil); r != %sResultInvalid {\n"
               "\t\t\tt.Errorf(\"Lookup by %%d = %%v\", int(by), r)\n"
               "\t\t}\n"
               "\t}\n"
               "\tif r := x.RestoreName(",
               p, p, p, m->state_count, p, gn.state[m->initial], p, p, p, p, m->trigger_count, p,
               p, gn.state[m->initial], p, p, gn.state[m->initial], p);
    quote(o, unknown_name(a, m));
    out_printf(o,
               "); r != %sResultUnknownName || x.State() != %s {\n"
               "\t\tt.Errorf(\"RestoreName of an unknown name = %%v\", r)\n"
               "\t}\n"
               "}\n",
               p, gn.state[m->initial]);
}
