/*
** Semantic checks: resolves the names of parsed specs, expands wildcards, reports every error and
** warning, and builds the checked model the emitters read.
*/
#ifndef GEN_CHECK_H
#define GEN_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "diag.h"
#include "model.h"

/* Checks the machines of files[0 .. n) together (machine names must differ across them) and
   fills m from the arena. Returns false when an error was reported. */
bool check_files(arena *a, diag *d, ast_file *const *files, size_t n, model *m);

#endif
