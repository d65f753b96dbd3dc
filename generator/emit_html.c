/*
** HTML emitter: MACHINE.html, a page to try the lifecycle in a browser. One self-contained file:
** the diagram (Graphviz SVG when the driver can render it, else the Mermaid text), a control for
** every trigger under every initiator, guards as toggles, a simulated clock for timers, the path
** taken with undo, kept in the URL fragment; then the per-initiator views and the properties.
** Every answer comes from the JavaScript module of emit_ts_module, embedded as it is, so the
** page cannot disagree with the generated code; the page's own script only draws and records.
*/
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "escape.h"
#include "graph.h"

/* The page's styles: initiators told apart by border pattern and text, never by colour alone. */
static const char *const style[] = {
    "body {",
    "  font: 16px/1.45 system-ui, sans-serif; color: #1a1a1a;",
    "  margin: 0 auto; max-width: 100rem; padding: 0 1rem 3rem;",
    "}",
    "h1 { margin-bottom: 0.2rem; }",
    ".layout {",
    "  display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr);",
    "  gap: 1.5rem; align-items: start;",
    "}",
    "@media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }",
    "figure {",
    "  margin: 0; padding: 0.5rem; border: 1px solid #ccc; background: #fff;",
    "  position: sticky; top: 0; max-height: 100vh; overflow: auto;",
    "}",
    "figure svg { max-width: 100%; height: auto; }",
    "#diagram .current ellipse { fill: #ffe27a; stroke: #000; stroke-width: 4px; }",
    "#diagram .current text { font-weight: bold; }",
    "#diagram pre span.current { background: #ffe27a; font-weight: bold; outline: 2px solid #000; "
    "}",
    "#status { font-size: 1.2rem; }",
    "#state { font-weight: bold; border: 2px solid #000; padding: 0 0.4rem; background: #ffe27a; }",
    "fieldset { margin: 0 0 1rem; border: 2px solid #555; }",
    "fieldset.by-user { border-style: solid; }",
    "fieldset.by-auto { border-style: dashed; }",
    "fieldset.by-self { border-style: dotted; }",
    "legend { font-weight: bold; }",
    "legend small { font-weight: normal; }",
    ".triggers { display: flex; flex-wrap: wrap; gap: 0.3rem; }",
    "button {",
    "  font: inherit; padding: 0.2rem 0.5rem; cursor: pointer;",
    "  border: 1px solid #555; border-radius: 3px; background: #f4f4f4; color: #1a1a1a;",
    "}",
    "button:focus-visible, input:focus-visible, figure:focus-visible {",
    "  outline: 3px solid #0b57d0; outline-offset: 2px;",
    "}",
    "button[data-result=\"ok\"] { background: #fff; border: 2px solid #000; font-weight: bold; }",
    "button[data-result]:not([data-result=\"ok\"]) .verdict { font-style: italic; }",
    "button[data-result=\"no transition\"] { border-style: dashed; color: #555; }",
    "button:disabled { cursor: default; color: #595959; }",
    ".verdict { font-size: 0.85em; }",
    "label { display: block; }",
    ".note { color: #444; font-size: 0.9rem; }",
    "table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }",
    "th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: "
    "top; }",
    "th { background: #f0f0f0; }",
    "ol#path { padding-left: 1.5rem; }",
};

/* The page's own script, run after the machine's module in the same module script: it reads
   the controls the page lays out, asks the module for every answer, and keeps the position
   (steps, clock, guards) in the URL fragment. */
