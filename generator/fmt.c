/*
** transitc fmt: re-prints a spec from its tokens in the canonical layout. The spec is parsed first
** (a spec with syntax errors is left alone) with the scanner in trivia mode, which hands over the
** tokens the parser reads and what it drops: comments and the line breaks an author chose. So fmt
** and the parser never disagree about what a token is (the lexical language is lexer.l alone).
**
** The layout: items indented 4, continuation lines 8; one space between tokens, none before a
** comma; at most one blank line, none after '{' or before '}', one between machines. Per machine,
** transitions line up in columns (sources, '->' target, 'on' trigger, 'by' initiators, doc), and
** so do the docs of triggers and states written on their header's line. An author's choices kept:
** a first doc piece on the header's line or below it, line breaks after commas in sources, blank
** lines between items. Trailing comments on consecutive lines line up.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include "fmt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "parser.h"

typedef struct tok {
    int kind;          /* the parser's token kind (parser.h), TOK_COMMENT for a comment */
    const char *text;  /* as written; a comment without its trailing blanks */
    size_t len;
    unsigned newlines; /* line breaks between the previous token and this one */
} tok;

typedef struct tokens {
    tok *items;
    size_t count;
} tokens;

/* The tokens the scanner read in trivia mode, each line break counted on the token after it. */
static void from_scanner(const dsl_tokens *in, tokens *t) {
    /* One more than needed: a sentinel after the last token, so a look past the end reads an
       empty token (with the line breaks at the end of the file). */
    t->items = xrealloc(NULL, (in->count + 1) * sizeof *t->items);
    t->count = 0;
    unsigned newlines = 0;
    for (size_t i = 0; i < in->count; i++) {
        const dsl_token *d = &in->items[i];
        if (d->kind == TOK_NEWLINE) {
            newlines++;
            continue;
        }
        size_t len = d->len;
        if (d->kind == TOK_COMMENT)
            while (len > 0 && (d->text[len - 1] == ' ' || d->text[len - 1] == '\t' ||
                               d->text[len - 1] == '\f' || d->text[len - 1] == '\v'))
                len--;
        t->items[t->count++] = (tok){d->kind, d->text, len, newlines};
        newlines = 0;
    }
    t->items[t->count] = (tok){TOK_YYEOF, "", 0, newlines};
}

