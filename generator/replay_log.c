/*
** Reading logs for transitc replay: JSON lines through cJSON, or jansson for any line cJSON might
** read differently (duplicate keys, invalid UTF-8 and NUL rejected), parsed in a worker thread
** and checked in order; and CSV as RFC 4180 defines it. Streamed: memory holds a few batches of
** lines, never the log.
*/
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <cJSON.h>
#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* ---- JSON lines ----

   Two Debian libraries read JSON, each for what it does best. jansson decides: it refuses
   everything JSON refuses, and more that a log should not hold (a duplicate key, invalid UTF-8,
   \u0000, an integer past 64 bits, data after the object), each with a message and a column.
   But it reads a character at a time through a decoding stream (about 26,000 instructions for a
   150-byte line), where cJSON takes a few thousand. So a line is first scanned (plain_json) for
   what cJSON would read differently from jansson; a plain line goes to cJSON, whose object is
   then checked for duplicate keys and data after it, and anything else (a line with a real
   number, a tab, a control character, \u0000, a key repeated, or one cJSON refuses) goes to
   jansson, which reads it as it always has. Reports are the same whichever library read the
   line: tests/replay/json_agree.c reads mutated lines both ways and compares. */

/* What json_record needs of a JSON value, from either library. */
typedef enum jkind { JK_NULL, JK_BOOLEAN, JK_INTEGER, JK_REAL, JK_STRING, JK_ARRAY, JK_OBJECT } jkind;

typedef struct jlib {
    jkind (*kind)(const void *v);
    const char *(*string)(const void *v); /* no NUL inside: both libraries see to it */
    int64_t (*integer)(const void *v);
    /* Element index of an array (previous: element index - 1, or NULL for the first); NULL past
       the end. */
    const void *(*element)(const void *array, const void *previous, size_t index);
} jlib;

static const char *kind_text(jkind k) {
    switch (k) {
    case JK_OBJECT: return "an object";
    case JK_ARRAY: return "an array";
    case JK_STRING: return "a string";
    case JK_INTEGER:
    case JK_REAL: return "a number";
    case JK_BOOLEAN: return "a boolean";
    case JK_NULL: return "null";
    }
    return "a value";
}

static jkind jansson_kind(const void *v) {
    switch (json_typeof((const json_t *)v)) {
    case JSON_OBJECT: return JK_OBJECT;
    case JSON_ARRAY: return JK_ARRAY;
    case JSON_STRING: return JK_STRING;
    case JSON_INTEGER: return JK_INTEGER;
    case JSON_REAL: return JK_REAL;
    case JSON_TRUE:
    case JSON_FALSE: return JK_BOOLEAN;
    case JSON_NULL: return JK_NULL;
    }
    return JK_NULL;
}

static const char *jansson_string(const void *v) {
    return json_string_value(v);
}

static int64_t jansson_integer(const void *v) {
    return json_integer_value(v);
}

static const void *jansson_element(const void *array, const void *previous, size_t index) {
    (void)previous;
    return json_array_get(array, index);
}

static const jlib jansson = {jansson_kind, jansson_string, jansson_integer,
                             jansson_element};

static jkind cjson_kind(const void *v) {
    const cJSON *c = v;
    if (cJSON_IsObject(c))
        return JK_OBJECT;
    if (cJSON_IsArray(c))
        return JK_ARRAY;
    if (cJSON_IsString(c))
        return JK_STRING;
    if (cJSON_IsNumber(c))
        return JK_INTEGER; /* a plain line has integers only (plain_json) */
    if (cJSON_IsBool(c))
        return JK_BOOLEAN;
    return JK_NULL;
}

static const char *cjson_string(const void *v) {
    return ((const cJSON *)v)->valuestring;
}

static int64_t cjson_integer(const void *v) {
    return (int64_t)((const cJSON *)v)->valuedouble; /* at most 15 digits: exact */
}