static const char *const glue[] = {
    "// The page's own script: it draws and records; every answer comes from the module above.",
    "{",
    "  const page = document.querySelector(\"main\");",
    "  const initial = page.dataset.initial;",
    "  const controls = [...document.querySelectorAll(\"button[data-trigger]\")];",
    "  const toggles = [...document.querySelectorAll(\"input[data-guard]\")];",
    "  const byId = (id) => document.getElementById(id);",
    "  const seconds = (ms) => `${ms / 1000} s`;",
    "  for (const g of document.querySelectorAll(\"#diagram g.node\"))",
    "    g.dataset.state = g.querySelector(\"title\").textContent;",
    "",
    "  // The position: the steps taken from the initial state, the clock, the guards now.",
    "  // A step: { trigger, by: \"user\" | \"auto\" | \"self\" | \"timer\", at, guards, spent, "
    "from,",
    "  // to }; spent: the timer of the state it left had run out and taken no transition.",
    "  let steps = [];",
    "  let now = 0; // simulated milliseconds since the start",
    "  let current = initial, enteredAt = 0, timerSpent = false;",
    "",
    "  const holding = () => toggles.filter((t) => t.checked).map((t) => t.dataset.guard);",
    "",
    "  // Where trigger fired by `by` leads from state while the guards held hold.",
    "  function answer(state, trigger, by, held) {",
    "    const initiator = by === \"timer\" ? \"auto\" : by;",
    "    return lookup(state, trigger, initiator, (g) => held.includes(g));",
    "  }",
    "",
    "  // Replays steps from the initial state: the index of the first that does not fit, or -1.",
    "  function replay() {",
    "    current = initial;",
    "    enteredAt = 0;",
    "    timerSpent = false;",
    "    for (const [i, s] of steps.entries()) {",
    "      const a = answer(current, s.trigger, s.by, s.guards);",
    "      if (a.result !== \"ok\") return i;",
    "      Object.assign(s, { from: current, to: a.to });",
    "      current = a.to;",
    "      enteredAt = s.at;",
    "    }",
    "    return -1;",
    "  }",
    "",
    "  function fire(trigger, by) {",
    "    const held = holding(), from = current;",
    "    const a = answer(current, trigger, by, held);",
    "    if (a.result === \"ok\") {",
    "      steps.push({ trigger, by, at: now, guards: held, spent: timerSpent, from, to: a.to });",
    "      current = a.to;",
    "      enteredAt = now;",
    "      timerSpent = false;",
    "    }",
    "    const who = by === \"timer\" ? \"the timer (auto)\" : by;",
    "    byId(\"answer\").textContent = a.result === \"ok\"",
    "      ? `${trigger} by ${who}: ok, ${from} → ${a.to}.`",
    "      : `${trigger} by ${who}: ${a.result}; still ${from}.`;",
    "    show();",
    "    return a;",
    "  }",
    "",
    "  // Runs the clock forward by ms, firing each timer that runs out on the way.",
    "  function advance(ms) {",
    "    const end = now + ms;",
    "    for (let t = timers[current]; t && !timerSpent && enteredAt + t.afterMs <= end;",
    "         t = timers[current]) {",
    "      now = enteredAt + t.afterMs;",
    "      if (fire(t.trigger, \"timer\").result !== \"ok\") timerSpent = true;",
    "    }",
    "    now = end;",
    "    show();",
    "  }",
    "",
    "  const verdict = (a) => (a.result === \"ok\" ? `→ ${a.to}` : a.result);",
    "",
    "  function timerText() {",
    "    const t = timers[current];",
    "    if (!t) return `${current} has no timer.`;",
    "    const due = seconds(enteredAt + t.afterMs);",
    "    return timerSpent",
    "      ? `${t.trigger} ran out at ${due} and took no transition.`",
    "      : `${t.trigger} fires as auto at ${due} (after ${seconds(t.afterMs)} in ${current}).`;",
    "  }",
    "",
    "  function stepText(s) {",
    "    const who = s.by === \"timer\" ? \"the timer (auto)\" : s.by;",
    "    const held = s.guards.length ? `, holding ${s.guards.join(\", \")}` : \"\";",
    "    return `${s.from} → ${s.to}: ${s.trigger} by ${who} at ${seconds(s.at)}${held}`;",
    "  }",
    "",
    "  function show() {",
    "    byId(\"state\").textContent = current;",
    "    for (const b of controls) {",
    "      const a = answer(current, b.dataset.trigger, b.dataset.by, holding());",
    "      b.querySelector(\".verdict\").textContent = verdict(a);",
    "      b.dataset.result = a.result;",
    "    }",
    "    for (const n of document.querySelectorAll(\"#diagram [data-state]\"))",
    "      n.classList.toggle(\"current\", n.dataset.state === current);",
    "    byId(\"clock-now\").textContent = seconds(now);",
    "    byId(\"clock-timer\").textContent = timerText();",
    "    byId(\"run-timer\").disabled = !timers[current] || timerSpent;",
    "    byId(\"path\").replaceChildren(...[`start in ${initial}`, ...steps.map(stepText)].map((t) "
    "=> {",
    "      const li = document.createElement(\"li\");",
    "      li.textContent = t;",
    "      return li;",
    "    }));",
    "    byId(\"undo\").disabled = steps.length === 0;",
    "    save();",
    "  }",
    "",
    "  // The URL fragment: #path=TRIGGER.BY.AT_MS.GUARD:GUARD[.spent],...&now=MS",
    "  // &guards=GUARD:GUARD, and &spent when the current state's timer has run out and taken",
    "  // no transition (.spent on a step: so had the timer of the state it left).",
    "  function save() {",
    "    const f = new URLSearchParams();",
    "    const step = (s) => [s.trigger, s.by, s.at, s.guards.join(\":\")]",
    "      .concat(s.spent ? [\"spent\"] : []).join(\".\");",
    "    f.set(\"path\", steps.map(step).join(\",\"));",
    "    f.set(\"now\", String(now));",
    "    f.set(\"guards\", holding().join(\":\"));",
    "    if (timerSpent) f.set(\"spent\", \"\");",
    "    history.replaceState(null, \"\", \"#\" + f.toString());",
    "  }",
    "",
    "  function load() {",
    "    const f = new URLSearchParams(location.hash.slice(1));",
    "    if (!f.has(\"path\")) return;",
    "    steps = (f.get(\"path\") || \"\").split(\",\").filter(Boolean).map((s) => {",
    "      const [trigger, by, at, held, spent] = s.split(\".\");",
    "      const guards = held ? held.split(\":\") : [];",
    "      return { trigger, by, at: Number(at) || 0, guards, spent: spent === \"spent\" };",
    "    });",
    "    const held = (f.get(\"guards\") || \"\").split(\":\");",
    "    for (const t of toggles) t.checked = held.includes(t.dataset.guard);",
    "    const bad = replay();",
    "    if (bad >= 0) {",
    "      byId(\"answer\").textContent =",
    "        `Step ${bad + 1} of the link does not fit this machine; kept the steps before it.`;",
    "      steps = steps.slice(0, bad);",
    "      replay();",
    "    }",
    "    now = Math.max(Number(f.get(\"now\")) || 0, enteredAt);",
    "    timerSpent = bad < 0 && f.has(\"spent\") && Boolean(timers[current]);",
    "  }",
    "",
    "  for (const b of controls)",
    "    b.addEventListener(\"click\", () => fire(b.dataset.trigger, b.dataset.by));",
    "  for (const t of toggles) t.addEventListener(\"change\", show);",
    "  for (const b of document.querySelectorAll(\"button[data-advance]\"))",
    "    b.addEventListener(\"click\", () => advance(Number(b.dataset.advance)));",
    "  byId(\"run-timer\").addEventListener(\"click\", () => {",
    "    const t = timers[current];",
    "    if (t) advance(Math.max(0, enteredAt + t.afterMs - now));",
    "  });",
    "  byId(\"undo\").addEventListener(\"click\", () => {",
    "    const last = steps.pop();",
    "    replay();",
    "    now = last.at;",
    "    timerSpent = last.spent;",
    "    byId(\"answer\").textContent = `Undid ${last.trigger} by ${last.by}.`;",
    "    show();",
    "  });",
    "  byId(\"reset\").addEventListener(\"click\", () => {",
    "    steps = [];",
    "    now = 0;",
    "    replay();",
    "    byId(\"answer\").textContent = \"Back to the start.\";",
    "    show();",
    "  });",
    "  load();",
    "  show();",
    "}",
};

