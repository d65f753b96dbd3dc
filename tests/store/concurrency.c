/*
** Several processes firing at shared instances through the store, then an audit: every
** instance's history replays through the machine from its initial state with consecutive seqs
** and ends in its stored state, and the fires the clients saw accepted equal the history rows.
** Faults on request: one client killed with SIGKILL mid-transaction (--kill: halfway through its
** fires it opens a transaction, makes a legal UPDATE of an instance, tells the parent and waits
** for the signal), the PostgreSQL server restarted mid-run (--restart PG_SH PG_DIR: once client
** 0 is halfway, with every client stopped meanwhile).
**   store_concurrency SCHEMA.sql PATH|postgresql PROCS FIRES INSTANCES [--kill] [--restart SH DIR]
*/
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bindplane_collector.h"
#include "common.h"

static const transit_machine *const M = &bindplane_collector_machine;

/* The actor of the transaction the killed client leaves open: no history row may name it. */
static const char killed_actor[] = "killed mid-transaction";

/* Opens a transaction on s and makes in it, uncommitted, a legal unguarded transition of the
   first instance that has one (the history row written by the triggers included). 0, or -1
   after a message. */
static int open_transaction(transit_store *s, int pg, int instances) {
    char prefix[40];
    transit_store_prefix(M->name, prefix);
    for (int i = 0; i < instances; i++) {
        char id[16];
        snprintf(id, sizeof id, "i%d", i);
        int st;
        uint64_t seq;
        if (transit_store_load(s, M, id, &st, &seq) != TRANSIT_OK)
            continue;
        for (int t = 0; t < (int)M->trigger_count; t++)
            for (int bit = 1; bit <= 4; bit <<= 1) {
                int to;
                if (transit_lookup(M, st, t, (transit_initiator)bit, &to) != TRANSIT_OK)
                    continue;
                static const char *const by[] = {"", "user", "auto", "", "self"};
                char sql[1024];
                snprintf(sql, sizeof sql,
                         "%s; UPDATE \"%s_instance\" SET state = '%s', seq = seq + 1, "
                         "last_trigger = '%s', last_initiator = '%s', last_actor = '%s' "
                         "WHERE id = '%s' AND seq = %llu",
                         pg ? "BEGIN" : "BEGIN IMMEDIATE", prefix, transit_state_persisted(M, to),
                         transit_trigger_name(M, t), by[bit], killed_actor, id,
                         (unsigned long long)seq);
                if (transit_store_exec(s, sql) != TRANSIT_OK) {
                    fprintf(stderr, "client: %s\n", transit_store_error(s));
                    return -1;
                }
                return 0;
            }
    }
    fprintf(stderr, "client: no instance has an unguarded transition\n");
    return -1;
}

/* One client: fires at random instances with the seq it just read, and reports each outcome as
   one byte: A accepted, S stale, R refused by the machine, B busy (a lock not had in time:
   rolled back), U unknown (a database error: the transaction may or may not have committed), L
   load failed. With die_at >= 0, after die_at
   fires it opens a transaction (open_transaction), reports K and waits to be killed. */
static int client(const char *where, int fires, int instances, int out, int die_at) {
    char err[512];
    transit_store *s = transit_store_open(where, err, sizeof err);
    if (!s) {
        fprintf(stderr, "client: %s\n", err);
        return 1;
    }
    unsigned seed = (unsigned)getpid();
    int seen_error = 0; /* accepted fires after a database error are reported as 'a' */
    for (int i = 0; i < fires; i++) {
        if (i == die_at) {
            if (open_transaction(s, strncmp(where, "postgres", 8) == 0, instances) != 0)
                return 1;
            if (write(out, "K", 1) != 1)
                return 1;
            for (;;)
                pause();
        }
        char id[16];
        snprintf(id, sizeof id, "i%d", rand_r(&seed) % instances);
        int st;
        uint64_t seq;
        char c;
        if (transit_store_load(s, M, id, &st, &seq) != TRANSIT_OK) {
            c = 'L';
            seen_error = 1;
            store_sleep_ms(20); /* the server may be restarting: the client's own pause */
        } else {
            /* mostly legal moves: a few random tries at one the machine allows */
            int trigger = 0;
            transit_initiator who = TRANSIT_USER;
            for (int k = 0; k < 8; k++) {
                trigger = rand_r(&seed) % (int)M->trigger_count;
                who = (transit_initiator)(1 << (rand_r(&seed) % 3));
                if (transit_lookup(M, st, trigger, who, NULL) == TRANSIT_OK)
                    break;
            }
            transit_store_result r =
                transit_store_fire(s, M, id, trigger, who, &seq, "client", NULL, NULL, NULL, NULL);
            c = r == TRANSIT_OK ? (seen_error ? 'a' : 'A')
                : r == TRANSIT_STALE ? 'S'
                : r == TRANSIT_BUSY ? 'B'
                : r == TRANSIT_STORE_DB_ERROR ? 'U'
                : 'R';
            seen_error |= c == 'U';
        }
        if (write(out, &c, 1) != 1)
            return 1;
    }
    transit_store_close(s);
    return 0;
}

