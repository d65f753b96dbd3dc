/*
** Grammar of transit specs. A pure, reentrant parser: it builds the syntax tree in the arena and
** reports syntax errors with what was expected. It resolves no names: that is the checker's work.
*/
%require "3.7"
%define api.pure full
%define api.prefix {dsl_yy}
%define api.token.prefix {TOK_}
%define api.location.type {src_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {dsl_parser *p}

%code requires {
#include "ast.h"
#include "parse.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code provides {
/* The scanner proper; the parser reads tokens through dsl_yylex, which remembers the previous
   token's place for messages. */
#define YY_DECL int dsl_yyscan(DSL_YYSTYPE *yylval_param, src_loc *yylloc_param, yyscan_t yyscanner)
YY_DECL;
/* The offset in the source of the byte after the text the scanner matched last. */
size_t dsl_yyoffset(yyscan_t scanner);
}

%code {
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* parser.c defines YYSTYPE and YYLTYPE, which the scanner header uses. */
#include "lexer.h"

/* A span from the start of the first symbol to the end of the last (the end only when both
   are on one line). */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                        \
    do {                                                                                   \
        if (N) {                                                                           \
            (Cur) = YYRHSLOC(Rhs, 1);                                                      \
            if (YYRHSLOC(Rhs, N).line == (Cur).line)                                       \
                (Cur).end_column = YYRHSLOC(Rhs, N).end_column;                            \
        } else {                                                                           \
            (Cur) = YYRHSLOC(Rhs, 0);                                                      \
            (Cur).column = (Cur).end_column;                                               \
        }                                                                                  \
    } while (0)

/* The next token; the one before it stays in p->previous. */
static int dsl_yylex(DSL_YYSTYPE *lval, src_loc *lloc, yyscan_t scanner);

static void yyerror(const src_loc *loc, yyscan_t scanner, dsl_parser *p, const char *msg) {
    (void)scanner;
    diag_error(p->diag, *loc, "%s", msg);
}

/* The pieces of a doc joined into one string: one copy, however many pieces. */
static const char *join(dsl_parser *p, const ast_name *pieces, size_t len) {
    if (!pieces->next)
        return pieces->text;
    char *s = arena_alloc(p->arena, len + 1), *at = s;
    for (const ast_name *n = pieces; n; n = n->next) {
        size_t l = strlen(n->text);
        memcpy(at, n->text, l);
        at += l;
    }
    *at = '\0';
    return s;
}

/* Adds the initiator bit to mask, warning when it is already there. */
static unsigned add_initiator(dsl_parser *p, unsigned mask, unsigned bit, src_loc loc) {
    if (mask & bit)
        diag_warn(p->diag, DIAG_W_DUPLICATE, loc, "initiator '%s' listed twice",
                     ast_initiator_name(bit));
    return mask | bit;
}

static ast_node *new_assert(dsl_parser *p, src_loc loc, ast_assert_form form) {
    ast_node *n = ast_new(p->tree, AST_ASSERT, loc);
    n->as.assertion.form = form;
    return n;
}
}

%union {
    const char *str;
    ast_name *name;
    ast_node *node;
    unsigned mask;
    struct {
        ast_name *head, *tail;
        size_t len; /* doc pieces: their total length */
    } list;
    struct {
        ast_target kind;
        ast_name *name;
    } target;
    struct {
        uint64_t ms;      /* 0 when reported bad */
        const char *text; /* as written: "90s" */
    } duration;
    struct {
        ast_name *name;
        bool negated;
    } when;
}

%token MACHINE "'machine'" INITIAL "'initial'" TRIGGER "'trigger'" STATE "'state'"
%token FINAL "'final'" AS "'as'" ON "'on'" BY "'by'" EXCEPT "'except'"
%token USER "'user'" AUTO "'auto'" SELF "'self'"
%token ASSERT "'assert'" REACHABLE "'reachable'" UNREACHABLE "'unreachable'" FROM "'from'"
%token ONLY "'only'" NO "'no'" GUARD "'guard'" WHEN "'when'" NOT "'not'" AFTER "'after'"
%token DEADLOCK "'deadlock'"
%token ARROW "'->'" LBRACE "'{'" RBRACE "'}'" STAR "'*'" COMMA "','"
%token <str> IDENT "identifier" STRING "string"
%token <duration> DURATION "duration"
/* Trivia: returned by the scanner only for dsl_parse_tokens, and never passed to the grammar. */
%token NEWLINE "line break" COMMENT "comment"

%type <str> docopt asopt
%type <name> name
%type <list> names doc
%type <node> machine items item transition head assertion
%type <when> whenopt
%type <mask> initiator initiators byopt
%type <target> goal fromopt

%%

/* file -> { machine } */
file:
    %empty
  | file machine      { *p->tail = $2; p->tail = &$2->next; }
  | file error        /* reported; parsing resumes at the next 'machine' */
  ;

/* machine -> 'machine' IDENT [doc] '{' { item } '}' */
machine:
    MACHINE name docopt LBRACE
        { p->open_brace = @4; p->in_machine = true; }
    items RBRACE
        {
            $$ = ast_new(p->tree, AST_MACHINE, @1);
            $$->as.machine.name = $2;
            $$->as.machine.doc = $3;
            $$->as.machine.items = $6;
            $$->as.machine.close = @7;
            p->in_machine = false;
        }
  ;

/* Items are linked newest first while parsing (O(1) each); dsl_parse turns the list round. */
items:
    %empty            { $$ = NULL; }
  | items item        { $2->next = $1; $$ = $2; }
  | items error       { $$ = $1; /* reported; parsing resumes at the next item */ }
  ;

item:
    INITIAL name                      {
                                        $$ = ast_new(p->tree, AST_INITIAL, @1);
                                        $$->as.initial.state = $2;
                                      }
  | TRIGGER name docopt               {
                                        $$ = ast_new(p->tree, AST_TRIGGER, @1);
                                        $$->as.trigger.name = $2;
                                        $$->as.trigger.doc = $3;
                                      }
  | STATE name asopt docopt           {
                                        $$ = ast_new(p->tree, AST_STATE, @1);
                                        $$->as.state.name = $2;
                                        $$->as.state.persisted = $3;
                                        $$->as.state.persisted_loc = @3;
                                        $$->as.state.doc = $4;
                                      }
  | FINAL STATE name asopt docopt     {
                                        $$ = ast_new(p->tree, AST_STATE, @1);
                                        $$->as.state.name = $3;
                                        $$->as.state.final = true;
                                        $$->as.state.persisted = $4;
                                        $$->as.state.persisted_loc = @4;
                                        $$->as.state.doc = $5;
                                      }
  | GUARD name docopt                 {
                                        $$ = ast_new(p->tree, AST_GUARD, @1);
                                        $$->as.guard.name = $2;
                                        $$->as.guard.doc = $3;
                                      }
  | transition
  | ASSERT assertion                  { $$ = $2; $$->loc = @1; }
  ;

/* transition -> sources '->' IDENT 'on' IDENT ['after' DURATION] 'by' initiators
                 ['when' ['not'] IDENT] [doc]
   sources -> names | '*' ['except' names] */
transition:
    names head                { $$ = $2; $$->loc = @1; $$->as.transition.sources = $1.head; }
  | STAR head                 { $$ = $2; $$->loc = @1; }
  | STAR EXCEPT names head    { $$ = $4; $$->loc = @1; $$->as.transition.except = $3.head; }
  ;

head:
    ARROW name ON name BY initiators whenopt docopt
        {
            $$ = ast_new(p->tree, AST_TRANSITION, @1);
            $$->as.transition.target = $2;
            $$->as.transition.trigger = $4;
            $$->as.transition.by = $6;
            $$->as.transition.guard = $7.name;
            $$->as.transition.negated = $7.negated;
            $$->as.transition.doc = $8;
        }
  | ARROW name ON name AFTER DURATION BY initiators whenopt docopt
        {
            $$ = ast_new(p->tree, AST_TRANSITION, @1);
            $$->as.transition.target = $2;
            $$->as.transition.trigger = $4;
            $$->as.transition.after_ms = $6.ms;
            $$->as.transition.after = $6.text;
            $$->as.transition.after_loc = @5;
            if (@6.line == @5.line)
                $$->as.transition.after_loc.end_column = @6.end_column;
            $$->as.transition.by = $8;
            $$->as.transition.guard = $9.name;
            $$->as.transition.negated = $9.negated;
            $$->as.transition.doc = $10;
        }
  ;

whenopt:
    %empty            { $$.name = NULL; $$.negated = false; }
  | WHEN name         { $$.name = $2; $$.negated = false; }
  | WHEN NOT name     { $$.name = $3; $$.negated = true; }
  ;

/* assertion -> reachable goal [from place] [by ...] | unreachable ... | final IDENT
              | only initiators '->' IDENT ['from' '*'] | names '->' only names [by ...] | no deadlock [by] */
assertion:
    REACHABLE goal fromopt byopt
        {
            $$ = new_assert(p, @1, AST_ASSERT_REACHABLE);
            $$->as.assertion.goal_kind = $2.kind;
            $$->as.assertion.subjects = $2.name;
            $$->as.assertion.from_kind = $3.kind;
            $$->as.assertion.objects = $3.name;
            $$->as.assertion.by = $4;
        }
  | UNREACHABLE goal fromopt byopt
        {
            $$ = new_assert(p, @1, AST_ASSERT_UNREACHABLE);
            $$->as.assertion.goal_kind = $2.kind;
            $$->as.assertion.subjects = $2.name;
            $$->as.assertion.from_kind = $3.kind;
            $$->as.assertion.objects = $3.name;
            $$->as.assertion.by = $4;
        }
  | FINAL name
        {
            $$ = new_assert(p, @1, AST_ASSERT_FINAL);
            $$->as.assertion.subjects = $2;
        }
  | ONLY initiators ARROW name
        {
            $$ = new_assert(p, @1, AST_ASSERT_ONLY_BY);
            $$->as.assertion.by = $2;
            $$->as.assertion.subjects = $4;
        }
  | ONLY initiators ARROW name FROM STAR
        {
            $$ = new_assert(p, @1, AST_ASSERT_ONLY_BY);
            $$->as.assertion.by = $2;
            $$->as.assertion.subjects = $4;
            $$->as.assertion.from_kind = AST_TARGET_ANY; /* self-loops on the target left out */
        }
  | names ARROW ONLY names byopt
        {
            $$ = new_assert(p, @1, AST_ASSERT_ONLY_TO);
            $$->as.assertion.subjects = $1.head;
            $$->as.assertion.objects = $4.head;
            $$->as.assertion.by = $5;
        }
  | NO DEADLOCK byopt
        {
            $$ = new_assert(p, @1, AST_ASSERT_NO_DEADLOCK);
            $$->as.assertion.by = $3;
        }
  ;

goal:
    name              { $$.kind = AST_TARGET_NAME; $$.name = $1; }
  | STAR               { $$.kind = AST_TARGET_ANY; $$.name = NULL; }
  | FINAL             { $$.kind = AST_TARGET_FINAL; $$.name = NULL; }
  ;

fromopt:
    %empty            { $$.kind = AST_TARGET_NONE; $$.name = NULL; }
  | FROM name         { $$.kind = AST_TARGET_NAME; $$.name = $2; }
  | FROM STAR          { $$.kind = AST_TARGET_ANY; $$.name = NULL; }
  ;

byopt:
    %empty            { $$ = 0; }
  | BY initiators     { $$ = $2; }
  ;

initiators:
    initiator                 { $$ = $1; }
  | initiators COMMA initiator  { $$ = add_initiator(p, $1, $3, @3); }
  ;

initiator:
    USER              { $$ = AST_USER; }
  | AUTO              { $$ = AST_AUTO; }
  | SELF              { $$ = AST_SELF; }
  ;

names:
    name              { $$.head = $$.tail = $1; }
  | names COMMA name    { $1.tail->next = $3; $$.head = $1.head; $$.tail = $3; }
  ;

name:
    IDENT             { $$ = ast_new_name(p->tree, $1, @1); }
  ;

asopt:
    %empty            { $$ = NULL; }
  | AS STRING         { $$ = $2; }
  ;

docopt:
    %empty            { $$ = NULL; }
  | doc               { $$ = join(p, $1.head, $1.len); }
  ;

/* doc -> STRING { STRING }: adjacent strings concatenate (joined once, by docopt) */
doc:
    STRING            {
                        $$.head = $$.tail = ast_new_name(p->tree, $1, @1);
                        $$.len = strlen($1);
                      }
  | doc STRING        {
                        $1.tail->next = ast_new_name(p->tree, $2, @2);
                        $$.head = $1.head;
                        $$.tail = $1.tail->next;
                        $$.len = $1.len + strlen($2);
                      }
  ;

%%

/* Trivia mode: appends token (just scanned) and the trivia after it to p->tokens with their
   text as written; returns the first token that is not trivia, for the grammar. Out of line, so
   the parser's usual path (no trivia) stays as short as without it. */
__attribute__((noinline)) static int keep_tokens(dsl_parser *p, int token, DSL_YYSTYPE *lval,
                                                 src_loc *lloc, yyscan_t scanner) {
    for (;; token = dsl_yyscan(lval, lloc, scanner)) {
        if (token == TOK_YYEOF)
            return token;
        /* Between two tokens there are only blanks: line breaks and comments are tokens here. */
        size_t end = dsl_yyoffset(scanner), start = p->tokens_end;
        if (end > p->src->len)
            end = p->src->len;
        if (start > end)
            start = end;
        while (start < end && (p->src->text[start] == ' ' || p->src->text[start] == '\t' ||
                               p->src->text[start] == '\f' || p->src->text[start] == '\v'))
            start++;
        dsl_tokens *t = p->tokens;
        if (t->count == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 256;
            t->items = xrealloc(t->items, t->cap * sizeof *t->items);
        }
        t->items[t->count++] = (dsl_token){token, p->src->text + start, end - start, *lloc};
        p->tokens_end = end;
        if (token != TOK_NEWLINE && token != TOK_COMMENT)
            return token;
    }
}

/* The next token, read through the scanner; the one before it stays in p->previous. */
static int dsl_yylex(DSL_YYSTYPE *lval, src_loc *lloc, yyscan_t scanner) {
    dsl_parser *p = dsl_yyget_extra(scanner);
    int token = dsl_yyscan(lval, lloc, scanner);
    if (p->tokens)
        token = keep_tokens(p, token, lval, lloc, scanner);
    p->earlier = p->previous;
    p->earlier_kind = p->previous_kind;
    p->previous = p->current;
    p->previous_kind = p->current_kind;
    p->previous_text = p->current_text;
    p->current = *lloc;
    p->current_kind = YYTRANSLATE(token);
    p->current_text = token == TOK_IDENT ? lval->str : NULL;
    p->last_token = token;
    if (token == TOK_MACHINE || token == TOK_INITIAL || token == TOK_TRIGGER ||
        token == TOK_STATE || token == TOK_ASSERT || token == TOK_ARROW)
        p->item_kind = token, p->item_as = 0;
    else if (token == TOK_AS)
        p->item_as++;
    return token;
}

/* How a token is named in a message: its alias, or for a name what it spelled. */
static const char *describe(yysymbol_kind_t kind, const char *text, char *buf, size_t size) {
    if (kind == YYSYMBOL_IDENT && text) {
        snprintf(buf, size, "'%s'", text);
        return buf;
    }
    return yysymbol_name(kind);
}

/* "expected 'on' before identifier" with every token that could come next (LAC makes that list
   exact). When the unexpected token starts a later line while an item is unfinished, the error
   points just after the last token ("expected 'by' after 'open'"): that is where the gap is. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, dsl_parser *p) {
    (void)scanner;
    if (p->bad_bytes > DSL_BAD_BYTES_MAX)
        return 0; /* the scanner gave up on the file and said so */
    enum { MAX_EXPECTED = 16 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
    if (n < 0)
        n = 0;
    /* The tokens that can start an item are listed as one: "an item". */
    static const yysymbol_kind_t item_start[] = {
        YYSYMBOL_INITIAL, YYSYMBOL_TRIGGER, YYSYMBOL_STATE, YYSYMBOL_FINAL,
        YYSYMBOL_GUARD,   YYSYMBOL_ASSERT,  YYSYMBOL_IDENT, YYSYMBOL_STAR};
    enum { ITEM_STARTS = sizeof item_start / sizeof item_start[0] };
    bool name_expected = false, boundary = false;
    int starts = 0;
    for (int i = 0; i < n; i++) {
        name_expected |= expected[i] == YYSYMBOL_IDENT;
        /* Between items or machines: nothing is left unfinished. */
        boundary |= expected[i] == YYSYMBOL_RBRACE || expected[i] == YYSYMBOL_MACHINE ||
                    expected[i] == YYSYMBOL_YYEOF;
        for (int k = 0; k < ITEM_STARTS; k++)
            starts += expected[i] == item_start[k];
    }
    bool items = starts == ITEM_STARTS;
    const char *names[MAX_EXPECTED + 1];
    int count = 0;
    for (int i = 0; i < n; i++) {
        bool starts_item = false;
        for (int k = 0; k < ITEM_STARTS; k++)
            starts_item |= expected[i] == item_start[k];
        if (!(items && starts_item))
            names[count++] = yysymbol_name(expected[i]);
    }
    if (items)
        names[count++] = "an item";
    char list[1024] = "";
    size_t len = 0;
    for (int i = 0; i < count && len < sizeof list; i++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                i == 0 ? "" : i == count - 1 ? " or " : ", ", names[i]);

    yysymbol_kind_t got = yypcontext_token(ctx);
    src_loc at = *yypcontext_location(ctx);
    char got_buf[96], prev_buf[96];
    const char *got_name = describe(got, p->current_text, got_buf, sizeof got_buf);
    bool later_line = p->previous.src && at.line > p->previous.line;
    bool keyword = got >= YYSYMBOL_MACHINE && got <= YYSYMBOL_DEADLOCK;
    if (later_line && (!boundary || got == YYSYMBOL_YYEOF)) {
        at = p->previous;
        at.column = at.end_column;
        at.end_column = at.column + 1;
    }
    bool close_expected = false, machine_expected = false, starts_item = false;
    for (int i = 0; i < n; i++) {
        close_expected |= expected[i] == YYSYMBOL_RBRACE;
        machine_expected |= expected[i] == YYSYMBOL_MACHINE;
    }
    for (int k = 0; k < ITEM_STARTS; k++)
        starts_item |= got == item_start[k];
    bool when_expected = false, by_expected = false;
    for (int i = 0; i < n; i++) {
        when_expected |= expected[i] == YYSYMBOL_WHEN;
        by_expected |= expected[i] == YYSYMBOL_BY;
    }
    bool initiator_expected = false;
    for (int i = 0; i < n; i++)
        initiator_expected |= expected[i] == YYSYMBOL_USER;
    if (p->previous_kind == YYSYMBOL_IDENT &&
        (p->earlier_kind == YYSYMBOL_WHEN || p->earlier_kind == YYSYMBOL_NOT) &&
        p->previous.line > p->earlier.line) {
        /* 'when' at the end of a line took the next line's first name for its guard. */
        at = p->earlier;
        at.column = at.end_column;
        at.end_column = at.column + 1;
        diag_error(p->diag, at, "expected a guard name after '%s'",
                   p->earlier_kind == YYSYMBOL_WHEN ? "when" : "not");
        diag_note(p->diag, p->previous, "'%s' on the next line was read as the guard",
                  p->previous_text);
    } else if ((p->previous_kind == YYSYMBOL_WHEN || p->previous_kind == YYSYMBOL_NOT) &&
               got != YYSYMBOL_IDENT && !later_line)
        diag_error(p->diag, at, "expected a guard name after '%s' before %s",
                   p->previous_kind == YYSYMBOL_WHEN ? "when" : "not", got_name);
    else if (p->previous_kind == YYSYMBOL_AFTER && !later_line)
        diag_error(p->diag, at, "expected a duration (an integer and ms, s, m, h or d: 90s) "
                   "before %s", got_name);
    else if (got == YYSYMBOL_AFTER && when_expected)
        diag_error(p->diag, at, "'after DURATION' goes before 'by': "
                   "'a -> b on expire after 90s by auto'");
    else if (got == YYSYMBOL_WHEN && by_expected)
        diag_error(p->diag, at, "'when GUARD' goes after the initiators: "
                   "'a -> b on open by user when unlocked'");
    else if (initiator_expected && got == YYSYMBOL_IDENT && !later_line)
        diag_error(p->diag, at, "unknown initiator %s: an initiator is 'user', 'auto' or 'self'",
                   got_name);
    else if (got == YYSYMBOL_AS && p->previous_kind == YYSYMBOL_STRING &&
             p->item_kind == TOK_STATE && !later_line)
        diag_error(p->diag, at, "%s",
                   p->item_as > 1 ? "a state has one persisted name: 'as' given twice"
                                  : "'as' comes before the doc: write 'state NAME as "
                                    "\"persisted\" \"doc\"'");
    else if (got == YYSYMBOL_AS && p->item_kind != TOK_STATE && !later_line)
        diag_error(p->diag, at, "only a state has a persisted name ('as')");
    else if (close_expected && got == YYSYMBOL_YYEOF)
        diag_error(p->diag, at, "expected '}' before end of file");
    else if (close_expected && got == YYSYMBOL_MACHINE)
        diag_error(p->diag, at, "expected '}' before 'machine': machines do not nest");
    else if (machine_expected && !close_expected && got == YYSYMBOL_RBRACE)
        diag_error(p->diag, at, "'}' without a machine to close");
    else if (machine_expected && !close_expected && starts_item)
        diag_error(p->diag, at, "%s outside a machine: items go inside 'machine NAME { ... }'",
                   got_name);
    else if (name_expected && !boundary && keyword && !later_line)
        diag_error(p->diag, at, "%s is a keyword and cannot be used as a name", got_name);
    else if (n == 0)
        diag_error(p->diag, at, "unexpected %s", got_name);
    else if (later_line && got != YYSYMBOL_YYEOF && !boundary)
        diag_error(p->diag, at, "expected %s after %s", list,
                   describe(p->previous_kind, p->previous_text, prev_buf, sizeof prev_buf));
    else
        diag_error(p->diag, at, "expected %s before %s", list, got_name);
    if ((got == YYSYMBOL_YYEOF || (close_expected && got == YYSYMBOL_MACHINE)) && p->in_machine)
        diag_note(p->diag, p->open_brace, "to close the '{' opened here");
    return 0;
}

/* The alignment of the syntax tree's nodes: theirs, no more (a million transitions' names). */
#define TREE_ALIGN                                                                                 \
    (_Alignof(ast_node) > _Alignof(ast_name) ? _Alignof(ast_node) : _Alignof(ast_name))

ast_file *dsl_parse(arena *a, diag *d, source *src) { return dsl_parse_tokens(a, d, src, NULL); }

ast_file *dsl_parse_tokens(arena *a, diag *d, source *src, dsl_tokens *tokens) {
    if (src->len > INT_MAX - 2) { /* flex counts bytes in an int */
        diag_error(d, (src_loc){src, 1, 1, 1}, "'%s' is too large: a spec may hold up to 2 GiB",
                   src->path);
        return NULL;
    }
    dsl_parser p = {.arena = a, .tree = arena_part(a, TREE_ALIGN), .diag = d, .src = src, .line = 1,
                    .column = 1, .tokens = tokens};
    p.tail = &p.machines;
    yyscan_t scanner;
    if (dsl_yylex_init_extra(&p, &scanner) != 0)
        arena_out_of_memory();
    YY_BUFFER_STATE buffer = dsl_yy_scan_bytes(src->text, (int)src->len, scanner);
    /* Syntax and lexical errors end the compilation; a warning under -Werror does not. */
    int errors = d->errors - d->promoted;
    int status = dsl_yyparse(scanner, &p);
    dsl_yy_delete_buffer(buffer, scanner);
    dsl_yylex_destroy(scanner);
    free(p.buf);
    if (status != 0 || d->errors - d->promoted != errors)
        return NULL;
    /* Items were linked newest first; put them back in source order. */
    for (ast_node *m = p.machines; m; m = m->next) {
        ast_node *prev = NULL, *it = m->as.machine.items;
        while (it) {
            ast_node *next = it->next;
            it->next = prev;
            prev = it;
            it = next;
        }
        m->as.machine.items = prev;
    }
    ast_file *f = arena_alloc(a, sizeof *f);
    f->src = src;
    f->machines = p.machines;
    f->tree = p.tree;
    return f;
}