/* Per initiator bit (user, auto, self): what it stands for and its line style in the diagram. */
static const struct {
    const char *name, *what, *line;
} initiators[3] = {
    {"user", "an operator acting on purpose", "solid"},
    {"auto", "the system deciding by itself", "dashed"},
    {"self", "the managed thing reporting its own change", "dotted"},
};

static void lines(out *o, const char *const *text, size_t n, const char *indent) {
    for (size_t i = 0; i < n; i++)
        out_printf(o, "%s%s\n", text[i][0] ? indent : "", text[i]);
}

static void html(out *o, const char *s) { escape_html(o, s); }

static int by_name(const void *x, const void *y) {
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The Mermaid text as a <pre>, each line that starts with a state's id marked with the state so
   the script can highlight the current one (aliased ids "_name" name the state "name"). */
static void mermaid_text(arena *a, const model_machine *m, out *o) {
    const char **names = arena_array(a, m->state_count, sizeof *names);
    for (uint32_t s = 0; s < m->state_count; s++)
        names[s] = m->states[s].name;
    qsort(names, m->state_count, sizeof *names, by_name);
    out diagram = {0};
    emit_mermaid_diagram(a, m, &diagram);
    out_puts(o, "<pre>");
    const char *p = diagram.data, *end = diagram.data + diagram.len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);
        char *line = arena_printf(a, "%.*s", (int)len, p);
        const char *id = line + strspn(line, " ");
        id += id[0] == '_';
        char *first = arena_printf(a, "%.*s", (int)strcspn(id, " "), id);
        const char *const *state =
            m->state_count ? bsearch(&first, names, m->state_count, sizeof *names, by_name) : NULL;
        if (state) {
            out_puts(o, "<span data-state=\"");
            html(o, *state);
            out_puts(o, "\">");
        }
        html(o, line);
        out_puts(o, state ? "</span>\n" : "\n");
        p += len + 1;
    }
    out_puts(o, "</pre>\n");
    out_free(&diagram);
}

