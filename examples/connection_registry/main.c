/*
** A Meshery-style connection registry over the transit store: connections live in a database
** (a SQLite file by default, PostgreSQL when given a postgresql:// URL) whose generated schema
** refuses every change the lifecycle forbids, whoever writes.
**   connection_registry [--db PATH|URL] add ID
**   connection_registry [--db PATH|URL] [--holds GUARD,...|-] fire ID TRIGGER user|auto|self
**                       [ACTOR [REASON]]
**   connection_registry [--db PATH|URL] show ID
**   connection_registry [--db PATH|URL] history ID
** --holds names the spec's guards that hold now (reachable, auto_connects, self_managed; '-':
** none); the others do not. Without it a fire whose outcome depends on a guard is refused (no guard
** callback). The schema (meshery_connection.sqlite.sql / .postgresql.sql) is loaded on first use.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meshery_connection.h"
#include "transit_store.h"

static const transit_machine *const M = &meshery_connection_machine;

static int usage(void) {
    fprintf(stderr, "usage: connection_registry [--db PATH|URL] add ID\n"
                    "       connection_registry [--db PATH|URL] [--holds GUARD,...|-] fire ID TRIGGER "
                    "user|auto|self [ACTOR [REASON]]\n"
                    "       connection_registry [--db PATH|URL] show ID\n"
                    "       connection_registry [--db PATH|URL] history ID\n");
    return 2;
}

/* Loads the generated schema unless the database has it already. */
static int install(transit_store *s, int pg) {
    if (transit_store_exec(s, "SELECT 1 FROM meshery_connection_state LIMIT 1") == TRANSIT_OK)
        return 0;
    const char *path = pg ? REGISTRY_SCHEMA_POSTGRESQL : REGISTRY_SCHEMA_SQLITE;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "connection_registry: cannot read the schema %s\n", path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *sql = malloc((size_t)n + 1);
    int ok = sql && fread(sql, 1, (size_t)n, f) == (size_t)n;
    fclose(f);
    if (ok) {
        sql[n] = '\0';
        ok = transit_store_exec(s, sql) == TRANSIT_OK;
    }
    free(sql);
    if (!ok) {
        fprintf(stderr, "connection_registry: loading the schema: %s\n", transit_store_error(s));
        return 1;
    }
    return 0;
}

static int print_entry(void *context, const transit_store_entry *e) {
    (void)context;
    if (!e->from_state)
        printf("%llu  imported as %s\n", (unsigned long long)e->seq, e->to_state);
    else
        printf("%llu  %s -> %s on %s by %s%s%s, actor %s, reason %s\n", (unsigned long long)e->seq,
               e->from_state, e->to_state, e->trigger, e->initiator,
               e->guards ? ", guards held: " : "",
               e->guards ? (*e->guards ? e->guards : "none") : "", e->actor ? e->actor : "-",
               e->reason ? e->reason : "-");
    return 0;
}

/* The guards named by --holds: holds[g] is 1 when guard g holds. */
typedef struct held {
    int holds[MESHERY_CONNECTION_GUARDS];
} held;

/* Reads --holds LIST (comma-separated guard names, or '-' for none); 0 on an unknown name. */
static int parse_holds(const char *list, held *h) {
    if (strcmp(list, "-") == 0)
        return 1;
    char name[64];
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        if (n == 0 || n >= sizeof name) {
            fprintf(stderr, "connection_registry: --holds: empty or overlong guard name in '%s'\n", list);
            return 0;
        }
        memcpy(name, p, n);
        name[n] = '\0';
        int g = transit_guard_index(M, name);
        if (g < 0) {
            fprintf(stderr, "connection_registry: --holds: unknown guard '%s'\n", name);
            return 0;
        }
        h->holds[g] = 1;
        p += n + (p[n] == ',');
    }
    return 1;
}