static const void *cjson_element(const void *array, const void *previous, size_t index) {
    (void)index;
    return previous ? ((const cJSON *)previous)->next : ((const cJSON *)array)->child;
}

static const jlib cjson = {cjson_kind, cjson_string, cjson_integer, cjson_element};

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

/* The first NUL byte or invalid UTF-8 of a line: its column (in characters) and a message,
   or 0 when there is none. jansson refuses both too, but names the character before. */
static uint64_t bad_byte(const char *s, size_t len, char *message, size_t size) {
    uint64_t column = 1;
    for (size_t i = 0; i < len; column++) {
        unsigned char c = (unsigned char)s[i];
        size_t n = c && c < 0x80 ? 1 : c ? utf8_length((const unsigned char *)s + i, len - i) : 0;
        if (n == 0) {
            if (c)
                snprintf(message, size, "invalid UTF-8 (byte 0x%02x)", c);
            else
                snprintf(message, size, "NUL byte");
            return column;
        }
        i += n;
    }
    return 0;
}

/* Whether any of the 8 bytes at s is a backslash, a control character or not ASCII (the bit
   tricks of Hacker's Delight: a byte less than n sets its high bit in x - n * ones where it was
   clear in x, and no byte borrows from the next unless one is less than n). */
static bool special8(const unsigned char *s) {
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t backslash = w ^ (ones * '\\');
    return (((backslash - ones) & ~backslash) | (w - ones * 0x20) | w) & high;
}

/* Whether the line has a backslash, a control character or a byte that is not ASCII. */
static bool any_special(const unsigned char *s, size_t len) {
    if (len < 8) {
        for (size_t i = 0; i < len; i++)
            if (s[i] == '\\' || s[i] < 0x20 || s[i] >= 0x80)
                return true;
        return false;
    }
    for (size_t i = 0; i + 8 < len; i += 8)
        if (special8(s + i))
            return true;
    return special8(s + len - 8); /* the last 8, overlapping */
}

/* Whether s (n bytes) starts with the four hex digits of a \u escape, not 0000 (cJSON reads
   \u0000, and a digit that is not hex, as the end of the string). */
static bool escaped_code(const unsigned char *s, size_t n) {
    if (n < 4)
        return false;
    bool zero = true;
    for (int i = 0; i < 4; i++) {
        unsigned char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
        zero &= c == '0';
    }
    return !zero;
}

/* Bytes a plain line may hold outside strings, besides numbers: structure, the space, and the
   letters of true, false and null (cJSON checks the words). */
static const char *const plain_outside = "{}[],: abcdefghijklmnopqrstuvwxyz";

/* The bytes plain_json takes as they are outside and inside strings (set by json_begin, before
   any thread reads them). */
static bool plain_outside_bytes[256], plain_inside_bytes[256];

static void plain_bytes_init(void) {
    for (const char *p = plain_outside; *p; p++)
        plain_outside_bytes[(unsigned char)*p] = true;
    for (int c = 0x20; c < 0x80; c++)
        plain_inside_bytes[c] = c != '"' && c != '\\';
}

/* Whether cJSON reads the line as jansson would, as far as bytes tell (json_fast checks the
   rest): every byte outside strings a space, structure, a letter, or part of an integer of at
   most 15 digits written as JSON writes it (no real number, whose type and precision cJSON
   loses; no leading zero, which cJSON takes); inside strings no control character, valid
   UTF-8, and \u followed by four hex digits, not 0000 (escaped_code). */