/* The largest machine drawn by Graphviz: its layout time grows much faster than the graph, and a
   drawing of more is unreadable anyway. */
enum { DRAWN_STATES_MAX = 100, DRAWN_TRANSITIONS_MAX = 400 }; /* dot: 300 states, 1,200 edges > 100 s */

/* The diagram: the Graphviz SVG from the driver's renderer (without its XML prolog), or the
   Mermaid text when there is none or the machine is too large to draw. */
static void diagram(const emit_ctx *ctx, const model_machine *m, out *o) {
    out_puts(o, "<figure id=\"diagram\" tabindex=\"0\">\n"); /* scrollable: keyboard too */
    const char *svg = NULL;
    bool drawable =
        m->state_count <= DRAWN_STATES_MAX && m->transition_count <= DRAWN_TRANSITIONS_MAX;
    if (ctx->svg && drawable) {
        out dot = {0};
        emit_dot_graph(ctx->a, m, &dot);
        svg = ctx->svg(ctx->a, dot.data, dot.len);
        out_free(&dot);
    }
    const char *start = svg ? strstr(svg, "<!-- Generated by graphviz") : NULL;
    if (svg && !start)
        start = strstr(svg, "<svg");
    if (start) {
        out_write(o, start, strlen(start));
        if (start[0] && start[strlen(start) - 1] != '\n')
            out_puts(o, "\n");
        out_puts(o, "<figcaption>The lifecycle; the current state is drawn with a thick border. "
                    "Line style tells who fires a transition: user solid, auto dashed, self "
                    "dotted, several bold; each line's label names them.</figcaption>\n");
    } else {
        mermaid_text(ctx->a, m, o);
        out_printf(o,
                   "<figcaption>The lifecycle as Mermaid text (%s); the current state's lines "
                   "are highlighted.</figcaption>\n",
                   drawable ? "Graphviz was not at hand when this page was made"
                            : "too large a machine to draw");
    }
    out_puts(o, "</figure>\n");
}

