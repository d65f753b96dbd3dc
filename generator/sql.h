/*
** What the SQL emitters (emit_sqlite.c, emit_postgresql.c) share: the table-name prefix of a
** machine, kept within PostgreSQL's 63-byte identifiers, and the rows of the spec's tables.
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

/* How a dialect writes names, strings and booleans. */
typedef struct sql_dialect {
    void (*ident)(out *o, const char *s);  /* a quoted identifier */
    void (*string)(out *o, const char *s); /* a string literal */
    const char *yes, *no;                  /* boolean literals */
} sql_dialect;

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

/* The header both files start with: what made them and the machine's doc. */
void sql_header(out *o, const model_machine *m, const char *dialect);

#endif
