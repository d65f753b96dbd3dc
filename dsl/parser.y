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
#define YY_DECL int dsl_yylex(DSL_YYSTYPE *yylval_param, src_loc *yylloc_param, yyscan_t yyscanner)
YY_DECL;
}

%code {
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

static void yyerror(const src_loc *loc, yyscan_t scanner, dsl_parser *p, const char *msg) {
    (void)scanner;
    diag_error(p->diag, *loc, "%s", msg);
}

static char *concat(dsl_parser *p, const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    char *s = arena_alloc(p->arena, la + lb + 1);
    memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
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
    ast_node *n = ast_new(p->arena, AST_ASSERT, loc);
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
    } list;
    struct {
        ast_target kind;
        ast_name *name;
    } target;
}

%token MACHINE "'machine'" INITIAL "'initial'" TRIGGER "'trigger'" STATE "'state'"
%token FINAL "'final'" AS "'as'" ON "'on'" BY "'by'" EXCEPT "'except'"
%token USER "'user'" AUTO "'auto'" SELF "'self'"
%token ASSERT "'assert'" REACHABLE "'reachable'" UNREACHABLE "'unreachable'" FROM "'from'"
%token ONLY "'only'" NO "'no'" DEADLOCK "'deadlock'"
%token ARROW "'->'"
%token <str> IDENT "identifier" STRING "string"

%type <str> doc docopt asopt
%type <name> name
%type <list> names
%type <node> machine items item transition assertion
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
    MACHINE name docopt '{'
        { p->open_brace = @4; p->in_machine = true; }
    items '}'
        {
            $$ = ast_new(p->arena, AST_MACHINE, @1);
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
                                        $$ = ast_new(p->arena, AST_INITIAL, @1);
                                        $$->as.initial.state = $2;
                                      }
  | TRIGGER name docopt               {
                                        $$ = ast_new(p->arena, AST_TRIGGER, @1);
                                        $$->as.trigger.name = $2;
                                        $$->as.trigger.doc = $3;
                                      }
  | STATE name asopt docopt           {
                                        $$ = ast_new(p->arena, AST_STATE, @1);
                                        $$->as.state.name = $2;
                                        $$->as.state.persisted = $3;
                                        $$->as.state.persisted_loc = @3;
                                        $$->as.state.doc = $4;
                                      }
  | FINAL STATE name asopt docopt     {
                                        $$ = ast_new(p->arena, AST_STATE, @1);
                                        $$->as.state.name = $3;
                                        $$->as.state.final = true;
                                        $$->as.state.persisted = $4;
                                        $$->as.state.persisted_loc = @4;
                                        $$->as.state.doc = $5;
                                      }
  | transition
  | ASSERT assertion                  { $$ = $2; $$->loc = @1; }
  ;

/* transition -> sources '->' IDENT 'on' IDENT 'by' initiators [doc] */
transition:
    names ARROW name ON name BY initiators docopt
        {
            $$ = ast_new(p->arena, AST_TRANSITION, @1);
            $$->as.transition.sources = $1.head;
            $$->as.transition.target = $3;
            $$->as.transition.trigger = $5;
            $$->as.transition.by = $7;
            $$->as.transition.doc = $8;
        }
  | '*' ARROW name ON name BY initiators docopt
        {
            $$ = ast_new(p->arena, AST_TRANSITION, @1);
            $$->as.transition.target = $3;
            $$->as.transition.trigger = $5;
            $$->as.transition.by = $7;
            $$->as.transition.doc = $8;
        }
  | '*' EXCEPT names ARROW name ON name BY initiators docopt
        {
            $$ = ast_new(p->arena, AST_TRANSITION, @1);
            $$->as.transition.except = $3.head;
            $$->as.transition.target = $5;
            $$->as.transition.trigger = $7;
            $$->as.transition.by = $9;
            $$->as.transition.doc = $10;
        }
  ;

/* assertion -> reachable goal [from place] [by ...] | unreachable ... | final IDENT
              | only initiators '->' IDENT | names '->' only names [by ...] | no deadlock [by] */
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
  | '*'               { $$.kind = AST_TARGET_ANY; $$.name = NULL; }
  | FINAL             { $$.kind = AST_TARGET_FINAL; $$.name = NULL; }
  ;