/* A fieldset per initiator with a button per trigger; the script writes each one's verdict. */
static void controls(const model_machine *m, out *o) {
    for (int k = 0; k < 3; k++) {
        out_printf(
            o,
            "<fieldset class=\"by-%s\">\n<legend>%s <small>— %s (%s lines)</small></legend>\n"
            "<div class=\"triggers\">\n",
            initiators[k].name, initiators[k].name, initiators[k].what, initiators[k].line);
        for (uint32_t t = 0; t < m->trigger_count; t++) {
            out_puts(o, "<button type=\"button\" data-by=\"");
            out_printf(o, "%s\" data-trigger=\"", initiators[k].name);
            html(o, m->triggers[t].name);
            out_puts(o, "\"");
            if (m->triggers[t].doc) {
                out_puts(o, " title=\"");
                html(o, m->triggers[t].doc);
                out_puts(o, "\"");
            }
            out_puts(o, ">");
            html(o, m->triggers[t].name);
            out_puts(o, " <span class=\"verdict\"></span></button>\n");
        }
        if (!m->trigger_count)
            out_puts(o, "<p>This machine has no triggers.</p>\n");
        out_puts(o, "</div>\n</fieldset>\n");
    }
}

static void guards(const model_machine *m, out *o) {
    if (!m->guard_count)
        return;
    out_puts(o, "<fieldset id=\"guards\">\n<legend>Guards <small>— checked: the guard holds"
                "</small></legend>\n");
    for (uint32_t g = 0; g < m->guard_count; g++) {
        out_puts(o, "<label><input type=\"checkbox\" checked data-guard=\"");
        html(o, m->guards[g].name);
        out_puts(o, "\"> ");
        html(o, m->guards[g].name);
        if (m->guards[g].doc) {
            out_puts(o, " <small>— ");
            html(o, m->guards[g].doc);
            out_puts(o, "</small>");
        }
        out_puts(o, "</label>\n");
    }
    out_puts(o, "</fieldset>\n");
}

static void clock(const model_machine *m, out *o) {
    bool timed = false;
    for (uint32_t s = 0; s < m->state_count; s++)
        timed = timed || m->states[s].after_ms;
    out_puts(o,
             "<fieldset id=\"clock\">\n<legend>Simulated clock</legend>\n"
             "<p>Now: <span id=\"clock-now\">0 s</span>. <span id=\"clock-timer\"></span></p>\n");
    if (!timed)
        out_puts(o, "<p class=\"note\">No state of this machine has a timer.</p>\n");
    out_puts(o, "<button type=\"button\" data-advance=\"1000\">+1 s</button>\n"
                "<button type=\"button\" data-advance=\"60000\">+1 min</button>\n"
                "<button type=\"button\" data-advance=\"3600000\">+1 h</button>\n"
                "<button type=\"button\" id=\"run-timer\">Run to the timer</button>\n"
                "</fieldset>\n");
}

/* A table cell with s escaped, empty when s is NULL. */
static void cell(out *o, const char *s) {
    out_puts(o, "<td>");
    if (s)
        html(o, s);
    out_puts(o, "</td>");
}

/* The header cell that starts a row. */
static void row_header(out *o, const char *s) {
    out_puts(o, "<th scope=\"row\">");
    html(o, s);
    out_puts(o, "</th>");
}

static void states_table(const model_machine *m, out *o) {
    bool timed = false;
    for (uint32_t s = 0; s < m->state_count; s++)
        timed = timed || m->states[s].after_ms;
    out_printf(
        o,
        "<h2>States</h2>\n<table id=\"states-table\">\n<thead><tr><th scope=\"col\">State</th>"
        "<th scope=\"col\">Persisted as</th>%s<th scope=\"col\">Doc</th></tr></thead>\n"
        "<tbody>\n",
        timed ? "<th scope=\"col\">Timer</th>" : "");
    for (uint32_t s = 0; s < m->state_count; s++) {
        const model_state *st = &m->states[s];
        out_puts(o, "<tr>");
        row_header(o, st->name);
        cell(o, st->persisted);
        if (timed) {
            out_puts(o, "<td>");
            for (uint32_t e = m->out[s]; e < m->out[s + 1] && st->after_ms; e++)
                if (m->transitions[e].after) {
                    html(o, m->triggers[st->timer_trigger].name);
                    out_puts(o, " after ");
                    html(o, m->transitions[e].after);
                    break;
                }
            out_puts(o, "</td>");
        }
        out_puts(o, "<td>");
        if (st->final)
            out_puts(o, st->doc ? "Final. " : "Final.");
        if (st->doc)
            html(o, st->doc);
        out_puts(o, "</td></tr>\n");
    }
    out_puts(o, "</tbody>\n</table>\n");
}

