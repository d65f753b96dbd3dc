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
static const int param_count[Q_COUNT] = {1, 8, 1, 3, 2};

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
    const char *deciding; /* the instance a fire decides for, during its guard callback */
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

const char *transit_store_deciding(const transit_store *s) { return s ? s->deciding : NULL; }

static transit_store_result fail(transit_store *s, transit_store_result r, const char *what,
                                 const char *detail) {
    /* At most 1002 bytes: it always fits. */
    (void)snprintf(s->error, sizeof s->error, "%.100s%s%.900s", what, detail ? ": " : "",
                   detail ? detail : "");
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
    (void)snprintf(out, 40, "%.30s_%08" PRIx32, name, h); /* 39 bytes: it always fits */
}

/* --- Connections --------------------------------------------------------------------------- */

static bool is_url(const char *where) {
    return strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0;
}

/* Why an open failed, "WHAT[ WHERE][: DETAIL]", in the caller's err[errlen] (cut to fit, as
   documented); err may be NULL. */
static void open_error(char *err, size_t errlen, const char *what, const char *where,
                       const char *detail) {
    if (err && errlen)
        (void)snprintf(err, errlen, "%s%s%s%s%s", what, where ? " " : "", where ? where : "",
                       detail ? ": " : "", detail ? detail : "");
}

/* s->conn connected to the URL where, or false with the reason in err. */
static bool open_postgresql(transit_store *s, const char *where, char *err, size_t errlen) {
    s->pg = true;
    s->conn = PQconnectdb(where);
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
        open_error(err, errlen, "cannot connect to", where,
                   s->conn ? PQerrorMessage(s->conn) : "out of memory");
        return false;
    }
    s->generation = 1;
    PGresult *r = PQexec(s->conn, "SET client_min_messages = warning");
    PQclear(r);
    return true;
}

