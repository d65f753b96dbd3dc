/*
** SQLite emitter: MACHINE.sqlite.sql, the machine's tables and the triggers with which SQLite
** itself refuses every change the lifecycle forbids, whoever writes (the store, a Go server, the
** sqlite3 shell). The tables and messages are a contract shared with emit_postgresql.c, the store
** and the Go and TypeScript code: see "The lifecycle in a database" in dsl/README.md.
*/
#include "emit.h"
#include "escape.h"
#include "sql.h"

static const sql_dialect sqlite = {
    .ident = escape_sqlite_ident, .string = escape_sqlite_string, .yes = "1", .no = "0",
    .what = "SQLite 3.35 or later", .key = "TEXT NOT NULL PRIMARY KEY", .text = "TEXT",
    .boolean = "INTEGER", .integer = "INTEGER", .bigint = "INTEGER", .time = "TEXT",
    .row_id = "INTEGER PRIMARY KEY", .at = "'YYYY-MM-DDTHH:MM:SS.SSSZ' UTC"};

/* SQLite's time of the current statement, as every timestamp of these tables is written. */
#define NOW "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now')"

/* The due time of an instance entering state expression st: NULL when st has no timer. */
static void due(out *o, const sql_names *n, const char *st) {
    out_printf(o,
               "(SELECT strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now', '+' || (after_ms / 1000.0) "
               "|| ' seconds')\n"
               "             FROM %s WHERE name = %s AND after_ms IS NOT NULL)",
               n->state, st);
}

static void trigger_name(out *o, const sql_names *n, const char *suffix) {
    sql_name(o, &sqlite, n->prefix, suffix);
}

static void header(out *o, const model_machine *m, const sql_names *n) {
    sql_header(o, &sqlite, m, n);
    out_printf(o,
        "-- The triggers below refuse anything else with RAISE(ABORT, 'transit: KIND: ...'), KIND one\n"
        "-- of: no transition, not permitted, bad sequence, unknown name, bad insert, bad update,\n"
        "-- append-only. An UPDATE that leaves last_trigger or last_initiator out repeats the\n"
        "-- previous ones, and is judged (and recorded) as that transition.\n"
        "-- Timers: due_at is when the current state's timer runs out; the due instances are\n"
        "--   SELECT id, state, seq FROM %s\n"
        "--    WHERE due_at <= strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now') ORDER BY due_at;\n"
        "-- each fired as 'auto' with its state's timer_trigger through the same UPDATE.\n\n",
        n->instance);
}
/* A trigger refusing every statement of kind (INSERT, UPDATE, DELETE) on table. */
static void refuse(out *o, const sql_names *n, const char *suffix, const char *kind, const char *table,
                   const char *message) {
    out_puts(o, "CREATE TRIGGER ");
    trigger_name(o, n, suffix);
    out_printf(o, " BEFORE %s ON %s\nBEGIN\n    SELECT RAISE(ABORT, ", kind, table);
    escape_sqlite_string(o, message);
    out_puts(o, ");\nEND;\n");
}

/* One check of a trigger body: RAISE(ABORT, message) WHERE condition. */
static void check(out *o, const char *message, const char *condition) {
    out_puts(o, "    SELECT RAISE(ABORT, ");
    escape_sqlite_string(o, message);
    out_printf(o, ")\n     WHERE %s;\n", condition);
}

/* One branch of a CASE: WHEN condition THEN RAISE(ABORT, message). */
static void when(out *o, const char *message, const char *condition) {
    out_printf(o, "        WHEN %s\n            THEN RAISE(ABORT, ", condition);
    escape_sqlite_string(o, message);
    out_puts(o, ")\n");
}

