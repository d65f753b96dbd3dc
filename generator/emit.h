/*
** The emitters: one per output kind, each reading only the checked model and writing files into
** memory. Adding an output kind is one emitter file and one row in EMIT_KINDS.
*/
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include "model.h"
#include "out.h"

/* Renders Graphviz text (len bytes) as SVG: the SVG document (allocated in a), or NULL when it
   cannot (no Graphviz installed, or it failed). The driver supplies it; emitters stay free of I/O. */
typedef const char *emit_svg_fn(arena *a, const char *dot, size_t len);

/* What every emitter is given besides its machine. */
typedef struct emit_ctx {
    arena *a;
    const model *mo;
    const char *go_package; /* --go-package: the Go package name; NULL: each machine's name */
    emit_svg_fn *svg; /* NULL: no rendering; the emitters that want a picture fall back to text */
} emit_ctx;

typedef void emit_fn(const emit_ctx *ctx, const model_machine *m, out_files *files);

/* Every output kind: the name given to --emit, its emitter, and what it writes. */
#define EMIT_KINDS(X)                                                                              \
    X(c, emit_c, "MACHINE.h and MACHINE.c: the transition tables and their enums")                 \
    X(test, emit_test, "MACHINE_test.c: a cmocka program checking every transition of MACHINE.c")  \
    X(mermaid, emit_mermaid, "MACHINE.mmd: the lifecycle as a Mermaid state diagram")              \
    X(dot, emit_dot, "MACHINE.dot: the lifecycle as a Graphviz graph, initiators by style")        \
    X(md, emit_md, "MACHINE.md: a docs page with the diagram, states and transitions")             \
    X(json, emit_json, "MACHINE.json: the checked model for tools and UIs")                        \
    X(sqlite, emit_sqlite, "MACHINE.sqlite.sql: tables and triggers enforcing the lifecycle in SQLite") \
    X(postgresql, emit_postgresql,                                                                 \
      "MACHINE.postgresql.sql: tables and triggers enforcing the lifecycle in PostgreSQL")   \
    X(go, emit_go, "MACHINE.go: a Go package's typed states, tables, Lookup and Fire")             \
    X(gotest, emit_go_test, "MACHINE_test.go: go test checking every transition of MACHINE.go")   \
    X(ts, emit_ts, "MACHINE.ts: a TypeScript (ES) module's unions, tables, lookup and fire")       \
    X(tstest, emit_ts_test, "MACHINE.test.ts: node --test checking every transition of MACHINE.ts") \
    X(html, emit_html, "MACHINE.html: an interactive page to try the lifecycle in a browser")

#define EMIT_DECLARE(kind, fn, what) emit_fn fn;
EMIT_KINDS(EMIT_DECLARE)
#undef EMIT_DECLARE

/* The Mermaid stateDiagram-v2 of m, from its first line on: MACHINE.mmd and the docs page
   embed the same text. */
void emit_mermaid_diagram(arena *a, const model_machine *m, out *o);

/* The machine's TypeScript module (typed) or the same module as plain JavaScript (types left
   out): MACHINE.ts, and the code the interactive page embeds. */
void emit_ts_module(arena *a, const model_machine *m, out *o, bool typed);

/* The Graphviz digraph of m, from "digraph" on: MACHINE.dot holds it after its header comment,
   and the interactive page renders the same text to SVG. */
void emit_dot_graph(arena *a, const model_machine *m, out *o);

#endif