/* s->db open on the file where (created when missing), or false with the reason in err. */
static bool open_sqlite(transit_store *s, const char *where, char *err, size_t errlen) {
    if (sqlite3_open_v2(where, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        sqlite3_busy_timeout(s->db, 5000) != SQLITE_OK ||
        sqlite3_exec(s->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", NULL, NULL,
                     NULL) != SQLITE_OK) {
        open_error(err, errlen, "cannot open", where,
                   s->db ? sqlite3_errmsg(s->db) : "out of memory");
        return false;
    }
    return true;
}

transit_store *transit_store_open(const char *where, char *err, size_t errlen) {
    if (err && errlen)
        err[0] = '\0';
    if (!where || !*where) {
        open_error(err, errlen, "no database: give a file path or a postgresql:// URL", NULL, NULL);
        return NULL;
    }
    transit_store *s = calloc(1, sizeof *s);
    if (!s) {
        open_error(err, errlen, "out of memory", NULL, NULL);
        return NULL;
    }
    if (!(is_url(where) ? open_postgresql(s, where, err, errlen)
                        : open_sqlite(s, where, err, errlen))) {
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

/* The dialect's text for a marker of a statement template: %T the history row's time as text,
   %N the time now, %L a lock on the row read, %S a lock skipping rows others hold; NULL for no
   marker. */
static const char *marker(char c, bool pg) {
    switch (c) {
    case 'T':
        return pg ? "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')" : "at";
    case 'N':
        return pg ? "now()" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    case 'L':
        return pg ? " FOR UPDATE" : "";
    case 'S':
        return pg ? " FOR UPDATE OF i SKIP LOCKED" : "";
    default:
        return NULL;
    }
}

/* Writes template fmt for the dialect into out (NULL: only measures) and returns its length:
   '@' becomes the table-name prefix, each '$' SQLite's '?' (PostgreSQL keeps "$1" ...), and each
   marker its text. */
static size_t expand(const char *fmt, const char *prefix, bool pg, char *out) {
    size_t n = 0;
    for (const char *f = fmt; *f; f++) {
        const char *text = NULL;
        if (*f == '@')
            text = prefix;
        else if (*f == '$' && !pg)
            text = "?";
        else if (*f == '%' && (text = marker(f[1], pg)) != NULL)
            f++;
        if (!text) {
            if (out)
                out[n] = *f;
            n++;
            continue;
        }
        size_t len = strlen(text);
        if (out)
            memcpy(out + n, text, len);
        n += len;
    }
    if (out)
        out[n] = '\0';
    return n;
}

/* Template fmt for the dialect in a new string (NULL: out of memory). */
static char *format(const char *fmt, const char *prefix, bool pg) {
    char *out = malloc(expand(fmt, prefix, pg, NULL) + 1);
    if (out)
        expand(fmt, prefix, pg, out);
    return out;
}

static const char *const templates[Q_COUNT] = {
    "SELECT state, seq FROM \"@_instance\" WHERE id = $1%L",
    "UPDATE \"@_instance\" SET state = $2, seq = seq + 1, last_trigger = $3, last_initiator = $4,"
    " last_guards = $5, last_actor = $6, last_reason = $7 WHERE id = $1 AND seq = $8",
    "INSERT INTO \"@_instance\" (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
    "SELECT seq, from_state, to_state, trigger, initiator, guards, actor, reason, %T"
    " FROM \"@_history\" WHERE instance_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3",
    "SELECT i.id, i.seq, s.timer_trigger, i.due_at FROM \"@_instance\" i JOIN \"@_state\" s"
    " ON s.name = i.state WHERE i.due_at <= %N AND (i.due_at, i.id) > ($1, $2)"
    " ORDER BY i.due_at, i.id LIMIT 1%S",
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
   NULL) as an array of column texts, until row returns nonzero. *changes receives the rows
   changed. */
typedef int row_fn(void *context, int columns, const char *const *values);

enum { MAX_COLUMNS = 16 };

/* PostgreSQL: statement q of m prepared as name on this connection. */
static transit_store_result prepare_postgresql(transit_store *s, machine_sql *m, int q,
                                               const char *name) {
    if (m->prepared[q] == s->generation)
        return TRANSIT_OK;
    PGresult *r = PQprepare(s->conn, name, m->text[q], param_count[q], NULL);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok)
        return refusal(s, PQerrorMessage(s->conn), false);
    m->prepared[q] = s->generation;
    return TRANSIT_OK;
}

/* A lock PostgreSQL gave up waiting for: serialization failure, deadlock, lock not available. */
static bool busy_postgresql(const PGresult *r) {
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    return state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                     strcmp(state, "55P03") == 0);
}

static void rows_postgresql(const PGresult *r, row_fn *row, void *context) {
    int n = PQntuples(r), cols = PQnfields(r);
    const char *values[MAX_COLUMNS];
    for (int i = 0; i < n && row; i++) {
        for (int c = 0; c < cols && c < MAX_COLUMNS; c++)
            values[c] = PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c);
        if (row(context, cols, values))
            break;
    }
}

static transit_store_result query_postgresql(transit_store *s, machine_sql *m, int q,
                                             const char *const *params, row_fn *row,
                                             void *context, unsigned long *changes) {
    char name[32];
    (void)snprintf(name, sizeof name, "transit%u_%d", m->index, q); /* 19 bytes at most */
    transit_store_result out = prepare_postgresql(s, m, q, name);
    if (out != TRANSIT_OK)
        return out;
    PGresult *r = PQexecPrepared(s->conn, name, param_count[q], params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        out = refusal(s, PQerrorMessage(s->conn), busy_postgresql(r));
    } else {
        if (changes)
            *changes = strtoul(PQcmdTuples(r), NULL, 10);
        rows_postgresql(r, row, context);
    }
    PQclear(r);
    return out;
}