/* Per state, per initiator: "trigger → target" for each transition it may fire, with its guard. */
static void moves_table(const model_machine *m, out *o) {
    out_puts(o, "<h2>What each initiator may do, per state</h2>\n<table>\n<thead><tr>"
                "<th scope=\"col\">State</th>");
    for (int k = 0; k < 3; k++)
        out_printf(o, "<th scope=\"col\">%s</th>", initiators[k].name);
    out_puts(o, "</tr></thead>\n<tbody>\n");
    for (uint32_t s = 0; s < m->state_count; s++) {
        out_puts(o, "<tr>");
        row_header(o, m->states[s].name);
        for (unsigned k = 0; k < 3; k++) {
            out_puts(o, "<td>");
            const char *sep = "";
            for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
                const model_transition *tr = &m->transitions[e];
                if (!(tr->by & (1u << k)))
                    continue;
                out_puts(o, sep);
                html(o, m->triggers[tr->trigger].name);
                out_puts(o, " → ");
                html(o, m->states[tr->to].name);
                if (tr->guard != MODEL_NO_GUARD) {
                    out_puts(o, tr->negated ? " when not " : " when ");
                    html(o, m->guards[tr->guard].name);
                }
                if (tr->after) {
                    out_puts(o, " after ");
                    html(o, tr->after);
                }
                sep = "<br>";
            }
            out_puts(o, sep[0] ? "</td>" : "—</td>");
        }
        out_puts(o, "</tr>\n");
    }
    out_puts(o, "</tbody>\n</table>\n");
}

/* Per initiator: the states its transitions alone reach from the initial state, and the rest. */
static void reach_table(arena *a, const model_machine *m, out *o) {
    graph g;
    graph_init(&g, a, m);
    graph_walk w;
    graph_walk_init(&g, a, &w);
    out_puts(o, "<h2>What each initiator alone can reach</h2>\n<p>From the initial state ");
    html(o, m->states[m->initial].name);
    out_puts(o,
             ", following only the transitions that initiator may fire.</p>\n<table>\n<thead><tr>"
             "<th scope=\"col\">Initiator</th><th scope=\"col\">Reaches</th>"
             "<th scope=\"col\">Never reaches</th></tr></thead>\n<tbody>\n");
    for (unsigned k = 0; k < 3; k++) {
        graph_search(&g, &w, &m->initial, 1, 1u << k, false, false);
        out_printf(o, "<tr><th scope=\"row\">%s</th>", initiators[k].name);
        for (int want = 1; want >= 0; want--) {
            out_puts(o, "<td>");
            const char *sep = "";
            for (uint32_t s = 0; s < m->state_count; s++) {
                if (s == m->initial || graph_reached(&w, s) != (want == 1))
                    continue;
                out_puts(o, sep);
                html(o, m->states[s].name);
                sep = ", ";
            }
            out_puts(o, sep[0] ? "</td>" : "—</td>");
        }
        out_puts(o, "</tr>\n");
    }
    out_puts(o, "</tbody>\n</table>\n");
}