/* Characters (UTF-8 code points) in n bytes at s. */
static size_t width(const char *s, size_t n) {
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

/* One output line: its text and the comment at its end, if any. */
typedef struct line {
    char *text;
    const tok *comment;
    bool opens; /* it ends with a machine's '{' */
} line;

typedef struct printer {
    arena *a;
    const tok *t;
    size_t count;
    size_t next;        /* the first token not yet printed */
    line *lines;
    size_t line_count, line_cap;
    out cur;            /* the open line */
    bool open;
    bool cur_opens;     /* the open line ends with '{' */
    size_t col;         /* characters in the open line */
    size_t pad;         /* the next token starts at this column (0: one space) */
    size_t cont;        /* indentation of a line broken inside an item */
    bool blank_pending; /* a blank line is due before whatever comes next */
} printer;

static void add_line(printer *p, char *text, const tok *comment) {
    if (p->line_count == p->line_cap) {
        p->line_cap = p->line_cap ? 2 * p->line_cap : 128;
        p->lines = xrealloc(p->lines, p->line_cap * sizeof *p->lines);
    }
    p->lines[p->line_count++] = (line){text, comment, false};
}

/* Closes the open line, with comment at its end. */
static void flush(printer *p, const tok *comment) {
    if (!p->open)
        return;
    size_t n = p->cur.len;
    while (n > 0 && p->cur.data[n - 1] == ' ')
        n--;
    add_line(p, arena_strndup(p->a, p->cur.data ? p->cur.data : "", n), comment);
    p->lines[p->line_count - 1].opens = p->cur_opens;
    p->cur.len = 0;
    p->open = false;
    p->cur_opens = false;
}

/* A blank line, unless the output starts here or just opened a block. */
static void blank(printer *p) {
    flush(p, NULL);
    p->blank_pending = false;
    if (p->line_count == 0 || p->lines[p->line_count - 1].text[0] == '\0' ||
        p->lines[p->line_count - 1].opens)
        return;
    add_line(p, arena_strdup(p->a, ""), NULL);
}

static void start_line(printer *p, size_t indent) {
    flush(p, NULL);
    for (size_t i = 0; i < indent; i++)
        out_write(&p->cur, " ", 1);
    p->open = true;
    p->col = indent;
    p->pad = 0;
}

/* Prints the comments before token i: one on the open line's end closes it; one on a line of
   its own goes at indent, after a blank line if the author left one (and blanks are allowed). */
static void comments_before(printer *p, size_t i, size_t indent, bool blanks) {
    for (; p->next < i; p->next++) {
        const tok *c = &p->t[p->next];
        if (c->newlines == 0 && p->open) {
            flush(p, c);
            continue;
        }
        if (blanks && (c->newlines > 1 || p->blank_pending))
            blank(p);
        flush(p, NULL);
        char *text = arena_alloc(p->a, indent + c->len + 1);
        memset(text, ' ', indent);
        memcpy(text + indent, c->text, c->len);
        text[indent + c->len] = '\0';
        add_line(p, text, NULL);
    }
}

/* Prints significant token i where it goes: after its comments, on the open line (at the pad
   column, else after one space, none before a comma) or on a new continuation line. */
static void put(printer *p, size_t i) {
    comments_before(p, i, p->cont, false);
    const tok *t = &p->t[i];
    if (!p->open) {
        start_line(p, p->cont);
    } else if (p->pad) {
        size_t to = p->col < p->pad ? p->pad : p->col + 1;
        for (; p->col < to; p->col++)
            out_write(&p->cur, " ", 1);
    } else if (p->cur.len > 0 && p->cur.data[p->cur.len - 1] != ' ' &&
               t->kind != TOK_COMMA) {
        out_write(&p->cur, " ", 1);
        p->col++;
    }
    p->pad = 0;
    out_write(&p->cur, t->text, t->len);
    p->col += width(t->text, t->len);
    p->cur_opens = t->kind == TOK_LBRACE;
    p->next = i + 1;
}

/* The next significant token at or after i (count at the end). */
static size_t sig(const printer *p, size_t i) {
    while (i < p->count && p->t[i].kind == TOK_COMMENT)
        i++;
    return i;
}

static bool is(const printer *p, size_t i, int kind) { return i < p->count && p->t[i].kind == kind; }

static bool is_string(const printer *p, size_t i) { return i < p->count && p->t[i].kind == TOK_STRING; }

/* One item of a machine and where its parts start (token indices). */
typedef enum item_kind { I_INITIAL, I_TRIGGER, I_STATE, I_TRANSITION, I_ASSERT } item_kind;

typedef struct item {
    item_kind kind;
    size_t first;  /* its first token */
    size_t arrow;  /* transition: '->' */
    size_t by;     /* transition: 'by' */
    size_t doc;    /* the first doc string, or end when there is none */
    size_t end;    /* one past its last significant token */
} item;

/* Skips a list IDENT {',' IDENT} (or initiators) whose first element is at i; returns the
   index after it. */
static size_t skip_list(const printer *p, size_t i) {
    i = sig(p, i + 1);
    while (is(p, i, TOK_COMMA))
        i = sig(p, sig(p, i + 1) + 1);
    return i;
}

static size_t skip_strings(const printer *p, size_t i) {
    while (is_string(p, i))
        i = sig(p, i + 1);
    return i;
}

/* Reads the item starting at significant token i (the spec parsed, so the grammar holds). */
static item read_item(const printer *p, size_t i) {
    item it = {.first = i, .doc = p->count, .end = p->count};
    size_t j;
    if (is(p, i, TOK_INITIAL)) {
        it.kind = I_INITIAL;
        j = sig(p, sig(p, i + 1) + 1);
    } else if (is(p, i, TOK_TRIGGER) || is(p, i, TOK_GUARD) || is(p, i, TOK_STATE) ||
               is(p, i, TOK_FINAL)) {
        it.kind = is(p, i, TOK_TRIGGER) || is(p, i, TOK_GUARD) ? I_TRIGGER : I_STATE;
        j = is(p, i, TOK_FINAL) ? sig(p, i + 1) : i;   /* 'state' */
        j = sig(p, sig(p, j + 1) + 1);                /* after the name */
        if (it.kind == I_STATE && is(p, j, TOK_AS))
            j = sig(p, sig(p, j + 1) + 1);
        if (is_string(p, j))
            it.doc = j;
        j = skip_strings(p, j);
    } else if (is(p, i, TOK_ASSERT)) {
        it.kind = I_ASSERT;
        j = sig(p, i + 1);
        if (is(p, j, TOK_REACHABLE) || is(p, j, TOK_UNREACHABLE)) {
            j = sig(p, sig(p, j + 1) + 1); /* after the goal */
            if (is(p, j, TOK_FROM))
                j = sig(p, sig(p, j + 1) + 1);
            if (is(p, j, TOK_BY))
                j = skip_list(p, sig(p, j + 1));
        } else if (is(p, j, TOK_FINAL)) {
            j = sig(p, sig(p, j + 1) + 1);
        } else if (is(p, j, TOK_ONLY)) {
            j = skip_list(p, sig(p, j + 1)); /* initiators; now at '->' */
            j = sig(p, sig(p, j + 1) + 1);
            if (is(p, j, TOK_FROM)) /* 'from' '*' */
                j = sig(p, sig(p, j + 1) + 1);
        } else if (is(p, j, TOK_NO)) {
            j = sig(p, sig(p, j + 1) + 1);
            if (is(p, j, TOK_BY))
                j = skip_list(p, sig(p, j + 1));
        } else {
            j = skip_list(p, j);                         /* now at '->' */
            j = skip_list(p, sig(p, sig(p, j + 1) + 1)); /* 'only' names */
            if (is(p, j, TOK_BY))
                j = skip_list(p, sig(p, j + 1));
        }
    } else {
        it.kind = I_TRANSITION;
        j = i;
        while (!is(p, j, TOK_ARROW) && j < p->count)
            j = sig(p, j + 1);
        it.arrow = j;
        it.by = sig(p, sig(p, sig(p, sig(p, j + 1) + 1) + 1) + 1);
        if (is(p, it.by, TOK_AFTER)) /* 'after' DURATION */
            it.by = sig(p, sig(p, it.by + 1) + 1);
        j = skip_list(p, sig(p, it.by + 1));
        if (is(p, j, TOK_WHEN)) { /* 'when' ['not'] IDENT */
            j = sig(p, j + 1);
            if (is(p, j, TOK_NOT))
                j = sig(p, j + 1);
            j = sig(p, j + 1);
        }
        if (is_string(p, j))
            it.doc = j;
        j = skip_strings(p, j);
    }
    it.end = j;
    return it;
}

/* Does token j start a new line in a list: it follows a comma and the author broke the line
   there, or a comment came between? */
static bool breaks_before(const printer *p, size_t prev, size_t j) {
    return (is(p, prev, TOK_COMMA) && p->t[j].newlines > 0) || sig(p, prev + 1) != prev + 1;
}

/* Text width of significant tokens [from, to) printed one line (space-separated, commas glued). */
static size_t span_width(const printer *p, size_t from, size_t to) {
    size_t w = 0;
    for (size_t j = sig(p, from); j < to; j = sig(p, j + 1))
        w += (w && !is(p, j, TOK_COMMA) ? 1 : 0) + width(p->t[j].text, p->t[j].len);
    return w;
}

/* The columns of one machine. */
typedef struct columns {
    size_t trigger_doc, state_doc;       /* where a same-line doc starts */
    size_t arrow, on, by, transition_doc; /* transitions */
} columns;

static size_t max(size_t a, size_t b) { return a > b ? a : b; }

static bool doc_on_header_line(const printer *p, const item *it) {
    return it->doc < p->count && p->t[it->doc].newlines == 0 && p->t[it->doc - 1].kind != TOK_COMMENT;
}

static columns measure(const printer *p, const item *items, size_t n) {
    size_t trig = 0, state = 0, src = 0, target = 0, trigger = 0, by = 0;
    for (size_t k = 0; k < n; k++) {
        const item *it = &items[k];
        bool same = doc_on_header_line(p, it);
        if (it->kind == I_TRIGGER && same)
            trig = max(trig, span_width(p, it->first, it->doc));
        else if (it->kind == I_STATE && same)
            state = max(state, span_width(p, it->first, it->doc));
        if (it->kind != I_TRANSITION)
            continue;
        size_t w = 0, prev = p->count;
        for (size_t j = it->first; j < it->arrow; prev = j, j = sig(p, j + 1)) {
            if (prev < p->count && breaks_before(p, prev, j)) {
                src = max(src, w);
                w = 0;
            }
            w += (w && !is(p, j, TOK_COMMA) ? 1 : 0) + width(p->t[j].text, p->t[j].len);
        }
        src = max(src, w);
        size_t tg = sig(p, it->arrow + 1), on = sig(p, tg + 1), tr = sig(p, on + 1);
        target = max(target, p->t[tg].len);
        trigger = max(trigger, span_width(p, tr, it->by)); /* with 'after DURATION' */
        if (same)
            by = max(by, span_width(p, it->by, it->doc));
    }
    columns c;
    c.trigger_doc = 4 + trig + 2;
    c.state_doc = 4 + state + 2;
    c.arrow = 4 + src + 2;
    c.on = c.arrow + 3 + target + 2;
    c.by = c.on + 3 + trigger + 2;
    c.transition_doc = c.by + by + 2;
    return c;
}

/* Doc strings from it->doc on: the first at the column when the author kept it on the header's
   line, else on its own line; the rest each on a line of its own. */
static void print_docs(printer *p, const item *it, size_t column, size_t indent) {
    for (size_t j = it->doc; j < it->end; j = sig(p, j + 1)) {
        if (j == it->doc && doc_on_header_line(p, it) && p->open)
            p->pad = column;
        else {
            comments_before(p, j, indent, false);
            start_line(p, indent);
        }
        put(p, j);
    }
}

static void print_item(printer *p, const item *it, const columns *c) {
    p->cont = 8;
    start_line(p, 4);
    if (it->kind == I_TRANSITION) {
        size_t prev = p->count;
        p->cont = 4;
        for (size_t j = it->first; j < it->arrow; prev = j, j = sig(p, j + 1)) {
            if (prev < p->count && breaks_before(p, prev, j) && p->open) {
                comments_before(p, j, 4, false);
                start_line(p, 4);
            }
            put(p, j);
        }
        p->cont = 8;
        size_t tg = sig(p, it->arrow + 1), on = sig(p, tg + 1), tr = sig(p, on + 1);
        p->pad = c->arrow;
        put(p, it->arrow);
        put(p, tg);
        p->pad = c->on;
        put(p, on);
        for (size_t j = tr; j < it->by; j = sig(p, j + 1))
            put(p, j);
        p->pad = c->by;
        for (size_t j = it->by; j < it->doc && j < it->end; j = sig(p, j + 1))
            put(p, j);
        print_docs(p, it, c->transition_doc, 8);
        return;
    }
    size_t header_end = it->doc < it->end ? it->doc : it->end;
    for (size_t j = it->first; j < header_end; j = sig(p, j + 1))
        put(p, j);
    if (it->doc < it->end)
        print_docs(p, it, it->kind == I_TRIGGER ? c->trigger_doc : c->state_doc, 8);
}

/* machine -> 'machine' IDENT [doc] '{' { item } '}'; i is 'machine'. Returns the index after. */
static size_t print_machine(printer *p, size_t i) {
    start_line(p, 0);
    p->cont = 4;
    put(p, i);
    size_t j = sig(p, i + 1);
    put(p, j);
    size_t header_lines = p->line_count;
    item doc = {.first = i, .doc = sig(p, j + 1)};
    doc.end = skip_strings(p, doc.doc);
    if (doc.end != doc.doc)
        print_docs(p, &doc, 0, 4);
    j = doc.end; /* '{' */
    if (p->line_count == header_lines && p->open) {
        put(p, j);
    } else {
        comments_before(p, j, 4, false);
        start_line(p, 0);
        put(p, j);
    }
    /* The items, read first so their columns are known. */
    size_t n = 0, cap = 16;
    item *items = xrealloc(NULL, cap * sizeof *items);
    for (size_t k = sig(p, j + 1); k < p->count && !is(p, k, TOK_RBRACE);) {
        if (n == cap)
            items = xrealloc(items, (cap *= 2) * sizeof *items);
        items[n] = read_item(p, k);
        k = items[n++].end;
    }
    columns c = measure(p, items, n);
    for (size_t k = 0; k < n; k++) {
        comments_before(p, items[k].first, 4, true);
        if (p->t[items[k].first].newlines > 1)
            blank(p);
        print_item(p, &items[k], &c);
    }
    size_t close = n ? items[n - 1].end : sig(p, j + 1);
    comments_before(p, close, 4, true);
    start_line(p, 0);
    p->cont = 0;
    put(p, close);
    free(items);
    return close + 1;
}

/* Trailing comments on consecutive lines start in one column, two spaces after the longest. */
static void write_lines(const printer *p, out *o) {
    for (size_t k = 0; k < p->line_count;) {
        size_t end = k, col = 0;
        while (end < p->line_count && p->lines[end].comment) {
            col = max(col, width(p->lines[end].text, strlen(p->lines[end].text)) + 2);
            end++;
        }
        if (end == k)
            end = k + 1;
        for (; k < end; k++) {
            const line *l = &p->lines[k];
            out_puts(o, l->text);
            if (l->comment) {
                size_t w = width(l->text, strlen(l->text));
                if (w == 0)
                    w = col; /* a comment alone never comes here, but be safe */
                for (; w < col; w++)
                    out_write(o, " ", 1);
                out_write(o, l->comment->text, l->comment->len);
            }
            out_write(o, "\n", 1);
        }
    }
}

/* Do two texts hold the same tokens (comments included)? */
static bool same_tokens(const tokens *x, const tokens *y) {
    if (x->count != y->count)
        return false;
    for (size_t i = 0; i < x->count; i++)
        if (x->items[i].kind != y->items[i].kind || x->items[i].len != y->items[i].len ||
            memcmp(x->items[i].text, y->items[i].text, x->items[i].len) != 0)
            return false;
    return true;
}

bool fmt_source(arena *a, diag *d, source *src, out *o) {
    dsl_tokens scanned = {0};
    bool parsed = dsl_parse_tokens(a, d, src, &scanned) != NULL;
    tokens t = {0};
    from_scanner(&scanned, &t);
    free(scanned.items);
    if (!parsed) {
        free(t.items);
        return false;
    }
    printer p = {.a = a, .t = t.items, .count = t.count};
    /* file -> { machine }, with comments between. */
    for (size_t i = sig(&p, 0); i < p.count; i = sig(&p, i)) {
        comments_before(&p, i, 0, true);
        if (p.t[i].newlines > 1 || p.blank_pending)
            blank(&p);
        i = print_machine(&p, i);
        p.blank_pending = true;
    }
    comments_before(&p, p.count, 0, true);
    flush(&p, NULL);
    write_lines(&p, o);
    /* A safety net: the layout moves tokens, it never changes them, and what it writes parses.
       Should it not, the parser's messages name the formatted text. */
    diag again = *d;
    again.errors = again.warnings = again.promoted = 0;
    arena net = {0}; /* its own, freed at once: the tree of the output is not kept */
    const char *name = arena_printf(&net, "%s (formatted)", src->path);
    source *formatted = source_from_bytes(&net, name, o->data ? o->data : "", o->len);
    tokens after = {0};
    scanned = (dsl_tokens){0};
    parsed = dsl_parse_tokens(&net, &again, formatted, &scanned) != NULL;
    from_scanner(&scanned, &after);
    free(scanned.items);
    bool ok = parsed && same_tokens(&t, &after);
    if (!ok)
        diag_error(d, (src_loc){0}, "%s: internal error: formatting would change its tokens; "
                   "the file is left as it is", src->path);
    free(after.items);
    arena_free(&net);
    free(p.lines);
    out_free(&p.cur);
    free(t.items);
    return ok;
}

/* Replaces the file at path by data through a temporary file and a rename, so a failure leaves
   the old file whole. A symbolic link is followed: its target is replaced and the link stays.
   The file keeps its permission bits. Returns NULL or a message (malloc'd). */
static char *replace_file(const char *path, const char *data, size_t len) {
    char *target = realpath(path, NULL);
    struct stat st;
    char *err = NULL, *tmp = NULL;
    if (!target || stat(target, &st) != 0) {
        err = xrealloc(NULL, strlen(path) + 256);
        sprintf(err, "cannot write '%s': %s", path, strerror(errno));
        free(target);
        return err;
    }
    tmp = xrealloc(NULL, strlen(target) + 16);
    sprintf(tmp, "%s.fmt-XXXXXX", target);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    bool ok = f && fchmod(fd, st.st_mode & 07777) == 0 && fwrite(data, 1, len, f) == len;
    int saved = errno;
    if (f)
        ok = fclose(f) == 0 && ok;
    else if (fd >= 0)
        close(fd);
    if (ok && rename(tmp, target) != 0)
        ok = false, saved = errno;
    if (!ok) {
        if (fd >= 0)
            unlink(tmp);
        err = xrealloc(NULL, strlen(target) + 256);
        sprintf(err, "cannot write '%s': %s", target, strerror(saved ? saved : errno));
    }
    free(tmp);
    free(target);
    return err;
}

int fmt_main(int argc, char **argv) {
    bool check = false, to_stdout = false, any = false, dashdash = false;
    for (int i = 1; i < argc; i++) {
        if (dashdash || argv[i][0] != '-' || argv[i][1] == '\0')
            any = true;
        else if (strcmp(argv[i], "--") == 0)
            dashdash = true;
        else if (strcmp(argv[i], "--check") == 0)
            check = true;
        else if (strcmp(argv[i], "--stdout") == 0)
            to_stdout = true;
        else {
            fprintf(stderr, "transitc: error: unknown option '%s'\n"
                            "Try 'transitc --help' for more information.\n", argv[i]);
            return 2;
        }
    }
    if (!any) {
        fprintf(stderr, "transitc: error: %s: no spec file given\n"
                        "Try 'transitc --help' for more information.\n", argv[0]);
        return 2;
    }
    int status = 0;
    dashdash = false;
    for (int i = 1; i < argc; i++) {
        const char *path = argv[i];
        if (!dashdash && strcmp(path, "--") == 0) {
            dashdash = true;
            continue;
        }
        if (!dashdash && path[0] == '-' && path[1] != '\0')
            continue;
        bool from_stdin = !dashdash && strcmp(path, "-") == 0;
        arena a = {0};
        diag d;
        diag_init(&d, stderr);
        for (int w = 0; w < DIAG_WARNING_COUNT; w++)
            d.disabled[w] = true; /* formatting reports syntax errors only */
        const char *err = NULL; /* "-" is standard input, unless it comes after "--" */
        source *src = source_read(&a, from_stdin || strcmp(path, "-") ? path : "./-", &err);
        out o = {0};
        if (!src) {
            fprintf(stderr, "transitc: error: %s\n", err);
            status = 2;
        } else if (!fmt_source(&a, &d, src, &o)) {
            if (status == 0)
                status = 1;
        } else {
            bool same = o.len == src->len && memcmp(o.data ? o.data : "", src->text, o.len) == 0;
            if (check) {
                if (!same) {
                    printf("%s\n", src->path);
                    if (status == 0)
                        status = 1;
                }
            } else if (to_stdout || from_stdin) {
                fwrite(o.data ? o.data : "", 1, o.len, stdout);
            } else if (!same) {
                char *werr = replace_file(path, o.data ? o.data : "", o.len);
                if (werr) {
                    fprintf(stderr, "transitc: error: %s\n", werr);
                    free(werr);
                    status = 2;
                }
            }
        }
        out_free(&o);
        arena_free(&a);
    }
    if (fflush(stdout) != 0)
        return 2;
    return status;
}