static bool plain_json(const unsigned char *s, size_t len) {
    const bool *outside = plain_outside_bytes, *inside = plain_inside_bytes;
    bool simple = !any_special(s, len); /* then a string ends at the next quote */
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        if (outside[c]) {
            i++;
        } else if (c == '"' && simple) {
            const unsigned char *quote = memchr(s + i + 1, '"', len - i - 1);
            if (!quote)
                return false;
            i = (size_t)(quote - s) + 1;
        } else if (c == '"') {
            for (i++;;) {
                while (i < len && inside[s[i]])
                    i++;
                if (i >= len)
                    return false;
                c = s[i];
                if (c == '"') {
                    i++;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= len)
                        return false;
                    if (s[i + 1] == 'u' && !escaped_code(s + i + 2, len - i - 2))
                        return false;
                    i += 2;
                } else if (c >= 0x80) {
                    size_t n = utf8_length(s + i, len - i);
                    if (n == 0)
                        return false;
                    i += n;
                } else {
                    return false; /* a control character */
                }
            }
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t start = i + (c == '-'), end = start;
            while (end < len && s[end] >= '0' && s[end] <= '9')
                end++;
            if (end == start || end - start > 15 || (s[start] == '0' && end - start > 1))
                return false;
            if (end < len && (s[end] == '.' || s[end] == 'e' || s[end] == 'E'))
                return false;
            i = end;
        } else {
            return false;
        }
    }
    return true;
}

/* Whether no object in v has a key twice (jansson's JSON_REJECT_DUPLICATES); an object of more
   than 32 members is left to jansson. */
static bool distinct_keys(const cJSON *v) {
    if (cJSON_IsObject(v)) {
        size_t n = 0;
        for (const cJSON *c = v->child; c; c = c->next) {
            if (++n > 32)
                return false;
            for (const cJSON *d = v->child; d != c; d = d->next)
                if (d->string[0] == c->string[0] && strcmp(d->string, c->string) == 0)
                    return false;
        }
    }
    for (const cJSON *c = v->child; c; c = c->next)
        if (c->child && !distinct_keys(c))
            return false;
    return true;
}

/* The log's keys by their first byte. */
typedef struct key_index {
    const char *const *keys;
    uint8_t fields[256]; /* bit f: keys[f] starts with the byte */
} key_index;

static void key_index_init(key_index *x, const char *const *keys) {
    x->keys = keys;
    memset(x->fields, 0, sizeof x->fields);
    for (int f = 0; f < REPLAY_FIELD_COUNT; f++)
        x->fields[(unsigned char)keys[f][0]] |= (uint8_t)(1u << f);
}

/* The members of the object obj named by the log's keys, in out[f] (NULL: absent), in one walk
   through its list of members; false when a key appears twice in it or in a value inside it
   (as distinct_keys; a key of the log seen twice is caught by out[f] already set, others are
   compared with the earlier keys). */
