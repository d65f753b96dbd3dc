/*
** Reading logs for transitc replay: JSON lines through jansson (duplicate keys, invalid UTF-8 and
** NUL rejected by the library) and CSV as RFC 4180 defines it, streamed record by record so
** memory holds one record, never the log.
*/
#include <inttypes.h>
#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "replay.h"

/* Buffered input with a line count. */
typedef struct reader {
    FILE *in;
    char buf[1 << 16];
    size_t pos, len;
    bool eof, failed;
    uint64_t line; /* lines started so far */
} reader;

static bool refill(reader *rd) {
    if (rd->eof)
        return false;
    rd->pos = 0;
    rd->len = fread(rd->buf, 1, sizeof rd->buf, rd->in);
    if (rd->len == 0) {
        rd->eof = true;
        rd->failed = ferror(rd->in) != 0;
        return false;
    }
    return true;
}

/* A growable byte buffer for one record, capped at REPLAY_MAX_RECORD. */
typedef struct bytes {
    char *data;
    size_t len, cap;
} bytes;

static void bytes_add(bytes *b, const char *p, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* The next line without its line ending, in *line and *len (valid until the next call). Returns 1,
   0 at the end of input, or -1 for a line longer than REPLAY_MAX_RECORD (skipped unread). */
static int next_line(reader *rd, bytes *b, const char **line, size_t *len) {
    bool any = false, too_long = false;
    b->len = 0;
    for (;;) {
        if (rd->pos == rd->len && !refill(rd))
            break;
        if (!any)
            rd->line++;
        any = true;
        char *start = rd->buf + rd->pos;
        char *nl = memchr(start, '\n', rd->len - rd->pos);
        size_t n = nl ? (size_t)(nl - start) : rd->len - rd->pos;
        rd->pos += n + (nl != NULL);
        if (nl && b->len == 0 && !too_long) { /* the whole line is in the buffer: no copy */
            *line = start; /* n < sizeof buf < REPLAY_MAX_RECORD */
            *len = n;
            if (n && start[n - 1] == '\r')
                (*len)--;
            return 1;
        }
        if (!too_long && b->len + n > REPLAY_MAX_RECORD) {
            too_long = true;
            b->len = 0;
        }
        if (!too_long)
            bytes_add(b, start, n);
        if (nl)
            break;
    }
    if (!any)
        return 0;
    if (too_long)
        return -1;
    *line = b->data ? b->data : "";
    *len = b->len;
    if (*len && (*line)[*len - 1] == '\r')
        (*len)--;
    return 1;
}

static bool io_error(const replay_log *log) {
    fprintf(stderr, "transitc: error: cannot read %s\n", log->name);
    return false;
}

static const char *json_kind(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* The length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_length(const unsigned char *s, size_t n) {
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (len == 0 || s[0] > 0xF4 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
        return 0; /* overlong, a surrogate, or past U+10FFFF */
    return len;
}

/* The first NUL byte or invalid UTF-8 of a line, reported with its column (in characters);
   false when there is one. jansson refuses both too, but names the character before. */
static bool bytes_ok(replay *rp, uint64_t line, const char *s, size_t len) {
    uint64_t column = 1;
    for (size_t i = 0; i < len; column++) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c && c < 0x80 ? 1 : c ? utf8_length((const unsigned char *)s + i, len - i) : 0;
        if (n == 0) {
            if (c)
                replay_malformed(rp, line, column, "invalid UTF-8 (byte 0x%02x)", c);
            else
                replay_malformed(rp, line, column, "NUL byte");
            return false;
        }
        i += n;
    }
    return true;
}

/* jansson's message, in words for the errors a hostile log provokes most. */
static const char *json_error_text(const json_error_t *err) {
    switch (json_error_code(err)) {
    case json_error_null_character: return "a NUL character (\\u0000) in a string";
    case json_error_invalid_utf8: return "invalid UTF-8";
    default: return err->text;
    }
}

/* Whether s is a guard name as a list can hold it: not empty, no space. */
static bool plain_name(const char *s) {
    return *s && !strpbrk(s, " \t\r\n");
}

/* Fills r from the object; false after reporting a field of the wrong type. */
static bool json_record(replay *rp, const replay_log *log, json_t *obj, replay_record *r,
                        char *seq, size_t seq_size, bytes *guards) {
    for (int f = 0; f < REPLAY_FIELD_COUNT; f++) {
        json_t *v = json_object_get(obj, log->keys[f]);
        r->text[f] = NULL;
        if (!v || json_is_null(v))
            continue;
        if (f == REPLAY_SEQ) {
            if (!json_is_integer(v) || json_integer_value(v) < 0) {
                replay_malformed(rp, r->line, 0, "'%s' must be an integer 0 or more, not %s",
                                 log->keys[f], json_is_integer(v) ? "a negative number" : json_kind(v));
                return false;
            }
            snprintf(seq, seq_size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
            r->text[f] = seq;
        } else if (f == REPLAY_GUARDS) {
            if (!json_is_array(v)) {
                replay_malformed(rp, r->line, 0, "'%s' must be an array of guard names, not %s",
                                 log->keys[f], json_kind(v));
                return false;
            }
            guards->len = 0;
            bytes_add(guards, "", 0);
            size_t i;
            json_t *g;
            json_array_foreach(v, i, g) {
                if (!json_is_string(g) || !plain_name(json_string_value(g))) {
                    replay_malformed(rp, r->line, 0,
                                     "'%s' must hold guard names, not %s", log->keys[f],
                                     json_is_string(g) ? "an empty or spaced string" : json_kind(g));
                    return false;
                }
                if (i)
                    bytes_add(guards, " ", 1);
                bytes_add(guards, json_string_value(g), json_string_length(g));
            }
            r->text[f] = guards->data;
        } else {
            if (!json_is_string(v)) {
                replay_malformed(rp, r->line, 0, "'%s' must be a string, not %s", log->keys[f],
                                 json_kind(v));
                return false;
            }
            r->text[f] = json_string_value(v);
        }
    }
    return true;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define REPLAY_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define REPLAY_ASAN 1
#endif

#ifndef REPLAY_ASAN
/* jansson's memory: a line's values come from a pool that is emptied after the line (a record
   is parsed, checked and freed before the next), so the common line costs no malloc or free.
   What does not fit goes to malloc. (ASan builds leave jansson on malloc so it is checked.) */
static _Alignas(max_align_t) char pool[1 << 16];
static size_t pool_used;

static void *pool_alloc(size_t n) {
    size_t rounded = (n + 15) & ~(size_t)15;
    if (rounded >= n && rounded <= sizeof pool - pool_used) {
        void *p = pool + pool_used;
        pool_used += rounded;
        return p;
    }
    return malloc(n);
}

static void pool_free(void *p) {
    if (p && ((char *)p < pool || (char *)p >= pool + sizeof pool))
        free(p);
}

static void pool_reset(void) {
    pool_used = 0;
}
#else
static void pool_reset(void) {
}
#endif

bool replay_read_json(replay *rp, const replay_log *log) {
#ifndef REPLAY_ASAN /* under ASan every value gets its own malloc, checked */
    json_set_alloc_funcs(pool_alloc, pool_free);
#endif
    reader *rd = calloc(1, sizeof *rd);
    if (!rd)
        arena_out_of_memory();
    rd->in = log->in;
    rd->line = log->skipped_lines;
    bytes b = {0}, guards = {0};
    const char *line;
    size_t len;
    int k;
    while ((k = next_line(rd, &b, &line, &len)) != 0) {
        replay_record r = {.line = rd->line};
        if (k < 0) {
            replay_malformed(rp, rd->line, 0, "line longer than %u bytes", REPLAY_MAX_RECORD);
            continue;
        }
        if (strspn(line, " \t") >= len) /* a blank line */
            continue;
        if (!bytes_ok(rp, rd->line, line, len))
            continue;
        json_error_t err;
        json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
        if (!obj) {
            replay_malformed(rp, rd->line, err.column > 0 ? (uint64_t)err.column : 0,
                             "invalid JSON: %s", json_error_text(&err));
            pool_reset();
            continue;
        }
        char seq[32];
        if (!json_is_object(obj))
            replay_malformed(rp, rd->line, 0, "expected a JSON object, not %s", json_kind(obj));
        else if (json_record(rp, log, obj, &r, seq, sizeof seq, &guards))
            replay_record_check(rp, &r);
        json_decref(obj);
        pool_reset(); /* every value of the line is freed */
    }
    bool ok = !rd->failed;
    free(b.data);
    free(guards.data);
    free(rd);
    return ok || io_error(log);
}

/* ---- CSV (RFC 4180) ---- */

enum { MAX_COLUMNS = 1024 };

/* One record's fields, NUL-terminated in data at offsets start[i]. */
typedef struct csv_record {
    bytes data;
    size_t start[MAX_COLUMNS];
    size_t count;
    uint64_t line; /* where it starts */
} csv_record;

static int csv_getc(reader *rd) {
    if (rd->pos == rd->len && !refill(rd))
        return EOF;
    return (unsigned char)rd->buf[rd->pos++];
}

static int csv_peek(reader *rd) {
    if (rd->pos == rd->len && !refill(rd))
        return EOF;
    return (unsigned char)rd->buf[rd->pos];
}

/* Skips the rest of the physical line (after an error). */
static void csv_skip_line(reader *rd) {
    int c;
    while ((c = csv_getc(rd)) != EOF && c != '\n')
        ;
}

/* Reads one record. Returns 1, 0 at the end of input, -1 after reporting an error (the rest of
   the physical line is skipped). Lines count physical lines, newlines inside quotes included. */
static int csv_read(replay *rp, reader *rd, csv_record *rec) {
    rec->data.len = 0;
    rec->count = 0;
    int c = csv_getc(rd);
    if (c == EOF)
        return 0;
    rec->line = ++rd->line;
    uint64_t column = 1;
    for (;;) { /* one field per turn */
        if (rec->count == MAX_COLUMNS) {
            replay_malformed(rp, rd->line, column, "more than %d fields in a record", MAX_COLUMNS);
            csv_skip_line(rd);
            return -1;
        }
        rec->start[rec->count++] = rec->data.len;
        bool quoted = c == '"';
        uint64_t opened = rd->line, opened_column = column;
        if (quoted) {
            c = csv_getc(rd);
            column++;
        }
        for (;;) {
            if (c == EOF) {
                if (quoted) {
                    replay_malformed(rp, opened, opened_column,
                                     "quoted field not closed before the end of the input");
                    return -1;
                }
                break;
            }
            if (quoted && c == '"') {
                if (csv_peek(rd) == '"') { /* "" is a quote */
                    csv_getc(rd);
                    column++;
                } else {
                    c = csv_getc(rd);
                    column++;
                    if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                        replay_malformed(rp, rd->line, column,
                                         "expected ',' or the end of the record after a closing quote");
                        csv_skip_line(rd);
                        return -1;
                    }
                    quoted = false;
                    continue;
                }
            } else if (!quoted && (c == ',' || c == '\n')) {
                break;
            } else if (!quoted && c == '\r') {
                if (csv_peek(rd) == '\n' || csv_peek(rd) == EOF) {
                    c = csv_getc(rd);
                    break;
                }
            } else if (!quoted && c == '"') {
                replay_malformed(rp, rd->line, column,
                                 "a quote inside an unquoted field (quote the whole field and "
                                 "double the quote)");
                csv_skip_line(rd);
                return -1;
            } else if (c == '\0') {
                replay_malformed(rp, rd->line, column, "NUL byte in a record");
                csv_skip_line(rd);
                return -1;
            } else if (c == '\n') { /* inside quotes */
                rd->line++;
                column = 0;
            }
            if (rec->data.len >= REPLAY_MAX_RECORD) {
                replay_malformed(rp, rec->line, 0, "record longer than %u bytes",
                                 REPLAY_MAX_RECORD);
                csv_skip_line(rd);
                return -1;
            }
            char ch = (char)c;
            bytes_add(&rec->data, &ch, 1);
            c = csv_getc(rd);
            column++;
        }
        bytes_add(&rec->data, "", 0);
        rec->data.len++; /* keep the field's NUL */
        if (c != ',')
            break;
        c = csv_getc(rd);
        column++;
    }
    /* Every field must be UTF-8. */
    for (size_t i = 0; i < rec->data.len;) {
        size_t n = utf8_length((const unsigned char *)rec->data.data + i, rec->data.len - i);
        if (n == 0) {
            replay_malformed(rp, rec->line, 0, "invalid UTF-8 (byte 0x%02x) in a record",
                             (unsigned char)rec->data.data[i]);
            return -1;
        }
        i += n;
    }
    return 1;
}

bool replay_read_csv(replay *rp, const replay_log *log) {
    reader *rd = calloc(1, sizeof *rd);
    csv_record *rec = calloc(1, sizeof *rec);
    if (!rd || !rec)
        arena_out_of_memory();
    rd->in = log->in;
    rd->line = log->skipped_lines;
    int column_of[REPLAY_FIELD_COUNT];
    size_t columns = 0;
    bool header = false;
    int k;
    while ((k = csv_read(rp, rd, rec)) != 0) {
        if (k < 0)
            continue;
        const char *d = rec->data.data;
        if (rec->count == 1 && d[rec->start[0]] == '\0') /* an empty line */
            continue;
        if (!header) {
            bool ok = true;
            for (int f = 0; f < REPLAY_FIELD_COUNT; f++) {
                column_of[f] = -1;
                for (size_t i = 0; i < rec->count; i++) {
                    if (strcmp(d + rec->start[i], log->keys[f]) != 0)
                        continue;
                    if (column_of[f] >= 0) {
                        replay_malformed(rp, rec->line, 0, "column '%s' appears twice in the header",
                                         log->keys[f]);
                        ok = false;
                    }
                    column_of[f] = (int)i;
                }
            }
#define REQUIRE_COLUMN(id, name, required)                                                          \
    if (required && column_of[REPLAY_##id] < 0) {                                                  \
        replay_malformed(rp, rec->line, 0, "the header has no column '%s'",                       \
                         log->keys[REPLAY_##id]);                                                  \
        ok = false;                                                                                \
    }
            REPLAY_FIELDS(REQUIRE_COLUMN)
#undef REQUIRE_COLUMN
            if (!ok)
                break; /* nothing can be read without the header */
            header = true;
            columns = rec->count;
            continue;
        }
        if (rec->count != columns) {
            replay_malformed(rp, rec->line, 0, "%zu field%s; the header has %zu", rec->count,
                             rec->count == 1 ? "" : "s", columns);
            continue;
        }
        replay_record r = {.line = rec->line};
        for (int f = 0; f < REPLAY_FIELD_COUNT; f++) {
            const char *v = column_of[f] >= 0 ? d + rec->start[column_of[f]] : NULL;
            r.text[f] = v && *v ? v : NULL;
        }
        replay_record_check(rp, &r);
    }
    bool ok = !rd->failed;
    free(rec->data.data);
    free(rec);
    free(rd);
    return ok || io_error(log);
}