static transit_store_result query_sqlite(transit_store *s, machine_sql *m, int q,
                                         const char *const *params, row_fn *row, void *context,
                                         unsigned long *changes) {
    if (!m->stmt[q] && sqlite3_prepare_v2(s->db, m->text[q], -1, &m->stmt[q], NULL) != SQLITE_OK)
        return refusal(s, sqlite3_errmsg(s->db), false);
    sqlite3_stmt *st = m->stmt[q];
    for (int i = 0; i < param_count[q]; i++)
        if (sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT) != SQLITE_OK) {
            sqlite3_reset(st);
            return fail(s, TRANSIT_STORE_DB_ERROR, "cannot bind", sqlite3_errmsg(s->db));
        }
    int rc;
    bool stop = !row;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (stop)
            continue;
        int cols = sqlite3_column_count(st);
        const char *values[MAX_COLUMNS];
        for (int c = 0; c < cols && c < MAX_COLUMNS; c++)
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

static transit_store_result query(transit_store *s, machine_sql *m, int q,
                                  const char *const *params, row_fn *row, void *context,
                                  unsigned long *changes) {
    if (changes)
        *changes = 0;
    return s->pg ? query_postgresql(s, m, q, params, row, context, changes)
                 : query_sqlite(s, m, q, params, row, context, changes);
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

/* A number as the text of a statement parameter (20 digits at most: it always fits). */
static const char *decimal(char out[24], uint64_t v) {
    (void)snprintf(out, 24, "%" PRIu64, v);
    return out;
}

/* An instance row read: its state as an index of def (-1: a name def lacks). */
typedef struct loaded {
    const transit_machine *def;
    bool found;
    int state;
    char name[1024]; /* the stored state's name, for messages (cut to fit) */
    uint64_t seq;
} loaded;

static int load_row(void *context, int columns, const char *const *values) {
    loaded *l = context;
    if (columns < 2 || !values[0] || !values[1])
        return 1;
    l->found = true;
    l->state = transit_state_index(l->def, values[0]);
    (void)snprintf(l->name, sizeof l->name, "%s", values[0]);
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
    loaded l = {.def = def};
    const char *params[1] = {id};
    /* Outside a transaction FOR UPDATE (PostgreSQL) holds the lock for this statement only. */
    r = query(s, m, Q_SELECT, params, load_row, &l, NULL);
    if (r != TRANSIT_OK)
        return r;
    if (!l.found)
        return TRANSIT_STORE_UNKNOWN_INSTANCE;
    *seq = l.seq;
    *state = l.state;
    if (l.state < 0)
        return fail(s, TRANSIT_UNKNOWN_NAME, "stored state unknown to the machine", l.name);
    return TRANSIT_OK;
}

#if TRANSIT_ABI_VERSION >= 2
/* The store's guard callback behind the runtime's, and the names of the guards that held while
   the runtime decided: space-separated, each once, in the order asked. */
typedef struct guard_log {
    const transit_machine *def;
    transit_store_guard_fn *fn;
    void *context;
    char *names; /* NULL until a guard is asked */
    size_t len, cap;
    bool out_of_memory;
} guard_log;

/* Room in g->names for need bytes. */
static bool reserve(guard_log *g, size_t need) {
    if (need <= g->cap)
        return true;
    size_t cap = need > 2 * g->cap ? need : 2 * g->cap;
    char *grown = realloc(g->names, cap);
    if (!grown) {
        g->out_of_memory = true;
        return false;
    }
    g->names = grown;
    g->cap = cap;
    return true;
}

static bool logged(const guard_log *g, const char *name, size_t len) {
    for (const char *p = g->names; p && p < g->names + g->len; p += strcspn(p, " ") + 1)
        if (strncmp(p, name, len) == 0 && (p[len] == ' ' || p[len] == '\0'))
            return true;
    return false;
}

static void log_guard(guard_log *g, const char *name) {
    size_t len = strlen(name);
    if (logged(g, name, len))
        return;
    if (!reserve(g, g->len + (g->len ? 1 : 0) + len + 1))
        return;
    if (g->len)
        g->names[g->len++] = ' ';
    memcpy(g->names + g->len, name, len + 1);
    g->len += len;
}

static int ask_guard(void *context, const transit_instance *inst, int guard,
                     const transit_event *event) {
    (void)inst;
    guard_log *g = context;
    if (reserve(g, 1) && g->len == 0)
        g->names[0] = '\0'; /* asked: "" until one holds */
    int holds = g->fn(g->context, g->def, guard, event);
    if (holds) {
        const char *name = transit_guard_name(g->def, guard);
        log_guard(g, name ? name : "?");
    }
    return holds;
}

/* Decides the target of the fire with def's tables, asking fn (may be NULL) for the guards of
   guarded alternatives; *held receives the names of those that held ("" when none did, NULL
   when none was asked; the caller frees it). */
static transit_store_result decide(transit_store *s, const transit_machine *def, int from,
                                   int trigger, transit_initiator initiator,
                                   transit_store_guard_fn *fn, void *context, int *to,
                                   char **held) {
    guard_log g = {def, fn, context, NULL, 0, 0, false};
    transit_store_result r = (transit_store_result)transit_lookup_guarded(
        def, from, trigger, initiator, fn ? ask_guard : NULL, &g, to);
    if (r == TRANSIT_OK && g.out_of_memory)
        r = fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
    if (r != TRANSIT_OK) {
        free(g.names);
        g.names = NULL;
    }
    *held = g.names;
    return r;
}
#else
static transit_store_result decide(transit_store *s, const transit_machine *def, int from,
                                   int trigger, transit_initiator initiator,
                                   transit_store_guard_fn *fn, void *context, int *to,
                                   char **held) {
    (void)s;
    (void)fn;
    (void)context;
    *held = NULL;
    return (transit_store_result)transit_lookup(def, from, trigger, initiator, to);
}
#endif

/* The fire inside a transaction begun by the caller: read, decide, UPDATE. */
static transit_store_result fire_in(transit_store *s, machine_sql *m, const char *id, int trigger,
                                    transit_initiator initiator, const uint64_t *expected,
                                    const char *actor, const char *reason,
                                    transit_store_guard_fn *guard, void *guard_context,
                                    transit_store_outcome *out) {
    const transit_machine *def = m->def;
    loaded l = {.def = def};
    const char *params[8] = {id};
    transit_store_result r = query(s, m, Q_SELECT, params, load_row, &l, NULL);
    if (r != TRANSIT_OK)
        return r;
    if (!l.found)
        return TRANSIT_STORE_UNKNOWN_INSTANCE;
    if (out) {
        out->from = out->to = l.state;
        out->seq = l.seq;
    }
    if (expected && *expected != l.seq)
        return TRANSIT_STALE;
    if (l.state < 0)
        return fail(s, TRANSIT_UNKNOWN_NAME, "stored state unknown to the machine", l.name);
    int to = -1;
    char *held = NULL;
    s->deciding = id;
    r = decide(s, def, l.state, trigger, initiator, guard, guard_context, &to, &held);
    s->deciding = NULL;
    if (r != TRANSIT_OK)
        return r;
    static const char *const initiators[] = {NULL, "user", "auto", NULL, "self"};
    char seq[24];
    params[1] = transit_state_persisted(def, to);
    params[2] = transit_trigger_name(def, trigger);
    params[3] = initiators[initiator];
    params[4] = held;
    params[5] = actor;
    params[6] = reason;
    params[7] = decimal(seq, l.seq);
    unsigned long changes;
    r = query(s, m, Q_UPDATE, params, NULL, NULL, &changes);
    free(held);
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
    char before[24], lim[24];
    uint64_t below = before_seq > INT64_MAX ? (uint64_t)INT64_MAX : before_seq;
    const char *params[3] = {id, decimal(before, below), decimal(lim, limit)};
    history_walk w = {each, context, 0};
    r = query(s, m, Q_HISTORY, params, history_row, &w, NULL);
    if (count)
        *count = w.count;
    return r;
}

/* A copy of text in a new string (NULL: out of memory). */
static char *copy_text(const char *text) {
    size_t len = strlen(text);
    char *out = malloc(len + 1);
    if (out)
        memcpy(out, text, len + 1);
    return out;
}

/* A sweep's place: the (due_at, id) of the last instance it tried, as text; the next instance
   tried comes after it in that order, so an instance whose fire is refused (it stays due) holds
   up no other. Both NULL when out of memory. */
typedef struct sweep {
    char *due, *id;
} sweep;

/* The next due instance of a sweep: its id and due_at (allocated, moved into the sweep), seq and
   timer trigger (an index of def, -1 for a name def lacks). */
typedef struct due_row {
    const transit_machine *def;
    bool found;
    sweep next; /* NULL when out of memory */
    uint64_t seq;
    int trigger;
    char name[512]; /* the trigger's name, for messages (cut to fit) */
} due_row;

static int due_found(void *context, int columns, const char *const *v) {
    due_row *d = context;
    if (columns < 4 || !v[0] || !v[1] || !v[2] || !v[3])
        return 1;
    d->found = true;
    d->next.id = copy_text(v[0]);
    d->next.due = copy_text(v[3]);
    d->seq = strtoull(v[1], NULL, 10);
    d->trigger = transit_trigger_index(d->def, v[2]);
    (void)snprintf(d->name, sizeof d->name, "%s", v[2]);
    return 1;
}

/* Fires the timer of the next due instance after the sweep's place, in a transaction of its
   own, and moves the place to it; *found false (and TRANSIT_OK) when none is left. */
static transit_store_result fire_next_due(transit_store *s, machine_sql *m, sweep *at,
                                          const char *actor, transit_store_guard_fn *guard,
                                          void *guard_context, bool *found) {
    *found = false;
    transit_store_result r = begin(s);
    if (r != TRANSIT_OK)
        return r;
    due_row d = {.def = m->def};
    const char *params[2] = {at->due, at->id};
    r = query(s, m, Q_DUE, params, due_found, &d, NULL);
    if (r == TRANSIT_OK && !d.found)
        return commit(s);
    if (r == TRANSIT_OK) {
        *found = true;
        free(at->due);
        free(at->id);
        *at = d.next;
        d.next = (sweep){NULL, NULL};
    }
    if (r == TRANSIT_OK && (!at->due || !at->id))
        r = fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
    else if (r == TRANSIT_OK && d.trigger < 0)
        r = fail(s, TRANSIT_UNKNOWN_NAME, "timer trigger unknown to the machine", d.name);
    else if (r == TRANSIT_OK)
        r = fire_in(s, m, at->id, d.trigger, TRANSIT_AUTO, &d.seq, actor, "timeout", guard,
                    guard_context, NULL);
    free(d.next.due);
    free(d.next.id);
    return r == TRANSIT_OK ? commit(s) : rollback(s, r);
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
    /* Before every due_at and id: PostgreSQL's earliest time, SQLite's empty text. */
    sweep at = {copy_text(s->pg ? "-infinity" : ""), copy_text("")};
    transit_store_result first = TRANSIT_OK; /* the first instance's refusal */
    char first_error[sizeof s->error] = "";
    for (unsigned i = 0; i < limit; i++) {
        bool found = false;
        r = at.due && at.id ? fire_next_due(s, m, &at, actor, guard, guard_context, &found)
                            : fail(s, TRANSIT_STORE_DB_ERROR, "out of memory", NULL);
        if (r == TRANSIT_OK && found && fired)
            (*fired)++;
        if (r == TRANSIT_STORE_DB_ERROR || r == TRANSIT_BUSY || !found)
            break;
        if (r != TRANSIT_OK && first == TRANSIT_OK) {
            first = r;
            memcpy(first_error, s->error, sizeof first_error);
        }
        r = TRANSIT_OK;
    }
    free(at.due);
    free(at.id);
    if (r == TRANSIT_OK && first != TRANSIT_OK) {
        memcpy(s->error, first_error, sizeof s->error);
        r = first;
    }
    return r;
}