static void triggers(out *o, const model_machine *m, const sql_names *n) {
    out_puts(o, "-- The spec's tables are read-only.\n");
    const char *kinds[] = {"INSERT", "UPDATE", "DELETE"};
    const char *suffixes[3][3] = {{"_state_insert", "_state_update", "_state_delete"},
                                  {"_trigger_insert", "_trigger_update", "_trigger_delete"},
                                  {"_transition_insert", "_transition_update", "_transition_delete"}};
    const char *spec_tables[] = {n->state, n->trigger, n->transition};
    for (int t = 0; t < 3; t++)
        for (int k = 0; k < 3; k++)
            refuse(o, n, suffixes[t][k], kinds[k], spec_tables[t], SQL_SPEC_READ_ONLY);

    out_puts(o, "\n" SQL_INSERT_COMMENT "CREATE TRIGGER ");
    trigger_name(o, n, "_instance_insert");
    out_printf(o, " BEFORE INSERT ON %s\nBEGIN\n", n->instance);
    {
        out c = {0};
        out_printf(&c, "NOT EXISTS (SELECT 1 FROM %s WHERE name = NEW.state)", n->state);
        check(o, "transit: unknown name: the state is not one of the machine's persisted names", c.data);
        out_free(&c);
    }
    {
        out c = {0};
        out_puts(&c, "NEW.last_initiator IS NOT 'import'\n       AND (NEW.seq IS NOT 0 OR NEW.state IS NOT ");
        escape_sqlite_string(&c, m->state_count ? m->states[m->initial].persisted : "");
        out_puts(&c, " OR NEW.last_trigger IS NOT NULL\n            OR NEW.last_initiator IS NOT NULL OR NEW.last_guards IS NOT NULL)");
        check(o, "transit: bad insert: a new instance starts in the initial state at seq 0 with no "
                 "last transition (or is an import: last_initiator = 'import')", c.data);
        out_free(&c);
    }
    check(o, "transit: bad insert: an import names no trigger and a whole seq >= 0",
          "NEW.last_initiator IS 'import'\n       AND (NEW.last_trigger IS NOT NULL OR "
          "typeof(NEW.seq) IS NOT 'integer' OR NEW.seq < 0)");
    check(o, "transit: bad insert: id is a non-empty text",
          "typeof(NEW.id) IS NOT 'text' OR NEW.id = ''");
    check(o, "transit: bad insert: last_at and due_at are kept by the database",
          "NEW.last_at IS NOT NULL OR NEW.due_at IS NOT NULL");
    out_puts(o, "END;\n\n");

    out_puts(o, "-- A new instance's time and timer; an import's history row.\nCREATE TRIGGER ");
    trigger_name(o, n, "_instance_inserted");
    out_printf(o, " AFTER INSERT ON %s\nBEGIN\n", n->instance);
    out_printf(o, "    UPDATE %s SET last_at = " NOW ",\n           due_at = ", n->instance);
    due(o, n, "NEW.state");
    out_puts(o, "\n     WHERE id = NEW.id;\n");
    out_printf(o,
        SQL_HISTORY_INSERT
        "    SELECT NEW.id, NEW.seq, NULL, NEW.state, NULL, 'import', NULL, NEW.last_actor,\n"
        "           NEW.last_reason, " NOW "\n"
        "     WHERE NEW.last_initiator IS 'import';\n"
        "END;\n\n",
        n->history);

    /* The bookkeeping UPDATE of the two triggers above and below: last_at and due_at only, in the
       statement that made the transition (its history row has this statement's time), or once
       right after the insert. */
    out_puts(o, "-- Every UPDATE is a transition of the spec: the next seq, a trigger and an initiator that\n"
                "-- lead from the old state to the new one. (The triggers' own UPDATE of last_at and\n"
                "-- due_at, in the same statement, is let through.)\nCREATE TRIGGER ");
    trigger_name(o, n, "_instance_update");
    out_printf(o, " BEFORE UPDATE ON %s\n", n->instance);
    out_printf(o,
        "WHEN NOT (NEW.id IS OLD.id AND NEW.state IS OLD.state AND NEW.seq IS OLD.seq\n"
        "          AND NEW.last_trigger IS OLD.last_trigger AND NEW.last_initiator IS OLD.last_initiator\n"
        "          AND NEW.last_guards IS OLD.last_guards AND NEW.last_actor IS OLD.last_actor\n"
        "          AND NEW.last_reason IS OLD.last_reason AND NEW.last_at IS " NOW "\n"
        "          AND (OLD.last_at IS NULL\n"
        "               OR NEW.last_at IS (SELECT at FROM %s WHERE instance_id = NEW.id AND seq = NEW.seq))\n"
        "          AND NEW.due_at IS ",
        n->history);
    due(o, n, "NEW.state");
    out_puts(o, ")\nBEGIN\n");
    /* One statement: the first condition that holds decides; a transition of the spec (the
       usual case) is found by one indexed lookup, and only a refusal looks further. */
    out_puts(o, "    SELECT CASE\n");
    when(o, "transit: bad update: an instance keeps its id", "NEW.id IS NOT OLD.id");
    when(o, "transit: bad update: last_at and due_at are kept by the database",
         "NEW.last_at IS NOT OLD.last_at OR NEW.due_at IS NOT OLD.due_at");
    when(o, "transit: bad sequence: seq grows by exactly one per transition",
         "typeof(NEW.seq) IS NOT 'integer' OR NEW.seq IS NOT OLD.seq + 1");
    out_printf(o,
        "        WHEN EXISTS (SELECT 1 FROM %s\n"
        "                      WHERE from_state = OLD.state AND trigger = NEW.last_trigger\n"
        "                        AND initiator = NEW.last_initiator AND to_state = NEW.state)\n"
        "            THEN NULL\n",
        n->transition);
    when(o, "transit: no transition: the update names no trigger", "NEW.last_trigger IS NULL");
    when(o, "transit: not permitted: the update names no initiator", "NEW.last_initiator IS NULL");
    {
        out c = {0};
        out_printf(&c, "NOT EXISTS (SELECT 1 FROM %s WHERE name = NEW.last_trigger)", n->trigger);
        when(o, "transit: unknown name: the trigger is not one of the machine's", c.data);
        out_free(&c);
    }
    when(o, "transit: unknown name: the initiator is not user, auto or self",
         "NEW.last_initiator NOT IN ('user', 'auto', 'self')");
    {
        out c = {0};
        out_printf(&c, "NOT EXISTS (SELECT 1 FROM %s WHERE name = NEW.state)", n->state);
        when(o, "transit: unknown name: the state is not one of the machine's persisted names", c.data);
        out_free(&c);
    }
    {
        out c = {0};
        out_printf(&c, "NOT EXISTS (SELECT 1 FROM %s\n                          WHERE from_state = OLD.state AND trigger = NEW.last_trigger)", n->transition);
        when(o, "transit: no transition: none on this trigger from this state", c.data);
        out_free(&c);
    }
    {
        out c = {0};
        out_printf(&c, "NOT EXISTS (SELECT 1 FROM %s\n                          WHERE from_state = OLD.state AND trigger = NEW.last_trigger\n                            AND initiator = NEW.last_initiator)", n->transition);
        when(o, "transit: not permitted: this initiator may not fire this trigger from this state", c.data);
        out_free(&c);
    }
    out_puts(o, "        ELSE RAISE(ABORT, ");
    escape_sqlite_string(o, "transit: no transition: this trigger does not lead to that state from this state");
    out_puts(o, ")\n    END;\n");
    out_puts(o, "END;\n\n");

    out_puts(o, "-- An accepted transition's history row, time and timer.\nCREATE TRIGGER ");
    trigger_name(o, n, "_instance_updated");
    out_printf(o, " AFTER UPDATE ON %s\nWHEN NEW.seq IS NOT OLD.seq\nBEGIN\n", n->instance);
    out_printf(o,
        SQL_HISTORY_INSERT
        "    VALUES (NEW.id, NEW.seq, OLD.state, NEW.state, NEW.last_trigger, NEW.last_initiator,\n"
        "            NEW.last_guards, NEW.last_actor, NEW.last_reason, " NOW ");\n",
        n->history);
    out_printf(o, "    UPDATE %s SET last_at = " NOW ",\n           due_at = ", n->instance);
    due(o, n, "NEW.state");
    out_puts(o, "\n     WHERE id = NEW.id;\nEND;\n\n");

    refuse(o, n, "_instance_delete", "DELETE", n->instance, SQL_NO_DELETE);
    out_puts(o, "\n-- The history is append-only, and only the triggers above write it: a row must be the\n"
                "-- instance's transition of this statement (and (instance_id, seq) is unique).\nCREATE TRIGGER ");
    trigger_name(o, n, "_history_insert");
    out_printf(o, " BEFORE INSERT ON %s\nBEGIN\n", n->history);
    {
        out c = {0};
        out_printf(&c,
            "NOT EXISTS (SELECT 1 FROM %s i\n"
            "                    WHERE i.id = NEW.instance_id AND i.seq IS NEW.seq\n"
            "                      AND i.state IS NEW.to_state AND i.last_initiator IS NEW.initiator\n"
            "                      AND (NEW.initiator IS 'import'\n"
            "                           OR (i.last_trigger IS NEW.trigger AND i.last_guards IS NEW.guards))\n"
            "                      AND i.last_actor IS NEW.actor AND i.last_reason IS NEW.reason\n"
            "                      AND NEW.at IS " NOW ")",
            n->instance);
        check(o, "transit: append-only: history rows are written by the instance table's triggers", c.data);
        out_free(&c);
    }
    out_puts(o, "END;\n");
    refuse(o, n, "_history_update", "UPDATE", n->history, "transit: append-only: history rows are never changed");
    refuse(o, n, "_history_delete", "DELETE", n->history, "transit: append-only: history rows are never deleted");
}

void emit_sqlite(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    out *o = out_files_add(files, "%s.sqlite.sql", m->name);
    sql_names n = sql_names_of(ctx->a, &sqlite, m->name);
    header(o, m, &n);
    out_puts(o, "BEGIN;\n\n");
    sql_tables(o, &sqlite, m, &n);
    triggers(o, m, &n);
    out_puts(o, "\nCOMMIT;\n");
}