fromopt:
    %empty            { $$.kind = AST_TARGET_NONE; $$.name = NULL; }
  | FROM name         { $$.kind = AST_TARGET_NAME; $$.name = $2; }
  | FROM '*'          { $$.kind = AST_TARGET_ANY; $$.name = NULL; }
  ;

byopt:
    %empty            { $$ = 0; }
  | BY initiators     { $$ = $2; }
  ;

initiators:
    initiator                 { $$ = $1; }
  | initiators ',' initiator  { $$ = add_initiator(p, $1, $3, @3); }
  ;

initiator:
    USER              { $$ = AST_USER; }
  | AUTO              { $$ = AST_AUTO; }
  | SELF              { $$ = AST_SELF; }
  ;

names:
    name              { $$.head = $$.tail = $1; }
  | names ',' name    { $1.tail->next = $3; $$.head = $1.head; $$.tail = $3; }
  ;

name:
    IDENT             { $$ = ast_new_name(p->arena, $1, @1); }
  ;

asopt:
    %empty            { $$ = NULL; }
  | AS STRING         { $$ = $2; }
  ;

docopt:
    %empty            { $$ = NULL; }
  | doc
  ;

/* doc -> STRING { STRING }: adjacent strings concatenate */
doc:
    STRING            { $$ = $1; }
  | doc STRING        { $$ = concat(p, $1, $2); }
  ;

%%

/* How a token is named in a message: its alias, or what it spelled. */
static void describe(char *buf, size_t size, yysymbol_kind_t kind) {
    snprintf(buf, size, "%s", yysymbol_name(kind));
}

/* "expected 'on' before identifier" with every token that could come next (LAC makes that list
   exact), and where the enclosing '{' opened when the file ended inside a machine. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, dsl_parser *p) {
    (void)scanner;
    if (p->bad_bytes > DSL_BAD_BYTES_MAX)
        return 0; /* the scanner gave up on the file and said so */
    enum { MAX_EXPECTED = 12 };
    yysymbol_kind_t expected[MAX_EXPECTED];
    int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
    if (n < 0)
        n = 0;
    char msg[1024] = "", name[64];
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof msg; i++) {
        describe(name, sizeof name, expected[i]);
        len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s",
                                i == 0 ? "expected " : i == n - 1 ? " or " : ", ", name);
    }
    yysymbol_kind_t got = yypcontext_token(ctx);
    describe(name, sizeof name, got);
    const src_loc *loc = yypcontext_location(ctx);
    bool name_expected = false;
    for (int i = 0; i < n; i++)
        name_expected |= expected[i] == YYSYMBOL_IDENT;
    if (name_expected && got >= YYSYMBOL_MACHINE && got <= YYSYMBOL_DEADLOCK)
        diag_error(p->diag, *loc, "%s is a keyword and cannot be used as a name", name);
    else if (n == 0)
        diag_error(p->diag, *loc, "unexpected %s", name);
    else
        diag_error(p->diag, *loc, "%s before %s", msg, name);
    if (got == YYSYMBOL_YYEOF && p->in_machine)
        diag_note(p->diag, p->open_brace, "to close the '{' opened here");
    return 0;
}

ast_file *dsl_parse(arena *a, diag *d, source *src) {
    dsl_parser p = {.arena = a, .diag = d, .src = src, .line = 1, .column = 1};
    p.tail = &p.machines;
    yyscan_t scanner;
    if (dsl_yylex_init_extra(&p, &scanner) != 0)
        arena_out_of_memory();
    YY_BUFFER_STATE buffer = dsl_yy_scan_bytes(src->text, (int)src->len, scanner);
    int errors = d->errors;
    int status = dsl_yyparse(scanner, &p);
    dsl_yy_delete_buffer(buffer, scanner);
    dsl_yylex_destroy(scanner);
    free(p.buf);
    if (status != 0 || d->errors != errors)
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
    return f;
}