static bool cjson_members(const cJSON *obj, const key_index *x, const void **out) {
    for (int f = 0; f < REPLAY_FIELD_COUNT; f++)
        out[f] = NULL;
    size_t n = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (++n > 32)
            return false;
        bool known = false;
        for (unsigned m = x->fields[(unsigned char)c->string[0]]; m; m &= m - 1) {
            int f = __builtin_ctz(m); /* keys[f] and c->string share a first byte, not NUL */
            if (x->keys[f][1] != c->string[1] || strcmp(x->keys[f], c->string) != 0)
                continue;
            if (out[f])
                return false;
            out[f] = c;
            known = true;
        }
        if (!known)
            for (const cJSON *d = obj->child; d != c; d = d->next)
                if (d->string[0] == c->string[0] && strcmp(d->string, c->string) == 0)
                    return false;
        if (c->child && !distinct_keys(c))
            return false;
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
/* The libraries' memory: a line's values come from its thread's pool, emptied after the line
   (a line is parsed, copied out and freed before the next), so the common line costs no malloc
   or free. What does not fit goes to malloc. (ASan builds leave both on malloc so it is checked.) */
static _Thread_local _Alignas(max_align_t) char pool[1 << 16];
static _Thread_local size_t pool_used;
static _Thread_local bool pool_spilled; /* something of this line went to malloc */

static void *pool_alloc(size_t n) {
    size_t rounded = (n + 15) & ~(size_t)15;
    if (rounded >= n && rounded <= sizeof pool - pool_used) {
        void *p = pool + pool_used;
        pool_used += rounded;
        return p;
    }
    pool_spilled = true;
    return malloc(n);
}

static void pool_free(void *p) {
    if (p && ((char *)p < pool || (char *)p >= pool + sizeof pool))
        free(p);
}

static void pool_reset(void) {
    pool_used = 0;
    pool_spilled = false;
}

static void cjson_free(cJSON *v) {
    if (pool_spilled) /* else every value of the line is in the pool */
        cJSON_Delete(v);
}
#else
static void pool_reset(void) {
}

static void cjson_free(cJSON *v) {
    cJSON_Delete(v);
}
#endif

/* The line through cJSON when cJSON reads it exactly as jansson would (a plain line, an
   object, no key twice, nothing after it), with its members named by the log's keys in
   member[]; else NULL. */
static cJSON *json_fast(const char *line, size_t len, const key_index *x, const void **member) {
    if (!plain_json((const unsigned char *)line, len))
        return NULL;
    const char *end = NULL;
    cJSON *obj = cJSON_ParseWithLengthOpts(line, len, &end, false);
    if (!obj) { /* cJSON freed what it had read */
        pool_reset();
        return NULL;
    }
    bool ok = cJSON_IsObject(obj) && end && cjson_members(obj, x, member);
    for (const char *p = end; ok && p < line + len; p++)
        ok = *p == ' ';
    if (!ok) {
        cjson_free(obj);
        pool_reset();
        return NULL;
    }
    return obj;
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

/* v in decimal at the end of buf[size]; returns where it starts. */
static char *decimal(char *buf, size_t size, uint64_t v) {
    char *p = buf + size;
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    return p;
}

/* Reads JSON lines one at a time: what a line holds, and what is needed to read the next. */
typedef struct json_lines {
    const char *const *keys; /* the log's key of each field */
    key_index index;
    bytes guards;
    char seq[32];
    cJSON *fast; /* the line's values, from cJSON or jansson */
    json_t *slow;
    /* The line read: a record (texts valid until json_line_done), or a message and its column
       (0: none) for a line that cannot be read. */
    replay_record r;
    char message[512];
    uint64_t column;
} json_lines;

typedef enum json_outcome { LINE_BLANK, LINE_RECORD, LINE_MALFORMED } json_outcome;

static json_outcome line_malformed(json_lines *jl, uint64_t column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static json_outcome line_malformed(json_lines *jl, uint64_t column, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(jl->message, sizeof jl->message, fmt, ap);
    va_end(ap);
    jl->column = column;
    return LINE_MALFORMED;
}

/* Fills jl->r from an object's members named by the log's keys: LINE_RECORD, or
   LINE_MALFORMED for a field of the wrong type. */
static json_outcome json_record(json_lines *jl, const jlib *lib, const void *const *member) {
    replay_record *r = &jl->r;
    const char *const *keys = jl->keys;
    for (int f = 0; f < REPLAY_FIELD_COUNT; f++) {
        const void *v = member[f];
        jkind k = v ? lib->kind(v) : JK_NULL;
        r->text[f] = NULL;
        if (k == JK_NULL)
            continue;
        if (f == REPLAY_SEQ) {
            if (k != JK_INTEGER || lib->integer(v) < 0)
                return line_malformed(jl, 0, "'%s' must be an integer 0 or more, not %s", keys[f],
                                      k == JK_INTEGER ? "a negative number" : kind_text(k));
            r->text[f] = decimal(jl->seq, sizeof jl->seq, (uint64_t)lib->integer(v));
        } else if (f == REPLAY_GUARDS) {
            if (k != JK_ARRAY)
                return line_malformed(jl, 0, "'%s' must be an array of guard names, not %s",
                                      keys[f], kind_text(k));
            bytes *guards = &jl->guards;
            guards->len = 0;
            bytes_add(guards, "", 0);
            const void *g = NULL;
            for (size_t i = 0; (g = lib->element(v, g, i)) != NULL; i++) {
                jkind gk = lib->kind(g);
                if (gk != JK_STRING || !plain_name(lib->string(g)))
                    return line_malformed(jl, 0, "'%s' must hold guard names, not %s", keys[f],
                                          gk == JK_STRING ? "an empty or spaced string"
                                                          : kind_text(gk));
                if (i)
                    bytes_add(guards, " ", 1);
                const char *name = lib->string(g);
                bytes_add(guards, name, strlen(name));
            }
            r->text[f] = guards->data;
        } else {
            if (k != JK_STRING)
                return line_malformed(jl, 0, "'%s' must be a string, not %s", keys[f],
                                      kind_text(k));
            r->text[f] = lib->string(v);
        }
    }
    return LINE_RECORD;
}

static void json_lines_init(json_lines *jl, const char *const *keys) {
    memset(jl, 0, sizeof *jl);
    jl->keys = keys;
    key_index_init(&jl->index, keys);
}

/* Reads one line (without its line ending); fast: cJSON may read it (false: jansson reads every
   line, as tests compare). Then json_line_done. */
static json_outcome json_line(json_lines *jl, const char *line, size_t len, bool fast) {
    if (strspn(line, " \t") >= len)
        return LINE_BLANK;
    const void *member[REPLAY_FIELD_COUNT];
    if (fast && (jl->fast = json_fast(line, len, &jl->index, member)) != NULL)
        return json_record(jl, &cjson, member);
    uint64_t column = bad_byte(line, len, jl->message, sizeof jl->message);
    if (column) {
        jl->column = column;
        return LINE_MALFORMED;
    }
    json_error_t err;
    jl->slow = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
    if (!jl->slow)
        return line_malformed(jl, err.column > 0 ? (uint64_t)err.column : 0, "invalid JSON: %s",
                              json_error_text(&err));
    if (!json_is_object(jl->slow))
        return line_malformed(jl, 0, "expected a JSON object, not %s",
                              kind_text(jansson_kind(jl->slow)));
    for (int f = 0; f < REPLAY_FIELD_COUNT; f++)
        member[f] = json_object_get(jl->slow, jl->keys[f]);
    return json_record(jl, &jansson, member);
}

/* Frees what the line's values hold. */
static void json_line_done(json_lines *jl) {
    if (jl->fast)
        cjson_free(jl->fast);
    json_decref(jl->slow);
    jl->fast = NULL;
    jl->slow = NULL;
    pool_reset(); /* every value of the line is freed */
}

static void json_lines_free(json_lines *jl) {
    free(jl->guards.data);
}

/* Before reading JSON lines, in the thread that starts the workers: both libraries allocate
   from the pool (but under ASan). */
static void json_begin(void) {
    plain_bytes_init();
    json_object_seed(0); /* jansson's hash seed, once, before the threads (its documentation) */
#ifndef REPLAY_ASAN
    json_set_alloc_funcs(pool_alloc, pool_free);
    cJSON_InitHooks(&(cJSON_Hooks){.malloc_fn = pool_alloc, .free_fn = pool_free});
#endif
}

static void json_end(void) {
#ifndef REPLAY_ASAN
    json_set_alloc_funcs(malloc, free);
    cJSON_InitHooks(NULL);
#endif
}

/* ---- Reading in worker threads ----

   The lines are read (next_line) and checked (replay_record_check) in order by the calling
   thread; in between, batches of lines are parsed by a worker thread.
   A worker copies what each line holds (the record's texts, or the message) into its batch, so
   the checker sees exactly what it would have seen reading the line itself. Both libraries
   allow this: jansson is thread-safe once its allocator is set; cJSON is when, as here, its
   hooks are set before the threads start, cJSON_GetErrorPtr is never used and setlocale is
   never called (its README, "Thread Safety"; each parse still writes the unused error
   position, which helgrind reports). */

enum { BATCH_LINES = 4096, BATCH_BYTES = 1 << 20 };

typedef enum batch_state { BATCH_FREE, BATCH_FILLED, BATCH_PARSED } batch_state;

/* What one line of a batch holds once parsed. */
typedef struct line_result {
    uint64_t line, column;
    uint8_t outcome;                    /* json_outcome, or LINE_TOO_LONG */
    uint32_t text[REPLAY_FIELD_COUNT]; /* offset + 1 in out (0: absent); [0]: the message */
} line_result;

enum { LINE_TOO_LONG = LINE_MALFORMED + 1 };

typedef struct batch {
    batch_state state;
    bytes in;          /* the lines, each followed by a NUL */
    size_t *start;     /* [count]: where each line starts in in */
    line_result *result; /* [count] */
    size_t count;
    bytes out; /* the texts of the results, each followed by a NUL */
} batch;

typedef struct workers {
    pthread_mutex_t lock;
    pthread_cond_t work, parsed;
    batch *ring;
    size_t ring_size;
    size_t filled, taken; /* batches filled so far; batches taken by a worker so far */
    bool done;            /* no more batches */
    const char *const *keys;
} workers;

/* Appends s and its NUL to b; returns its offset + 1. */
static uint32_t text_add(bytes *b, const char *s) {
    size_t at = b->len;
    bytes_add(b, s, strlen(s));
    b->len++; /* keep the NUL */
    return (uint32_t)at + 1;
}

static void batch_parse(json_lines *jl, batch *b) {
    b->out.len = 0;
    for (size_t i = 0; i < b->count; i++) {
        line_result *res = &b->result[i];
        if (res->outcome == LINE_TOO_LONG)
            continue;
        const char *line = b->in.data + b->start[i];
        size_t len = (i + 1 < b->count ? b->start[i + 1] : b->in.len) - b->start[i] - 1;
        json_outcome o = json_line(jl, line, len, true);
        res->outcome = (uint8_t)o;
        if (o == LINE_RECORD) {
            for (int f = 0; f < REPLAY_FIELD_COUNT; f++)
                res->text[f] = jl->r.text[f] ? text_add(&b->out, jl->r.text[f]) : 0;
        } else if (o == LINE_MALFORMED) {
            res->column = jl->column;
            res->text[0] = text_add(&b->out, jl->message);
        }
        json_line_done(jl);
    }
}

static void *worker_main(void *arg) {
    workers *w = arg;
    json_lines jl;
    json_lines_init(&jl, w->keys);
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (w->taken == w->filled && !w->done)
            pthread_cond_wait(&w->work, &w->lock);
        if (w->taken == w->filled)
            break;
        batch *b = &w->ring[w->taken++ % w->ring_size];
        pthread_mutex_unlock(&w->lock);
        batch_parse(&jl, b);
        pthread_mutex_lock(&w->lock);
        b->state = BATCH_PARSED;
        pthread_cond_broadcast(&w->parsed);
    }
    pthread_mutex_unlock(&w->lock);
    json_lines_free(&jl);
    return NULL;
}

/* Fills b with the next lines; false when the input had none left. */
static bool batch_fill(reader *rd, bytes *line_buf, batch *b) {
    b->in.len = 0;
    b->count = 0;
    const char *line;
    size_t len;
    int k;
    while (b->count < BATCH_LINES && b->in.len < BATCH_BYTES &&
           (k = next_line(rd, line_buf, &line, &len)) != 0) {
        size_t i = b->count++;
        b->start[i] = b->in.len;
        b->result[i] = (line_result){.line = rd->line, .outcome = k < 0 ? LINE_TOO_LONG : 0};
        bytes_add(&b->in, k < 0 ? "" : line, k < 0 ? 0 : len);
        b->in.len++; /* keep the NUL */
    }
    return b->count > 0;
}

/* Reports and checks the lines of a parsed batch, in order. */
static void batch_check(replay *rp, const batch *b) {
    for (size_t i = 0; i < b->count; i++) {
        const line_result *res = &b->result[i];
        switch (res->outcome) {
        case LINE_BLANK: break;
        case LINE_TOO_LONG:
            replay_malformed(rp, res->line, 0, "line longer than %u bytes", REPLAY_MAX_RECORD);
            break;
        case LINE_MALFORMED:
            replay_malformed(rp, res->line, res->column, "%s", b->out.data + res->text[0] - 1);
            break;
        case LINE_RECORD: {
            replay_record r = {.line = res->line};
            for (int f = 0; f < REPLAY_FIELD_COUNT; f++)
                r.text[f] = res->text[f] ? b->out.data + res->text[f] - 1 : NULL;
            replay_record_check(rp, &r);
            break;
        }
        }
    }
}

/* One worker: the parsers then run in one thread only. cJSON writes a static error position on
   every parse (its documentation allows parsing from several threads, but that write is a data
   race all the same), so two parsing threads are not race-free; one worker beside the checking
   thread still overlaps the parse with the checks. */
static size_t worker_count(void) { return 1; }

bool replay_read_json(replay *rp, const replay_log *log) {
    json_begin();
    reader *rd = calloc(1, sizeof *rd);
    if (!rd)
        arena_out_of_memory();
    rd->in = log->in;
    rd->line = log->skipped_lines;
    bytes line_buf = {0};
    workers w = {.keys = log->keys};
    size_t nworkers = worker_count();
    w.ring_size = 2 * nworkers + 2;
    w.ring = xrealloc(NULL, w.ring_size * sizeof *w.ring);
    memset(w.ring, 0, w.ring_size * sizeof *w.ring);
    for (size_t i = 0; i < w.ring_size; i++) {
        w.ring[i].start = xrealloc(NULL, BATCH_LINES * sizeof *w.ring[i].start);
        w.ring[i].result = xrealloc(NULL, BATCH_LINES * sizeof *w.ring[i].result);
    }
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.work, NULL);
    pthread_cond_init(&w.parsed, NULL);
    pthread_t thread[1];
    size_t started = 0;
    while (started < nworkers && pthread_create(&thread[started], NULL, worker_main, &w) == 0)
        started++;
    json_lines own; /* when no thread could be started, this thread parses */
    json_lines_init(&own, log->keys);
    size_t consumed = 0;
    bool more = true;
    for (;;) {
        /* Fill every free batch, then check the oldest once it is parsed. */
        pthread_mutex_lock(&w.lock);
        size_t filled = w.filled;
        pthread_mutex_unlock(&w.lock);
        while (more && filled - consumed < w.ring_size) {
            batch *b = &w.ring[filled % w.ring_size];
            more = batch_fill(rd, &line_buf, b);
            if (!more)
                break;
            if (started == 0)
                batch_parse(&own, b);
            pthread_mutex_lock(&w.lock);
            b->state = started ? BATCH_FILLED : BATCH_PARSED;
            w.taken += started == 0;
            filled = ++w.filled;
            pthread_cond_signal(&w.work);
            pthread_mutex_unlock(&w.lock);
        }
        if (consumed == filled)
            break;
        batch *b = &w.ring[consumed % w.ring_size];
        pthread_mutex_lock(&w.lock);
        while (b->state != BATCH_PARSED)
            pthread_cond_wait(&w.parsed, &w.lock);
        pthread_mutex_unlock(&w.lock);
        batch_check(rp, b);
        b->state = BATCH_FREE;
        consumed++;
    }
    pthread_mutex_lock(&w.lock);
    w.done = true;
    pthread_cond_broadcast(&w.work);
    pthread_mutex_unlock(&w.lock);
    for (size_t i = 0; i < started; i++)
        pthread_join(thread[i], NULL);
    pthread_mutex_destroy(&w.lock);
    pthread_cond_destroy(&w.work);
    pthread_cond_destroy(&w.parsed);
    for (size_t i = 0; i < w.ring_size; i++) {
        free(w.ring[i].in.data);
        free(w.ring[i].out.data);
        free(w.ring[i].start);
        free(w.ring[i].result);
    }
    free(w.ring);
    json_lines_free(&own);
    bool ok = !rd->failed;
    free(line_buf.data);
    free(rd);
    json_end();
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
