/*
** Syntax tree constructors and the names of its enumerations.
*/
#include "ast.h"

ast_node *ast_new(arena *a, ast_kind kind, src_loc loc) {
    ast_node *n = arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    return n;
}

ast_name *ast_new_name(arena *a, const char *text, src_loc loc) {
    ast_name *n = arena_alloc(a, sizeof *n);
    n->text = text;
    n->loc = loc;
    return n;
}

const char *ast_initiator_name(unsigned bit) {
    switch (bit) {
#define AST_INITIATOR_CASE(id, text, value)                                                        \
    case value:                                                                                    \
        return text;
        AST_INITIATORS(AST_INITIATOR_CASE)
#undef AST_INITIATOR_CASE
    }
    return NULL;
}

const char *ast_assert_form_name(ast_assert_form form) {
    static const char *const names[] = {
#define AST_ASSERT_NAME(id, text) text,
        AST_ASSERT_FORMS(AST_ASSERT_NAME)
#undef AST_ASSERT_NAME
    };
    return names[form];
}
