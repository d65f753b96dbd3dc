/*
** transit store: instances in SQLite or PostgreSQL, one transaction per fire, decided by the
** runtime from the generated tables and checked again by the database's generated triggers.
** One statement runner (query) hides the two client libraries; everything above it is shared.
*/
#include "transit_store.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The statements of one machine. */
enum { Q_SELECT, Q_UPDATE, Q_INSERT, Q_HISTORY, Q_DUE, Q_COUNT };
static const int param_count[Q_COUNT] = {1, 8, 1, 3, 0};

typedef struct machine_sql {
    const transit_machine *def;
    char *text[Q_COUNT];
    sqlite3_stmt *stmt[Q_COUNT]; /* SQLite: prepared on first use */
    unsigned prepared[Q_COUNT];  /* PostgreSQL: the connection generation it was prepared on */
    unsigned index;              /* names the PostgreSQL statements "transitN_Q" */
} machine_sql;

struct transit_store {
    bool pg;
    sqlite3 *db;
    PGconn *conn;
    unsigned generation; /* PostgreSQL: grows with each (re)connection */
    machine_sql *machines;
    size_t machine_count;
    char error[1024];
};

static const char *const store_names[] = {
#define TRANSIT_STORE_NAME(name, text) text,
    TRANSIT_STORE_RESULTS(TRANSIT_STORE_NAME)
#undef TRANSIT_STORE_NAME
};

const char *transit_store_result_string(transit_store_result r) {
    if (r >= 0 && r < TRANSIT_RESULT_COUNT)
        return transit_result_string((transit_result)r);
    if (r > TRANSIT_STORE_FIRST && r < TRANSIT_STORE_RESULT_END)
        return store_names[r - TRANSIT_STORE_FIRST - 1];
    return "unknown";
}

const char *transit_store_error(const transit_store *s) { return s ? s->error : "no store"; }

static transit_store_result fail(transit_store *s, transit_store_result r, const char *what,
                                 const char *detail) {
    snprintf(s->error, sizeof s->error, "%.100s%s%.900s", what, detail ? ": " : "", detail ? detail : "");
    /* Trim the newline libpq ends its messages with. */
    size_t n = strlen(s->error);
    while (n && (s->error[n - 1] == '\n' || s->error[n - 1] == ' '))
        s->error[--n] = '\0';
    return r;
}

void transit_store_prefix(const char *name, char out[40]) {
    size_t len = strlen(name);
    if (len <= 39) {
        memcpy(out, name, len + 1);
        return;
    }
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 16777619u;
    snprintf(out, 40, "%.30s_%08" PRIx32, name, h);
}

/* --- Connections --------------------------------------------------------------------------- */

static bool is_url(const char *where) {
    return strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0;
}

transit_store *transit_store_open(const char *where, char *err, size_t errlen) {
    if (err && errlen)
        err[0] = '\0';
    if (!where || !*where) {
        if (err)
            snprintf(err, errlen, "no database: give a file path or a postgresql:// URL");
        return NULL;
    }
    transit_store *s = calloc(1, sizeof *s);
    if (!s) {
        if (err)
            snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (is_url(where)) {
        s->pg = true;
        s->conn = PQconnectdb(where);
        if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
            if (err)
                snprintf(err, errlen, "cannot connect to %s: %s", where,
                         s->conn ? PQerrorMessage(s->conn) : "out of memory");
            transit_store_close(s);
            return NULL;
        }
        s->generation = 1;
        PGresult *r = PQexec(s->conn, "SET client_min_messages = warning");
        PQclear(r);
        return s;
    }
    if (sqlite3_open_v2(where, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        sqlite3_busy_timeout(s->db, 5000) != SQLITE_OK ||
        sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL,
                     NULL) != SQLITE_OK) {
        if (err)
            snprintf(err, errlen, "cannot open %s: %s", where,
                     s->db ? sqlite3_errmsg(s->db) : "out of memory");
        transit_store_close(s);
        return NULL;
    }
    return s;
}

void transit_store_close(transit_store *s) {
    if (!s)
        return;
    for (size_t i = 0; i < s->machine_count; i++)
        for (int q = 0; q < Q_COUNT; q++) {
            sqlite3_finalize(s->machines[i].stmt[q]);
            free(s->machines[i].text[q]);
        }
    free(s->machines);
    if (s->db)
        sqlite3_close(s->db);
    if (s->conn)
        PQfinish(s->conn);
    free(s);
}

