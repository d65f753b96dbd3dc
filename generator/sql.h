/*
** What the SQL emitters (emit_sqlite.c, emit_postgresql.c) share: the table-name prefix of a
** machine, kept within PostgreSQL's 63-byte identifiers, the header, the tables (the same but for
** column types) with the spec's rows, and the comments and messages their triggers word alike.
** Each emitter writes its own triggers: SQLite's RAISE(ABORT) bodies and PostgreSQL's PL/pgSQL.
*/
#ifndef GEN_SQL_H
#define GEN_SQL_H

#include "model.h"
#include "out.h"

/* The longest table-name prefix; every suffix the emitters add is at most 24 bytes, so every
   name stays within PostgreSQL's 63 bytes. */
#define SQL_PREFIX_MAX 39

/* The prefix of every table, trigger and function of machine name: the name itself when it has
   at most SQL_PREFIX_MAX bytes, else its first 30 bytes, '_' and the 8 lower-case hex digits of
   the 32-bit FNV-1a hash of the whole name. The store computes the same (transit_store.h). */
const char *sql_prefix(arena *a, const char *name);

/* How a dialect writes names, strings, booleans and the tables' column types. */
typedef struct sql_dialect {
    void (*ident)(out *o, const char *s);  /* a quoted identifier */
    void (*string)(out *o, const char *s); /* a string literal */
    const char *yes, *no;                  /* boolean literals */
    const char *what;                      /* the header's "for ...": the dialect and version */
    /* Column types: a text primary key, text, a boolean, an integer, a 64-bit integer, a time,
       the history's generated row id; and what the history's at column holds, in words. */
    const char *key, *text, *boolean, *integer, *bigint, *time, *row_id, *at;
} sql_dialect;

/* The quoted names of a machine's tables (and of PostgreSQL's fire function), and their prefix. */
typedef struct sql_names {
    const char *state, *trigger, *transition, *instance, *history, *fire;
    const char *prefix;
} sql_names;

/* The names of machine name's tables in dialect d. */
sql_names sql_names_of(arena *a, const sql_dialect *d, const char *name);

/* The quoted identifier prefix + suffix ("door" "_instance" -> "door_instance"). */
void sql_name(out *o, const sql_dialect *d, const char *prefix, const char *suffix);

/* The quoted identifier prefix + suffix as a string in a. */
const char *sql_quoted_name(arena *a, const sql_dialect *d, const char *prefix, const char *suffix);

/* A string literal, or NULL when s is NULL. */
void sql_string_or_null(out *o, const sql_dialect *d, const char *s);

/* The INSERT statements that fill the spec's tables PREFIX_state, PREFIX_trigger and
   PREFIX_transition: one row per state, per trigger, and per (transition, initiator) in the
   order of the model, at most 500 rows per statement. */
void sql_spec_rows(out *o, const sql_dialect *d, const model_machine *m, const char *prefix);

/* The header both files start with: what made them, the machine's doc, and how a transition is
   made (one UPDATE of the instance table). */
void sql_header(out *o, const sql_dialect *d, const model_machine *m, const sql_names *n);

/* The tables, the same in both dialects but for column types: the spec's (states, triggers,
   transitions, filled with the spec's rows), the instances and their history. */
void sql_tables(out *o, const sql_dialect *d, const model_machine *m, const sql_names *n);

/* What both dialects' triggers say the same way: the comment before the instance table's insert
   check, the refusals of writes to the spec's tables and of deleting an instance, and the head of
   the INSERT of a history row (its table's name as %s). */
#define SQL_INSERT_COMMENT                                                                          \
    "-- A new instance starts in the initial state at seq 0 with no last transition, or is an\n"  \
    "-- import: last_initiator 'import', any state and seq, recorded in the history as such.\n"
#define SQL_SPEC_READ_ONLY                                                                          \
    "transit: append-only: the spec's tables change only by loading a new generated file"
#define SQL_NO_DELETE                                                                               \
    "transit: append-only: an instance is never deleted; fire a transition to a final state"
#define SQL_HISTORY_INSERT                                                                          \
    "    INSERT INTO %s (instance_id, seq, from_state, to_state, trigger, initiator, guards,\n"     \
    "                    actor, reason, at)\n"

#endif