typedef struct replay {
    int state;
    uint64_t next_seq;
    int broken;
    char why[256];
} replay;

static int replay_row(void *context, const transit_store_entry *e) {
    replay *r = context;
    if (r->broken)
        return 1;
    int from = transit_state_index(M, e->from_state ? e->from_state : "");
    int to = transit_state_index(M, e->to_state);
    int trigger = transit_trigger_index(M, e->trigger ? e->trigger : "");
    transit_initiator who = strcmp(e->initiator, "user") == 0   ? TRANSIT_USER
                            : strcmp(e->initiator, "auto") == 0 ? TRANSIT_AUTO
                            : strcmp(e->initiator, "self") == 0 ? TRANSIT_SELF
                                                                : (transit_initiator)0;
    int next = -1;
    if (e->seq != r->next_seq)
        snprintf(r->why, sizeof r->why, "seq %llu where %llu was due", (unsigned long long)e->seq,
                 (unsigned long long)r->next_seq);
    else if (from != r->state)
        snprintf(r->why, sizeof r->why, "seq %llu leaves %s, but the replay is in %s",
                 (unsigned long long)e->seq, e->from_state ? e->from_state : "(none)",
                 transit_state_persisted(M, r->state));
    else if (transit_lookup(M, from, trigger, who, &next) != TRANSIT_OK || next != to)
        snprintf(r->why, sizeof r->why, "seq %llu: %s on %s by %s is no transition to %s",
                 (unsigned long long)e->seq, e->from_state, e->trigger ? e->trigger : "(none)",
                 e->initiator, e->to_state);
    else {
        r->state = to;
        r->next_seq++;
        return 0;
    }
    r->broken = 1;
    return 1;
}

/* Collects a history newest first, then replays it oldest first. */
typedef struct rows {
    transit_store_entry *e;
    char **owned;
    size_t n, cap;
    unsigned long killed; /* rows by the killed client's open transaction */
} rows;

static char *copy(const char *s) { return s ? strdup(s) : NULL; }

