/*
** PostgreSQL emitter: MACHINE.postgresql.sql, the machine's tables and the PL/pgSQL triggers with
** which PostgreSQL itself refuses every change the lifecycle forbids, whoever writes (the store, a
** Go server, psql). Same tables and messages as emit_sqlite.c, plus SQLSTATEs (class TR): see
** "The lifecycle in a database" in dsl/README.md.
*/
#include "emit.h"
#include "escape.h"
#include "sql.h"

static const sql_dialect pg = {
    .ident = escape_postgresql_ident, .string = escape_postgresql_string, .yes = "true",
    .no = "false", .what = "PostgreSQL 13 or later", .key = "text PRIMARY KEY", .text = "text",
    .boolean = "boolean", .integer = "integer", .bigint = "bigint", .time = "timestamptz",
    .row_id = "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", .at = "the transaction's time"};

static void name(out *o, const sql_names *n, const char *suffix) { sql_name(o, &pg, n->prefix, suffix); }

static void header(out *o, const model_machine *m, const sql_names *n) {
    sql_header(o, &pg, m, n);
    out_printf(o,
        "-- The triggers below refuse anything else with an error 'transit: KIND: ...' and SQLSTATE:\n"
        "--   TR001 no transition, TR002 not permitted, TR003 bad sequence, TR004 unknown name,\n"
        "--   TR005 bad insert, TR006 append-only, TR007 bad update.\n"
        "-- Or, picking the target of a transition that needs no guard (at the end of this file):\n"
        "--   SELECT %s('ID', 'TRIGGER', 'user', 4, 'ana', '...');\n"
        "-- An UPDATE that leaves last_trigger or last_initiator out repeats the previous ones, and is\n"
        "-- judged (and recorded) as that transition.\n"
        "-- Timers: due_at is when the current state's timer runs out. Sweepers claim due instances,\n"
        "-- any number at once, each in its own transaction:\n"
        "--   SELECT i.id, i.seq, i.state, s.timer_trigger FROM %s i\n"
        "--     JOIN %s s ON s.name = i.state\n"
        "--    WHERE i.due_at <= now() ORDER BY i.due_at LIMIT 100\n"
        "--      FOR UPDATE OF i SKIP LOCKED;\n"
        "-- and fire each as 'auto' with timer_trigger through the same UPDATE before COMMIT.\n\n",
        n->fire, n->instance, n->state);
}
/* CREATE FUNCTION PREFIX_suffix() RETURNS trigger with body (no spec text inside: the body is
   dollar-quoted). */
static void function(out *o, const sql_names *n, const char *suffix, const char *body) {
    out_puts(o, "CREATE FUNCTION ");
    name(o, n, suffix);
    out_printf(o, "() RETURNS trigger LANGUAGE plpgsql AS $transit$\n%s$transit$;\n", body);
}

/* A statement-level trigger refusing events on table with SQLSTATE code and message. */
static void refuse(out *o, const sql_names *n, const char *suffix, const char *events,
                   const char *table, const char *code, const char *message) {
    out_puts(o, "CREATE TRIGGER ");
    name(o, n, suffix);
    out_printf(o, " BEFORE %s ON %s\n    FOR EACH STATEMENT EXECUTE FUNCTION ", events, table);
    name(o, n, "_refuse");
    out_printf(o, "('%s', ", code);
    escape_postgresql_string(o, message);
    out_puts(o, ");\n");
}

/* CREATE TRIGGER PREFIX_suffix WHEN ON table FOR EACH ROW EXECUTE FUNCTION PREFIX_suffix(). */
static void row_trigger(out *o, const sql_names *n, const char *suffix, const char *when,
                        const char *table, const char *condition) {
    out_puts(o, "CREATE TRIGGER ");
    name(o, n, suffix);
    out_printf(o, " %s ON %s\n    FOR EACH ROW", when, table);
    if (condition)
        out_printf(o, " WHEN (%s)", condition);
    out_puts(o, " EXECUTE FUNCTION ");
    name(o, n, suffix);
    out_puts(o, "();\n\n");
}