/* The guard callback: what --holds said. */
static int answer(void *context, const transit_machine *def, int guard, const transit_event *e) {
    const held *h = context;
    (void)def;
    (void)e;
    return guard >= 0 && guard < MESHERY_CONNECTION_GUARDS && h->holds[guard];
}

/* A refusal or failure as one line on stderr: exit 1. */
static int report(transit_store *s, const char *what, transit_store_result r) {
    fprintf(stderr, "connection_registry: %s: %s", what, transit_store_result_string(r));
    if (r == TRANSIT_STORE_DB_ERROR || r == TRANSIT_BUSY)
        fprintf(stderr, " (%s)", transit_store_error(s));
    fputc('\n', stderr);
    return 1;
}

int main(int argc, char **argv) {
    const char *db = "connections.db";
    const char *holds = NULL;
    held h = {{0}};
    int a = 1;
    while (a + 1 < argc && (strcmp(argv[a], "--db") == 0 || strcmp(argv[a], "--holds") == 0)) {
        if (argv[a][2] == 'd')
            db = argv[a + 1];
        else if (!parse_holds(holds = argv[a + 1], &h))
            return 2;
        a += 2;
    }
    if (argc - a < 2)
        return usage();
    const char *cmd = argv[a], *id = argv[a + 1];
    char err[512];
    transit_store *s = transit_store_open(db, err, sizeof err);
    if (!s) {
        fprintf(stderr, "connection_registry: %s\n", err);
        return 1;
    }
    int status = install(s, strncmp(db, "postgres", 8) == 0);
    transit_store_result r;
    if (status) {
    } else if (strcmp(cmd, "add") == 0 && argc - a == 2) {
        if ((r = transit_store_create(s, M, id)) != TRANSIT_OK)
            status = report(s, id, r);
        else
            printf("%s: %s\n", id, transit_state_persisted(M, (int)M->initial));
    } else if (strcmp(cmd, "fire") == 0 && argc - a >= 4 && argc - a <= 6) {
        int trigger = transit_trigger_index(M, argv[a + 2]);
        const char *who = argv[a + 3];
        transit_initiator initiator = strcmp(who, "user") == 0   ? TRANSIT_USER
                                      : strcmp(who, "auto") == 0 ? TRANSIT_AUTO
                                      : strcmp(who, "self") == 0 ? TRANSIT_SELF
                                                                 : (transit_initiator)0;
        transit_store_outcome o;
        if (trigger < 0 || !initiator) {
            fprintf(stderr, "connection_registry: unknown trigger '%s' or initiator '%s'\n",
                    argv[a + 2], who);
            status = 2;
        } else if ((r = transit_store_fire(s, M, id, trigger, initiator, NULL,
                                           argc - a > 4 ? argv[a + 4] : NULL,
                                           argc - a > 5 ? argv[a + 5] : NULL,
                                           holds ? answer : NULL, &h, &o)) != TRANSIT_OK) {
            status = report(s, id, r);
            if (r == TRANSIT_NO_GUARD)
                fprintf(stderr, "connection_registry: say which guards hold: --holds GUARD,... "
                                "(or '-': none)\n");
        } else {
            printf("%s: %s -> %s (seq %llu)\n", id, transit_state_persisted(M, o.from),
                   transit_state_persisted(M, o.to), (unsigned long long)o.seq);
        }
    } else if (strcmp(cmd, "show") == 0 && argc - a == 2) {
        int st;
        uint64_t seq;
        if ((r = transit_store_load(s, M, id, &st, &seq)) != TRANSIT_OK)
            status = report(s, id, r);
        else
            printf("%s: %s (seq %llu)\n", id, transit_state_persisted(M, st), (unsigned long long)seq);
    } else if (strcmp(cmd, "history") == 0 && argc - a == 2) {
        if ((r = transit_store_history(s, M, id, UINT64_MAX, 100, print_entry, NULL, NULL)) != TRANSIT_OK)
            status = report(s, id, r);
    } else {
        status = usage();
    }
    transit_store_close(s);
    return status;
}