/* The spec's assertions as the prover left them: status, why, and the witness or counterexample. */
static void properties_table(arena *a, const model_machine *m, out *o) {
    if (!m->assert_count)
        return;
    out_puts(o, "<h2>Properties</h2>\n<p>Each assertion of the spec, proved by transitc over every "
                "path of the machine.</p>\n<table>\n<thead><tr><th scope=\"col\">Property</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\">Why</th><th scope=\"col\">Path</th>"
                "</tr></thead>\n<tbody>\n");
    for (uint32_t i = 0; i < m->assert_count; i++) {
        const model_assert *as = &m->asserts[i];
        const model_proof *pr = &as->proof;
        out_puts(o, "<tr>");
        cell(o, as->text);
        cell(o, !pr->summary ? "not proved" : pr->holds ? "holds" : "fails");
        cell(o, pr->summary);
        out_puts(o, "<td>");
        for (uint32_t k = 0; k < pr->path_len; k++) {
            const model_transition *t = &m->transitions[pr->path[k]];
            out_puts(o, k ? "<br>" : "");
            html(o, arena_printf(a, "%s --%s [%s]--> %s (line %u)", m->states[t->from].name,
                                 m->triggers[t->trigger].name,
                                 model_initiators_text(a, t->by & as->by, ", "),
                                 m->states[t->to].name, t->loc.line));
        }
        out_puts(o, "</td></tr>\n");
    }
    out_puts(o, "</tbody>\n</table>\n");
}

void emit_html(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    arena *a = ctx->a;
    out *o = out_files_add(files, "%s.html", m->name);
    out_puts(o, "<!DOCTYPE html>\n<!-- Generated by transitc from ");
    out dashes = {0};
    html(&dashes, m->src->name);
    for (size_t i = 0; i < dashes.len; i++) /* nothing in a comment may end it */
        out_write(o, dashes.data[i] == '-' ? "&#45;" : dashes.data + i,
                  dashes.data[i] == '-' ? 5 : 1);
    out_free(&dashes);
    out_printf(o, ", machine %s. Do not edit: edit the spec and run transitc generate again. -->\n",
               m->name);
    out_printf(o,
               "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<title>%s: try the lifecycle</title>\n<style>\n",
               m->name);
    lines(o, style, sizeof style / sizeof *style, "");
    out_printf(o, "</style>\n</head>\n<body>\n<header>\n<h1>%s</h1>\n", m->name);
    if (m->doc) {
        out_puts(o, "<p>");
        html(o, m->doc);
        out_puts(o, "</p>\n");
    }
    out_puts(o, "</header>\n<main data-initial=\"");
    html(o, m->states[m->initial].name);
    out_puts(o, "\">\n<h2>Try it</h2>\n<noscript><p>The controls need JavaScript; the tables below "
                "do not.</p></noscript>\n"
                "<p id=\"status\" aria-live=\"polite\">Current state: <span id=\"state\">");
    html(o, m->states[m->initial].name);
    out_puts(o, "</span></p>\n<div class=\"layout\">\n");
    diagram(ctx, m, o);
    out_puts(o, "<div>\n<p class=\"note\">Each button fires its trigger from the current state as "
                "that initiator and says what the generated code answers: where it leads, or why "
                "not.</p>\n");
    controls(m, o);
    guards(m, o);
    clock(m, o);
    out_puts(o,
             "<h3>Path taken</h3>\n<ol id=\"path\"></ol>\n"
             "<button type=\"button\" id=\"undo\">Undo</button>\n"
             "<button type=\"button\" id=\"reset\">Start over</button>\n"
             "<p id=\"answer\" aria-live=\"polite\"></p>\n"
             "<p class=\"note\">The address keeps the path: copy it to share this position.</p>\n"
             "</div>\n</div>\n");
    states_table(m, o);
    moves_table(m, o);
    reach_table(a, m, o);
    properties_table(a, m, o);
    out_puts(o, "</main>\n<script type=\"module\">\n");
    out module = {0};
    emit_ts_module(a, m, &module, false);
    escape_html_script(o, module.data, module.len);
    out_free(&module);
    if (o->len && o->data[o->len - 1] != '\n')
        out_puts(o, "\n");
    lines(o, glue, sizeof glue / sizeof *glue, "");
    out_puts(o, "</script>\n</body>\n</html>\n");
}