static int keep(void *context, const transit_store_entry *e) {
    rows *r = context;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 256;
        r->e = realloc(r->e, r->cap * sizeof *r->e);
    }
    if (e->actor && strcmp(e->actor, killed_actor) == 0)
        r->killed++;
    transit_store_entry c = {e->seq, copy(e->from_state), copy(e->to_state), copy(e->trigger),
                             copy(e->initiator), NULL, NULL, NULL, NULL};
    r->e[r->n++] = c;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: store_concurrency SCHEMA PATH|postgresql PROCS FIRES INSTANCES "
                        "[--kill] [--restart SH DIR]\n");
        return 2;
    }
    const char *schema = argv[1];
    int procs = atoi(argv[3]), fires = atoi(argv[4]), instances = atoi(argv[5]);
    int kill_one = 0;
    const char *restart_sh = NULL, *restart_dir = NULL;
    for (int i = 6; i < argc; i++) {
        if (strcmp(argv[i], "--kill") == 0)
            kill_one = 1;
        else if (strcmp(argv[i], "--restart") == 0 && i + 2 < argc) {
            restart_sh = argv[++i];
            restart_dir = argv[++i];
        }
    }
    const char *url = strcmp(argv[2], "postgresql") == 0 ? getenv("TRANSIT_PG_URL") : argv[2];
    if (!url)
        return 2;
    char where[1024];
    transit_store *s = store_fresh(url, "transit_concurrency", schema, where, sizeof where);
    if (!s)
        return 1;
    for (int i = 0; i < instances; i++) {
        char id[16];
        snprintf(id, sizeof id, "i%d", i);
        if (transit_store_create(s, M, id) != TRANSIT_OK) {
            fprintf(stderr, "create %s: %s\n", id, transit_store_error(s));
            return 1;
        }
    }
    transit_store_close(s);

    pid_t *pids = calloc((size_t)procs, sizeof *pids);
    int *fds = calloc((size_t)procs, sizeof *fds);
    for (int p = 0; p < procs; p++) {
        int fd[2];
        if (pipe(fd) != 0)
            return 1;
        pids[p] = fork();
        if (pids[p] == 0) {
            close(fd[0]);
            _exit(client(where, fires, instances, fd[1], p == 0 && kill_one ? fires / 2 : -1));
        }
        close(fd[1]);
        fds[p] = fd[0];
    }
    int killed = 0;
    unsigned long count[256] = {0};
    if (restart_sh) {
        /* Once client 0 has reported half its fires, every client is stopped, the server
           restarted under them and the clients let go: each one still running then holds a
           connection the restart severed, and client 0 has half its fires left to see the
           error and go on. (A fixed delay before the restart missed the clients on an idle
           machine: they had finished.) */
        char c;
        for (int seen = 0; seen < fires / 2 && read(fds[0], &c, 1) == 1; seen++)
            count[(unsigned char)c]++;
        for (int p = 0; p < procs; p++)
            kill(pids[p], SIGSTOP);
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "sh '%s' restart '%s'", restart_sh, restart_dir);
        int restarted = system(cmd) == 0;
        for (int p = 0; p < procs; p++)
            kill(pids[p], SIGCONT);
        if (!restarted) {
            fprintf(stderr, "restart failed\n");
            return 1;
        }
    }
    /* Read the outcomes while the clients run (a pipe holds less than a client writes). */
    for (int p = 0; p < procs; p++) {
        char buf[4096];
        ssize_t n;
        while ((n = read(fds[p], buf, sizeof buf)) > 0)
            for (ssize_t i = 0; i < n; i++) {
                count[(unsigned char)buf[i]]++;
                if (buf[i] == 'K' && p == 0 && kill_one && !killed) {
                    /* its transaction is open, an UPDATE made: the others wait on its lock */
                    kill(pids[0], SIGKILL);
                    killed = 1;
                }
            }
        close(fds[p]);
    }
    if (kill_one && !killed) {
        fprintf(stderr, "FAIL: the client to kill never opened its transaction\n");
        return 1;
    }
    int failed = 0;
    for (int p = 0; p < procs; p++) {
        int status;
        waitpid(pids[p], &status, 0);
        if (!(p == 0 && kill_one) && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            fprintf(stderr, "client %d failed (status %d)\n", p, status);
            failed++;
        }
    }

    /* The audit, on a fresh connection. */
    char err[512];
    s = transit_store_open(where, err, sizeof err);
    if (!s) {
        fprintf(stderr, "audit: %s\n", err);
        return 1;
    }
    unsigned long history = 0, killed_rows = 0;
    for (int i = 0; i < instances; i++) {
        char id[16];
        snprintf(id, sizeof id, "i%d", i);
        int st;
        uint64_t seq;
        rows r = {0};
        if (transit_store_load(s, M, id, &st, &seq) != TRANSIT_OK ||
            transit_store_history(s, M, id, UINT64_MAX, 1000000, keep, &r, NULL) != TRANSIT_OK) {
            fprintf(stderr, "audit %s: %s\n", id, transit_store_error(s));
            return 1;
        }
        replay rp = {(int)M->initial, 1, 0, ""};
        for (size_t k = r.n; k-- > 0;)
            replay_row(&rp, &r.e[k]);
        if (rp.broken) {
            fprintf(stderr, "FAIL: %s: %s\n", id, rp.why);
            failed++;
        } else if (rp.state != st || rp.next_seq - 1 != seq) {
            fprintf(stderr, "FAIL: %s: history ends in %s at seq %llu, the instance is %s at %llu\n",
                    id, transit_state_persisted(M, rp.state), (unsigned long long)(rp.next_seq - 1),
                    transit_state_persisted(M, st), (unsigned long long)seq);
            failed++;
        }
        history += r.n;
        killed_rows += r.killed;
        for (size_t k = 0; k < r.n; k++) {
            free((char *)r.e[k].from_state);
            free((char *)r.e[k].to_state);
            free((char *)r.e[k].trigger);
            free((char *)r.e[k].initiator);
        }
        free(r.e);
    }
    transit_store_close(s);
    unsigned long accepted = count['A'] + count['a'], unknown = count['U'];
    printf("%d clients x %d fires at %d instances: %lu accepted (%lu after an error), %lu stale, %lu refused, %lu "
           "busy, %lu unknown outcome (database error), %lu failed loads, %d killed; %lu history rows\n",
           procs, fires, instances, accepted, count['a'], count['S'], count['R'], count['B'], unknown,
           count['L'], killed, history);
    /* Without a server restart no fire may end in doubt: then the rows equal the fires accepted. */
    if (!restart_sh && unknown + count['L'] != 0) {
        fprintf(stderr, "FAIL: %lu database errors and %lu failed loads without a fault to cause them\n",
                unknown, count['L']);
        failed++;
    }
    /* Nothing acknowledged lost; nothing beyond what may have committed unacknowledged; nothing
       of the killed client's open transaction. */
    if (history < accepted || history > accepted + unknown) {
        fprintf(stderr, "FAIL: %lu history rows, but %lu accepted (+ at most %lu unknown)\n",
                history, accepted, unknown);
        failed++;
    }
    if (killed_rows) {
        fprintf(stderr, "FAIL: %lu history rows of the killed client's uncommitted transaction\n",
                killed_rows);
        failed++;
    }
    if (accepted == 0) {
        fprintf(stderr, "FAIL: no fire was accepted\n");
        failed++;
    }
    /* After the restart, the clients that saw it reconnected and went on. */
    if (restart_sh && (unknown + count['L'] == 0 || count['a'] == 0)) {
        fprintf(stderr, "FAIL: the restart caused %lu errors, and %lu fires were accepted after one\n",
                unknown + count['L'], count['a']);
        failed++;
    }
    free(pids);
    free(fds);
    return failed ? 1 : 0;
}
