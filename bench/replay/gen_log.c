/*
** A seeded history for bench/replay: LINES JSON lines of INSTANCES connections of
** tests/replay/conn.transit, every move one the spec allows, instances interleaved at random,
** one millisecond between lines. usage: gen_log LINES INSTANCES [SEED] > log.jsonl
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t rng = 88172645463325252u;

static uint64_t next(void) { /* xorshift64 */
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* From each state, the move the generator makes: trigger, initiator, target. */
static const struct {
    const char *trigger, *initiator;
    int to;
} moves[] = {
    /* 0 discovered */ {"register", "auto", 1},
    /* 1 registered */ {"connect", "user", 2},
    /* 2 connected */ {"disconnect", "auto", 3},
    /* 3 disconnected */ {"connect", "auto", 2},
};
static const char *const names[] = {"discovered", "registered", "connected", "disconnected"};

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: gen_log LINES INSTANCES [SEED]\n");
        return 2;
    }
    uint64_t lines = strtoull(argv[1], NULL, 10), count = strtoull(argv[2], NULL, 10);
    if (argc > 3)
        rng = strtoull(argv[3], NULL, 10) | 1;
    unsigned char *state = calloc(count, 1);
    uint64_t *seq = calloc(count, sizeof *seq);
    if (!state || !seq || count == 0)
        return 2;
    time_t base = 1772323200; /* 2026-03-01T00:00:00Z */
    for (uint64_t i = 0; i < lines; i++) {
        uint64_t c = next() % count;
        int s = state[c];
        uint64_t ms = i;
        time_t t = base + (time_t)(ms / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        printf("{\"instance\": \"c%06" PRIu64 "\", \"seq\": %" PRIu64 ", \"from\": \"%s\", "
               "\"trigger\": \"%s\", \"initiator\": \"%s\", \"to\": \"%s\", "
               "\"time\": \"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\"}\n",
               c, ++seq[c], names[s], moves[s].trigger, moves[s].initiator, names[moves[s].to],
               tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
               (int)(ms % 1000));
        state[c] = (unsigned char)moves[s].to;
    }
    free(state);
    free(seq);
    return ferror(stdout) ? 1 : 0;
}
