/*
** The front end's entry point: spec text in, syntax tree out. Reentrant: no global state, so
** any number of parses may run in one process.
*/
#ifndef DSL_PARSE_H
#define DSL_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"

/* After this many bytes that start no token, a file is taken for something else (a binary, a
   wrong encoding): the scanner says so once and stops, rather than report every byte. */
enum { DSL_BAD_BYTES_MAX = 20 };

/* The longest name, in characters: enough for any real name, and short enough that generated
   file names and C identifiers built from it stay within every system's limits. */
enum { DSL_NAME_MAX = 128 };

/* The longest duration, in milliseconds: 9223372036854 (about 292 years), the most Go's
   time.Duration (int64 nanoseconds) holds; below 2^53, so JSON readers and JavaScript hold every
   duration exactly too, and every output states a duration as written. */
#define DSL_DURATION_MAX_MS UINT64_C(9223372036854)

/* A token as the scanner read it, for a tool that prints a spec again (transitc fmt). */
typedef struct dsl_token {
    int kind;         /* the parser's token kind (TOK_... of parser.h), or TOK_NEWLINE or
                         TOK_COMMENT: a line break, a comment to the end of its line */
    const char *text; /* its bytes in the source, as written: a string with its quotes and
                         escapes, a comment with its '#' */
    size_t len;
    src_loc loc;
} dsl_token;

typedef struct dsl_tokens {
    dsl_token *items; /* malloc'd: the caller frees it */
    size_t count, cap;
} dsl_tokens;

/* What the scanner and parser share while one source is parsed. */
typedef struct dsl_parser {
    arena *arena;          /* strings (names interned, docs) */
    arena *tree;           /* the nodes: a part of arena (ast_file.tree) */
    diag *diag;
    source *src;
    uint32_t line, column; /* the scanner's position: the next byte's line and column */
    char *buf;             /* the string being scanned (malloc'd, freed by dsl_parse) */
    size_t buf_len, buf_cap;
    src_loc string_loc;    /* where that string opened */
    bool string_bad;       /* it held a byte that cannot be kept (already reported) */
    src_loc earlier, previous, current; /* the last three tokens read, for messages: where */
    int earlier_kind, previous_kind, current_kind; /* they are, their symbol kinds, */
    const char *previous_text, *current_text; /* and the text of a name */
    int item_kind;         /* the keyword (or '->') of the item being read, for messages, */
    int item_as;           /* and how many 'as' it has had */
    src_loc open_brace;    /* the '{' of the machine being parsed, if any */
    bool in_machine;
    int last_token;        /* the token returned last (after 'after', digits start a duration) */
    int bad_bytes;         /* bytes no token starts with, reported so far; too many end the scan */
    dsl_tokens *tokens;    /* trivia mode: every token read, line breaks and comments included */
    size_t tokens_end;     /* where the last of them ends (a byte offset in the source) */
    ast_node *machines, **tail;
} dsl_parser;

/* Parses src. Returns the file's machines; on a syntax or lexical error, reports it to d and
   returns NULL (every node is in the arena either way). */
ast_file *dsl_parse(arena *a, diag *d, source *src);

/* As dsl_parse, with the scanner in trivia mode: every token it reads, line breaks and comments
   included, is appended to *tokens (on an error too, up to where the scan stopped). So a tool
   that prints the spec again reads the very tokens the parser read, and the lexical language
   is written once, in lexer.l. */
ast_file *dsl_parse_tokens(arena *a, diag *d, source *src, dsl_tokens *tokens);

#endif