/* PostgreSQL: a lost connection is reset here, at the start of the next call. */
static transit_store_result connected(transit_store *s) {
    if (!s->pg || PQstatus(s->conn) == CONNECTION_OK)
        return TRANSIT_OK;
    PQreset(s->conn);
    if (PQstatus(s->conn) != CONNECTION_OK)
        return fail(s, TRANSIT_STORE_DB_ERROR, "connection lost and not regained",
                    PQerrorMessage(s->conn));
    s->generation++;
    PGresult *r = PQexec(s->conn, "SET client_min_messages = warning");
    PQclear(r);
    return TRANSIT_OK;
}

/* What a database error message means: a refusal by the generated triggers maps to the
   runtime's results, a lock to TRANSIT_BUSY, anything else is a database error. */
static transit_store_result refusal(transit_store *s, const char *message, bool busy) {
    static const struct {
        const char *prefix;
        transit_store_result r;
    } kinds[] = {{"transit: no transition", TRANSIT_NO_TRANSITION},
                 {"transit: not permitted", TRANSIT_NOT_PERMITTED},
                 {"transit: bad sequence", TRANSIT_STALE},
                 {"transit: unknown name", TRANSIT_UNKNOWN_NAME}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strstr(message, kinds[i].prefix))
            return fail(s, kinds[i].r, "refused by the database", message);
    return fail(s, busy ? TRANSIT_BUSY : TRANSIT_STORE_DB_ERROR, "database error", message);
}

