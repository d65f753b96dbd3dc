/*
** Syntax tree of a transit spec: what the parser builds, with a source location on every node.
** Nodes and strings live in one arena per compilation and are freed together.
*/
#ifndef DSL_AST_H
#define DSL_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "source.h"

/* Initiator bits, as the runtime numbers them. */
#define AST_INITIATORS(X)                                                                          \
    X(USER, "user", 1)                                                                             \
    X(AUTO, "auto", 2)                                                                             \
    X(SELF, "self", 4)

enum {
#define AST_INITIATOR_BIT(id, text, bit) AST_##id = bit,
    AST_INITIATORS(AST_INITIATOR_BIT)
#undef AST_INITIATOR_BIT
    AST_ALL_INITIATORS = 7
};

/* A name as written, in a list (sources, except lists, assertion operands). */
typedef struct ast_name {
    const char *text;
    src_loc loc;
    struct ast_name *next;
} ast_name;

typedef enum ast_kind {
    AST_MACHINE,    /* machine NAME [doc] { items } */
    AST_INITIAL,    /* initial NAME */
    AST_TRIGGER,    /* trigger NAME [doc] */
    AST_STATE,      /* [final] state NAME [as doc] [doc] */
    AST_GUARD,      /* guard NAME [doc] */
    AST_TRANSITION, /* sources -> NAME on NAME [after DURATION] by initiators [when [not] NAME]
                       [doc] */
    AST_ASSERT,     /* assert assertion */
} ast_kind;

/* The forms of an assertion. */
#define AST_ASSERT_FORMS(X)                                                                        \
    X(REACHABLE, "reachable")     /* reachable goal [from place] [by ...] */                      \
    X(UNREACHABLE, "unreachable") /* unreachable goal [from place] [by ...] */                    \
    X(FINAL, "final")             /* final NAME */                                                 \
    X(ONLY_BY, "only")            /* only initiators -> NAME [from *] */                           \
    X(ONLY_TO, "-> only")         /* NAME, ... -> only NAME, ... [by ...] */                       \
    X(NO_DEADLOCK, "no deadlock") /* no deadlock [by ...] */

typedef enum ast_assert_form {
#define AST_ASSERT_ENUM(id, text) AST_ASSERT_##id,
    AST_ASSERT_FORMS(AST_ASSERT_ENUM)
#undef AST_ASSERT_ENUM
} ast_assert_form;

/* What a goal or place of an assertion names. */
typedef enum ast_target {
    AST_TARGET_NONE,  /* not given (a place: the initial state) */
    AST_TARGET_NAME,  /* one named state */
    AST_TARGET_ANY,   /* '*': every state (other than the one it is paired with) */
    AST_TARGET_FINAL, /* 'final': some final state */
} ast_target;

typedef struct ast_node {
    ast_kind kind;
    src_loc loc; /* where the item starts */
    struct ast_node *next;
    union {
        struct {
            ast_name *name;
            const char *doc;
            struct ast_node *items;
            src_loc close; /* the closing brace */
        } machine;
        struct {
            ast_name *state;
        } initial;
        struct {
            ast_name *name;
            const char *doc;
        } trigger;
        struct {
            ast_name *name;
            const char *doc;
        } guard;
        struct {
            ast_name *name;
            bool final;
            const char *persisted; /* NULL: the name */
            src_loc persisted_loc;
            const char *doc;
        } state;
        struct {
            ast_name *sources; /* NULL for '*' */
            ast_name *except;  /* with '*' only */
            ast_name *target;
            ast_name *trigger;
            ast_name *guard;   /* 'when [not] NAME': the guard's name; NULL when unguarded */
            unsigned by;
            bool negated;      /* 'when not NAME' */
            uint64_t after_ms; /* 'after DURATION': the duration; 0 when not timed */
            const char *after; /* the duration as written ("90s"); NULL when not timed */
            src_loc after_loc; /* 'after DURATION' */
            const char *doc;
        } transition;
        struct {
            ast_assert_form form;
            ast_target goal_kind; /* reachable, unreachable */
            ast_target from_kind; /* reachable, unreachable; only (ANY: 'from *') */
            ast_name *subjects;   /* goal; final's state; only's target; -> only's sources */
            ast_name *objects;    /* from place; -> only's targets */
            unsigned by;          /* 0: every initiator */
        } assertion;
    } as;
} ast_node;

/* The result of parsing one source: its machines, in order. The nodes are in tree, a part of
   the parse's arena that may be freed (arena_free(tree)) once nothing reads them: the checked
   model points to none of them (the strings, sources and the file itself stay in the arena). */
typedef struct ast_file {
    source *src;
    ast_node *machines;
    arena *tree;
} ast_file;

/* A new node of the given kind at loc, zeroed, in the arena. */
ast_node *ast_new(arena *a, ast_kind kind, src_loc loc);

/* A new name list element. */
ast_name *ast_new_name(arena *a, const char *text, src_loc loc);

/* The spelling of an initiator bit ("user"), or NULL. */
const char *ast_initiator_name(unsigned bit);

/* The spelling of an assertion form ("reachable"). */
const char *ast_assert_form_name(ast_assert_form form);

#endif