static void triggers(out *o, const sql_names *n) {
    out b = {0};

    out_puts(o, "-- Refuses the statement it is attached to: TG_ARGV = (SQLSTATE, message).\n");
    function(o, n, "_refuse",
             "BEGIN\n    RAISE EXCEPTION USING ERRCODE = TG_ARGV[0], MESSAGE = TG_ARGV[1];\nEND\n");
    out_puts(o, "\n-- The spec's tables are read-only.\n");
    const char *spec_tables[] = {n->state, n->trigger, n->transition};
    const char *suffixes[] = {"_state_write", "_trigger_write", "_transition_write"};
    for (int t = 0; t < 3; t++)
        refuse(o, n, suffixes[t], "INSERT OR UPDATE OR DELETE OR TRUNCATE", spec_tables[t], "TR006",
               SQL_SPEC_READ_ONLY);

    /* The due time of NEW.state from NEW.last_at. */
    out due = {0};
    out_printf(&due,
        "    NEW.due_at := NEW.last_at + (SELECT after_ms FROM %s WHERE name = NEW.state)\n"
        "                               * interval '1 millisecond';\n",
        n->state);

    out_printf(&b,
        "BEGIN\n"
        "    IF NOT EXISTS (SELECT 1 FROM %s WHERE name = NEW.state) THEN\n"
        "        RAISE EXCEPTION 'transit: unknown name: \"%%\" is not a state of the machine', NEW.state\n"
        "            USING ERRCODE = 'TR004';\n"
        "    END IF;\n"
        "    IF NEW.last_initiator IS DISTINCT FROM 'import'\n"
        "       AND (NEW.seq <> 0 OR NEW.state <> (SELECT name FROM %s WHERE initial)\n"
        "            OR NEW.last_trigger IS NOT NULL OR NEW.last_initiator IS NOT NULL\n"
        "            OR NEW.last_guards IS NOT NULL) THEN\n"
        "        RAISE EXCEPTION 'transit: bad insert: a new instance starts in the initial state at seq 0 with no last transition (or is an import: last_initiator = ''import'')'\n"
        "            USING ERRCODE = 'TR005';\n"
        "    END IF;\n"
        "    IF NEW.last_initiator = 'import' AND (NEW.last_trigger IS NOT NULL OR NEW.seq < 0) THEN\n"
        "        RAISE EXCEPTION 'transit: bad insert: an import names no trigger and a seq >= 0'\n"
        "            USING ERRCODE = 'TR005';\n"
        "    END IF;\n"
        "    IF NEW.id = '' THEN\n"
        "        RAISE EXCEPTION 'transit: bad insert: id is a non-empty text' USING ERRCODE = 'TR005';\n"
        "    END IF;\n"
        "    IF NEW.last_at IS NOT NULL OR NEW.due_at IS NOT NULL THEN\n"
        "        RAISE EXCEPTION 'transit: bad insert: last_at and due_at are kept by the database'\n"
        "            USING ERRCODE = 'TR005';\n"
        "    END IF;\n"
        "    NEW.last_at := now();\n"
        "%s"
        "    RETURN NEW;\n"
        "END\n",
        n->state, n->state, due.data);
    out_puts(o, "\n" SQL_INSERT_COMMENT);
    function(o, n, "_instance_insert", b.data);
    row_trigger(o, n, "_instance_insert", "BEFORE INSERT", n->instance, NULL);

    b.len = 0;
    out_printf(&b,
        "BEGIN\n"
        SQL_HISTORY_INSERT
        "    VALUES (NEW.id, NEW.seq, NULL, NEW.state, NULL, 'import', NULL, NEW.last_actor,\n"
        "            NEW.last_reason, NEW.last_at);\n"
        "    RETURN NULL;\n"
        "END\n",
        n->history);
    out_puts(o, "-- An import's history row.\n");
    function(o, n, "_instance_inserted", b.data);
    row_trigger(o, n, "_instance_inserted", "AFTER INSERT", n->instance,
                "NEW.last_initiator = 'import'");

    b.len = 0;
    out_printf(&b,
        "DECLARE\n"
        "    timer bigint;\n"
        "BEGIN\n"
        "    IF NEW.id IS DISTINCT FROM OLD.id THEN\n"
        "        RAISE EXCEPTION 'transit: bad update: instance \"%%\" keeps its id', OLD.id\n"
        "            USING ERRCODE = 'TR007';\n"
        "    END IF;\n"
        "    IF NEW.last_at IS DISTINCT FROM OLD.last_at OR NEW.due_at IS DISTINCT FROM OLD.due_at THEN\n"
        "        RAISE EXCEPTION 'transit: bad update: last_at and due_at are kept by the database'\n"
        "            USING ERRCODE = 'TR007';\n"
        "    END IF;\n"
        "    IF NEW.seq IS DISTINCT FROM OLD.seq + 1 THEN\n"
        "        RAISE EXCEPTION 'transit: bad sequence: instance \"%%\" is at seq %%, so an update sets seq %%, not %%',\n"
        "            OLD.id, OLD.seq, OLD.seq + 1, NEW.seq USING ERRCODE = 'TR003';\n"
        "    END IF;\n"
        "    -- A transition of the spec (the usual case): one indexed lookup, with the new state's timer.\n"
        "    SELECT s.after_ms INTO timer FROM %s t JOIN %s s ON s.name = t.to_state\n"
        "     WHERE t.from_state = OLD.state AND t.trigger = NEW.last_trigger\n"
        "       AND t.initiator = NEW.last_initiator AND t.to_state = NEW.state\n"
        "     LIMIT 1;\n"
        "    IF NOT FOUND THEN\n"
        "        -- Why not, most precise first.\n"
        "        IF NEW.last_trigger IS NULL THEN\n"
        "            RAISE EXCEPTION 'transit: no transition: the update names no trigger' USING ERRCODE = 'TR001';\n"
        "        END IF;\n"
        "        IF NEW.last_initiator IS NULL THEN\n"
        "            RAISE EXCEPTION 'transit: not permitted: the update names no initiator' USING ERRCODE = 'TR002';\n"
        "        END IF;\n"
        "        IF NOT EXISTS (SELECT 1 FROM %s WHERE name = NEW.last_trigger) THEN\n"
        "            RAISE EXCEPTION 'transit: unknown name: \"%%\" is not a trigger of the machine', NEW.last_trigger\n"
        "                USING ERRCODE = 'TR004';\n"
        "        END IF;\n"
        "        IF NEW.last_initiator NOT IN ('user', 'auto', 'self') THEN\n"
        "            RAISE EXCEPTION 'transit: unknown name: \"%%\" is not user, auto or self', NEW.last_initiator\n"
        "                USING ERRCODE = 'TR004';\n"
        "        END IF;\n"
        "        IF NOT EXISTS (SELECT 1 FROM %s WHERE name = NEW.state) THEN\n"
        "            RAISE EXCEPTION 'transit: unknown name: \"%%\" is not a state of the machine', NEW.state\n"
        "                USING ERRCODE = 'TR004';\n"
        "        END IF;\n"
        "        IF NOT EXISTS (SELECT 1 FROM %s\n"
        "                        WHERE from_state = OLD.state AND trigger = NEW.last_trigger) THEN\n"
        "            RAISE EXCEPTION 'transit: no transition: none on \"%%\" from \"%%\"', NEW.last_trigger, OLD.state\n"
        "                USING ERRCODE = 'TR001';\n"
        "        END IF;\n"
        "        IF NOT EXISTS (SELECT 1 FROM %s\n"
        "                        WHERE from_state = OLD.state AND trigger = NEW.last_trigger\n"
        "                          AND initiator = NEW.last_initiator) THEN\n"
        "            RAISE EXCEPTION 'transit: not permitted: %% may not fire \"%%\" from \"%%\"',\n"
        "                NEW.last_initiator, NEW.last_trigger, OLD.state USING ERRCODE = 'TR002';\n"
        "        END IF;\n"
        "        RAISE EXCEPTION 'transit: no transition: \"%%\" by %% leads from \"%%\" elsewhere than \"%%\"',\n"
        "            NEW.last_trigger, NEW.last_initiator, OLD.state, NEW.state USING ERRCODE = 'TR001';\n"
        "    END IF;\n"
        "    NEW.last_at := now();\n"
        "    NEW.due_at := NEW.last_at + timer * interval '1 millisecond';\n"
        "    RETURN NEW;\n"
        "END\n",
        n->transition, n->state, n->trigger, n->state, n->transition, n->transition);
    out_puts(o, "-- Every UPDATE is a transition of the spec: the next seq, a trigger and an initiator that\n"
                "-- lead from the old state to the new one.\n");
    function(o, n, "_instance_update", b.data);
    row_trigger(o, n, "_instance_update", "BEFORE UPDATE", n->instance, NULL);

    b.len = 0;
    out_printf(&b,
        "BEGIN\n"
        SQL_HISTORY_INSERT
        "    VALUES (NEW.id, NEW.seq, OLD.state, NEW.state, NEW.last_trigger, NEW.last_initiator,\n"
        "            NEW.last_guards, NEW.last_actor, NEW.last_reason, NEW.last_at);\n"
        "    RETURN NULL;\n"
        "END\n",
        n->history);
    out_puts(o, "-- An accepted transition's history row.\n");
    function(o, n, "_instance_updated", b.data);
    row_trigger(o, n, "_instance_updated", "AFTER UPDATE", n->instance, NULL);

    refuse(o, n, "_instance_delete", "DELETE OR TRUNCATE", n->instance, "TR006", SQL_NO_DELETE);

    out_puts(o, "\n-- The history is append-only, and only the triggers above write it.\n");
    function(o, n, "_history_insert",
             "BEGIN\n"
             "    IF pg_trigger_depth() < 2 THEN\n"
             "        RAISE EXCEPTION 'transit: append-only: history rows are written by the instance table''s triggers'\n"
             "            USING ERRCODE = 'TR006';\n"
             "    END IF;\n"
             "    RETURN NEW;\n"
             "END\n");
    row_trigger(o, n, "_history_insert", "BEFORE INSERT", n->history, NULL);
    refuse(o, n, "_history_write", "UPDATE OR DELETE OR TRUNCATE", n->history, "TR006",
           "transit: append-only: history rows are never changed or deleted");

    b.len = 0;
    out_printf(&b,
        "DECLARE\n"
        "    cur %s;\n"
        "    target text;\n"
        "    needs text;\n"
        "BEGIN\n"
        "    SELECT * INTO cur FROM %s WHERE id = p_id FOR UPDATE;\n"
        "    IF NOT FOUND THEN\n"
        "        RAISE EXCEPTION 'transit: unknown instance: \"%%\"', p_id USING ERRCODE = 'TR008';\n"
        "    END IF;\n"
        "    IF p_seq IS NOT NULL AND cur.seq <> p_seq THEN\n"
        "        RAISE EXCEPTION 'transit: stale: instance \"%%\" is at seq %%, not %%', p_id, cur.seq, p_seq\n"
        "            USING ERRCODE = 'TR009';\n"
        "    END IF;\n"
        "    SELECT to_state, guard INTO target, needs FROM %s\n"
        "     WHERE from_state = cur.state AND trigger = p_trigger AND initiator = p_initiator\n"
        "     ORDER BY rank LIMIT 1;\n"
        "    IF NOT FOUND THEN\n"
        "        target := cur.state; -- the UPDATE's trigger tells why not\n"
        "    ELSIF needs IS NOT NULL THEN\n"
        "        RAISE EXCEPTION 'transit: no guard callback: \"%%\" from \"%%\" depends on guard \"%%\"',\n"
        "            p_trigger, cur.state, needs USING ERRCODE = 'TR010';\n"
        "    END IF;\n"
        "    UPDATE %s SET state = target, seq = seq + 1, last_trigger = p_trigger,\n"
        "           last_initiator = p_initiator, last_guards = NULL, last_actor = p_actor,\n"
        "           last_reason = p_reason\n"
        "     WHERE id = p_id;\n"
        "    RETURN cur.seq + 1;\n"
        "END\n",
        n->instance, n->instance, n->transition, n->instance);
    out_puts(o, "\n-- A convenience for psql and servers: fires p_trigger on instance p_id as p_initiator when the\n"
                "-- choice needs no guard (the first alternative is unguarded), through the same UPDATE; returns\n"
                "-- the new seq. p_seq: the seq the caller saw, or NULL. Adds TR008 unknown instance, TR009\n"
                "-- stale, TR010 no guard callback to the refusals above.\n"
                "CREATE FUNCTION ");
    name(o, n, "_fire");
    out_printf(o, "(p_id text, p_trigger text, p_initiator text, p_seq bigint DEFAULT NULL,\n"
                  "    p_actor text DEFAULT NULL, p_reason text DEFAULT NULL)\n"
                  "    RETURNS bigint LANGUAGE plpgsql AS $transit$\n%s$transit$;\n",
               b.data);
    out_free(&due);
    out_free(&b);
}

void emit_postgresql(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    out *o = out_files_add(files, "%s.postgresql.sql", m->name);
    sql_names n = sql_names_of(ctx->a, &pg, m->name);
    header(o, m, &n);
    out_puts(o, "SET standard_conforming_strings = on;\n\nBEGIN;\n\n");
    sql_tables(o, &pg, m, &n);
    triggers(o, &n);
    out_puts(o, "COMMIT;\n");
}