transit_store_result transit_store_exec(transit_store *s, const char *sql) {
    if (!s || !sql)
        return TRANSIT_INVALID;
    transit_store_result c = connected(s);
    if (c != TRANSIT_OK)
        return c;
    if (s->pg) {
        PGresult *r = PQexec(s->conn, sql);
        ExecStatusType st = PQresultStatus(r);
        transit_store_result out = TRANSIT_OK;
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
            out = refusal(s, PQerrorMessage(s->conn), false);
        PQclear(r);
        return out;
    }
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    transit_store_result out = TRANSIT_OK;
    if (rc != SQLITE_OK)
        out = refusal(s, msg ? msg : sqlite3_errstr(rc), rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_free(msg);
    return out;
}

/* --- Statements ---------------------------------------------------------------------------- */

static char *format(const char *fmt, const char *p, bool pg) {
    /* fmt uses %1$s for the prefix and %2$s ... : written out by hand below, so a plain
       replacement of "@" by the prefix and "$" markers by the dialect's placeholders. */
    size_t cap = strlen(fmt) * 2 + strlen(p) * 8 + 64, n = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (const char *f = fmt; *f; f++) {
        if (*f == '@') {
            n += (size_t)snprintf(out + n, cap - n, "%s", p);
        } else if (*f == '$' && !pg) {
            out[n++] = '?';
        } else if (*f == '%' && f[1] == 'T') {
            n += (size_t)snprintf(out + n, cap - n, "%s",
                                  pg ? "to_char(at AT TIME ZONE 'UTC', "
                                       "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                                     : "at");
            f++;
        } else if (*f == '%' && f[1] == 'N') {
            n += (size_t)snprintf(out + n, cap - n, "%s",
                                  pg ? "now()" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
            f++;
        } else if (*f == '%' && f[1] == 'L') {
            n += (size_t)snprintf(out + n, cap - n, "%s", pg ? " FOR UPDATE" : "");
            f++;
        } else if (*f == '%' && f[1] == 'S') {
            n += (size_t)snprintf(out + n, cap - n, "%s", pg ? " FOR UPDATE OF i SKIP LOCKED" : "");
            f++;
        } else {
            out[n++] = *f;
        }
    }
    out[n] = '\0';
    return out;
}

static const char *const templates[Q_COUNT] = {
    "SELECT state, seq FROM \"@_instance\" WHERE id = $1%L",
    "UPDATE \"@_instance\" SET state = $2, seq = seq + 1, last_trigger = $3, last_initiator = $4,"
    " last_guards = $5, last_actor = $6, last_reason = $7 WHERE id = $1 AND seq = $8",
    "INSERT INTO \"@_instance\" (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
    "SELECT seq, from_state, to_state, trigger, initiator, guards, actor, reason, %T"
    " FROM \"@_history\" WHERE instance_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3",
    "SELECT i.id, i.seq, s.timer_trigger FROM \"@_instance\" i JOIN \"@_state\" s"
    " ON s.name = i.state WHERE i.due_at <= %N ORDER BY i.due_at LIMIT 1%S",
};

static machine_sql *machine(transit_store *s, const transit_machine *def) {
    for (size_t i = 0; i < s->machine_count; i++)
        if (s->machines[i].def == def)
            return &s->machines[i];
    machine_sql *grown = realloc(s->machines, (s->machine_count + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    s->machines = grown;
    machine_sql *m = &s->machines[s->machine_count];
    memset(m, 0, sizeof *m);
    m->def = def;
    m->index = (unsigned)s->machine_count;
    char prefix[40];
    transit_store_prefix(def->name, prefix);
    for (int q = 0; q < Q_COUNT; q++) {
        m->text[q] = format(templates[q], prefix, s->pg);
        if (!m->text[q]) {
            for (int k = 0; k < q; k++)
                free(m->text[k]);
            return NULL;
        }
    }
    s->machine_count++;
    return m;
}

/* Runs statement q of m with params (NULL: SQL NULL); each result row goes to row (may be
   NULL) as an array of column texts. *changes receives the rows changed. */
typedef int row_fn(void *context, int columns, const char *const *values);

static transit_store_result query(transit_store *s, machine_sql *m, int q,
                                  const char *const *params, row_fn *row, void *context,
                                  unsigned long *changes) {
    if (changes)
        *changes = 0;
    if (s->pg) {
        char name[32];
        snprintf(name, sizeof name, "transit%u_%d", m->index, q);
        if (m->prepared[q] != s->generation) {
            PGresult *r = PQprepare(s->conn, name, m->text[q], param_count[q], NULL);
            bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
            if (!ok)
                return refusal(s, PQerrorMessage(s->conn), false);
            m->prepared[q] = s->generation;
        }
        PGresult *r = PQexecPrepared(s->conn, name, param_count[q], params, NULL, NULL, 0);
        ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            transit_store_result out =
                refusal(s, PQerrorMessage(s->conn),
                        state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                                  strcmp(state, "55P03") == 0));
            PQclear(r);
            return out;
        }
        if (changes)
            *changes = strtoul(PQcmdTuples(r), NULL, 10);
        int n = PQntuples(r), cols = PQnfields(r);
        const char *values[16];
        for (int i = 0; i < n && row; i++) {
            for (int c = 0; c < cols && c < 16; c++)
                values[c] = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
            if (row(context, cols, values))
                break;
        }
        PQclear(r);
        return TRANSIT_OK;
    }
    if (!m->stmt[q] && sqlite3_prepare_v2(s->db, m->text[q], -1, &m->stmt[q], NULL) != SQLITE_OK)
        return refusal(s, sqlite3_errmsg(s->db), false);
    sqlite3_stmt *st = m->stmt[q];
    for (int i = 0; i < param_count[q]; i++)
        if (sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT) != SQLITE_OK) {
            sqlite3_reset(st);
            return fail(s, TRANSIT_STORE_DB_ERROR, "cannot bind", sqlite3_errmsg(s->db));
        }
    int rc;
    bool stop = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (stop || !row)
            continue;
        int cols = sqlite3_column_count(st);
        const char *values[16];
        for (int c = 0; c < cols && c < 16; c++)
            values[c] = (const char *)sqlite3_column_text(st, c);
        stop = row(context, cols, values) != 0;
    }
    transit_store_result out = TRANSIT_OK;
    if (rc != SQLITE_DONE)
        out = refusal(s, sqlite3_errmsg(s->db), rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    else if (changes)
        *changes = (unsigned long)sqlite3_changes(s->db);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return out;
}

static transit_store_result begin(transit_store *s) {
    return transit_store_exec(s, s->pg ? "BEGIN" : "BEGIN IMMEDIATE");
}

static transit_store_result rollback(transit_store *s, transit_store_result r) {
    if (s->pg && PQstatus(s->conn) != CONNECTION_OK)
        return r;
    char keep[sizeof s->error];
    memcpy(keep, s->error, sizeof keep);
    transit_store_exec(s, "ROLLBACK");
    memcpy(s->error, keep, sizeof keep);
    return r;
}

static transit_store_result commit(transit_store *s) {
    transit_store_result r = transit_store_exec(s, "COMMIT");
    return r == TRANSIT_OK ? r : rollback(s, r);
}

/* --- Instances ----------------------------------------------------------------------------- */

transit_store_result transit_store_create(transit_store *s, const transit_machine *def,
                                          const char *id) {
    if (!s || !def || !id || !*id)
        return TRANSIT_INVALID;
    transit_store_result r = connected(s);
    machine_sql *m = r == TRANSIT_OK ? machine(s, def) : NULL;
    if (r != TRANSIT_OK)
        return r;
    if (!m)
        return fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
    unsigned long changes;
    const char *params[1] = {id};
    r = query(s, m, Q_INSERT, params, NULL, NULL, &changes);
    if (r == TRANSIT_OK && changes == 0)
        return TRANSIT_STORE_EXISTS;
    return r;
}

typedef struct loaded {
    bool found;
    char state[4096 + 1];
    uint64_t seq;
} loaded;

static int load_row(void *context, int columns, const char *const *values) {
    loaded *l = context;
    if (columns < 2 || !values[0] || !values[1])
        return 1;
    l->found = true;
    snprintf(l->state, sizeof l->state, "%s", values[0]);
    l->seq = strtoull(values[1], NULL, 10);
    return 1;
}

transit_store_result transit_store_load(transit_store *s, const transit_machine *def,
                                        const char *id, int *state, uint64_t *seq) {
    if (!s || !def || !id || !state || !seq)
        return TRANSIT_INVALID;
    transit_store_result r = connected(s);
    if (r != TRANSIT_OK)
        return r;
    machine_sql *m = machine(s, def);
    if (!m)
        return fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
    loaded l = {0};
    const char *params[1] = {id};
    /* Outside a transaction FOR UPDATE (PostgreSQL) holds the lock for this statement only. */
    r = query(s, m, Q_SELECT, params, load_row, &l, NULL);
    if (r != TRANSIT_OK)
        return r;
    if (!l.found)
        return TRANSIT_STORE_UNKNOWN_INSTANCE;
    *seq = l.seq;
    *state = transit_state_index(def, l.state);
    return *state < 0 ? TRANSIT_UNKNOWN_NAME : TRANSIT_OK;
}

/* The guard names that held, space-separated, while the runtime decided. */
typedef struct guard_log {
    const transit_machine *def;
    transit_store_guard_fn *fn;
    void *context;
    char names[1024];
} guard_log;

#if TRANSIT_ABI_VERSION >= 2
static int ask_guard(void *context, const transit_instance *inst, int guard,
                     const transit_event *event) {
    (void)inst;
    guard_log *g = context;
    int holds = g->fn(g->context, g->def, guard, event);
    if (holds) {
        const char *name = transit_guard_name(g->def, guard);
        size_t n = strlen(g->names);
        snprintf(g->names + n, sizeof g->names - n, "%s%s", n ? " " : "", name ? name : "?");
    }
    return holds;
}
#endif

/* The fire inside a transaction begun by the caller: read, decide, UPDATE. */
static transit_store_result fire_in(transit_store *s, machine_sql *m, const char *id, int trigger,
                                    transit_initiator initiator, const uint64_t *expected,
                                    const char *actor, const char *reason,
                                    transit_store_guard_fn *guard, void *guard_context,
                                    transit_store_outcome *out) {
    const transit_machine *def = m->def;
    loaded l = {0};
    const char *params[8] = {id};
    transit_store_result r = query(s, m, Q_SELECT, params, load_row, &l, NULL);
    if (r != TRANSIT_OK)
        return r;
    if (!l.found)
        return TRANSIT_STORE_UNKNOWN_INSTANCE;
    int from = transit_state_index(def, l.state);
    if (out) {
        out->from = out->to = from;
        out->seq = l.seq;
    }
    if (expected && *expected != l.seq)
        return TRANSIT_STALE;
    if (from < 0)
        return fail(s, TRANSIT_UNKNOWN_NAME, "stored state unknown to the machine", l.state);
    int to = -1;
    guard_log g = {def, guard, guard_context, ""};
#if TRANSIT_ABI_VERSION >= 2
    r = (transit_store_result)transit_lookup_guarded(def, from, trigger, initiator, guard ? ask_guard : NULL, &g, &to);
#else
    (void)guard;
    (void)guard_context;
    r = (transit_store_result)transit_lookup(def, from, trigger, initiator, &to);
#endif
    if (r != TRANSIT_OK)
        return r;
    static const char *const initiators[] = {NULL, "user", "auto", NULL, "self"};
    char seq[32];
    snprintf(seq, sizeof seq, "%" PRIu64, l.seq);
    params[1] = transit_state_persisted(def, to);
    params[2] = transit_trigger_name(def, trigger);
    params[3] = initiators[initiator];
    params[4] = g.names[0] ? g.names : NULL;
    params[5] = actor;
    params[6] = reason;
    params[7] = seq;
    unsigned long changes;
    r = query(s, m, Q_UPDATE, params, NULL, NULL, &changes);
    if (r != TRANSIT_OK)
        return r;
    if (changes != 1)
        return TRANSIT_STALE;
    if (out) {
        out->to = to;
        out->seq = l.seq + 1;
    }
    return TRANSIT_OK;
}

transit_store_result transit_store_fire(transit_store *s, const transit_machine *def,
                                        const char *id, int trigger, transit_initiator initiator,
                                        const uint64_t *expected_seq, const char *actor,
                                        const char *reason, transit_store_guard_fn *guard,
                                        void *guard_context, transit_store_outcome *out) {
    if (!s || !def || !id || trigger < 0 || (uint32_t)trigger >= def->trigger_count ||
        (initiator != TRANSIT_USER && initiator != TRANSIT_AUTO && initiator != TRANSIT_SELF))
        return TRANSIT_INVALID;
    transit_store_result r = connected(s);
    if (r != TRANSIT_OK)
        return r;
    machine_sql *m = machine(s, def);
    if (!m)
        return fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
    r = begin(s);
    if (r != TRANSIT_OK)
        return r;
    r = fire_in(s, m, id, trigger, initiator, expected_seq, actor, reason, guard, guard_context,
                out);
    return r == TRANSIT_OK ? commit(s) : rollback(s, r);
}

typedef struct history_walk {
    int (*each)(void *, const transit_store_entry *);
    void *context;
    unsigned count;
} history_walk;

static int history_row(void *context, int columns, const char *const *v) {
    history_walk *w = context;
    if (columns < 9)
        return 1;
    transit_store_entry e = {strtoull(v[0], NULL, 10), v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                             v[8]};
    w->count++;
    return w->each(w->context, &e);
}

transit_store_result transit_store_history(transit_store *s, const transit_machine *def,
                                           const char *id, uint64_t before_seq, unsigned limit,
                                           int (*each)(void *, const transit_store_entry *),
                                           void *context, unsigned *count) {
    if (count)
        *count = 0;
    if (!s || !def || !id || !each)
        return TRANSIT_INVALID;
    transit_store_result r = connected(s);
    if (r != TRANSIT_OK)
        return r;
    machine_sql *m = machine(s, def);
    if (!m)
        return fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
    char before[32], lim[16];
    snprintf(before, sizeof before, "%" PRIu64, before_seq > INT64_MAX ? (uint64_t)INT64_MAX : before_seq);
    snprintf(lim, sizeof lim, "%u", limit);
    const char *params[3] = {id, before, lim};
    history_walk w = {each, context, 0};
    r = query(s, m, Q_HISTORY, params, history_row, &w, NULL);
    if (count)
        *count = w.count;
    return r;
}

typedef struct due_row {
    bool found;
    char id[4096 + 1];
    uint64_t seq;
    char trigger[256 + 1];
} due_row;

static int due_found(void *context, int columns, const char *const *v) {
    due_row *d = context;
    if (columns < 3 || !v[0] || !v[1] || !v[2])
        return 1;
    d->found = true;
    snprintf(d->id, sizeof d->id, "%s", v[0]);
    d->seq = strtoull(v[1], NULL, 10);
    snprintf(d->trigger, sizeof d->trigger, "%s", v[2]);
    return 1;
}

transit_store_result transit_store_fire_due(transit_store *s, const transit_machine *def,
                                            unsigned limit, const char *actor,
                                            transit_store_guard_fn *guard, void *guard_context,
                                            unsigned *fired) {
    if (fired)
        *fired = 0;
    if (!s || !def)
        return TRANSIT_INVALID;
    transit_store_result r = connected(s);
    if (r != TRANSIT_OK)
        return r;
    machine_sql *m = machine(s, def);
    if (!m)
        return fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
    for (unsigned i = 0; i < limit; i++) {
        if ((r = begin(s)) != TRANSIT_OK)
            return r;
        due_row d = {0};
        r = query(s, m, Q_DUE, NULL, due_found, &d, NULL);
        if (r != TRANSIT_OK)
            return rollback(s, r);
        if (!d.found)
            return commit(s);
        int trigger = transit_trigger_index(def, d.trigger);
        if (trigger < 0)
            return rollback(s, fail(s, TRANSIT_UNKNOWN_NAME, "timer trigger unknown to the machine",
                                    d.trigger));
        r = fire_in(s, m, d.id, trigger, TRANSIT_AUTO, &d.seq, actor, "timeout", guard,
                    guard_context, NULL);
        if (r != TRANSIT_OK)
            return rollback(s, r);
        if ((r = commit(s)) != TRANSIT_OK)
            return r;
        if (fired)
            (*fired)++;
    }
    return TRANSIT_OK;
}
