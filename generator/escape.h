/*
** Escaping of spec text for each output format: one function per format, used everywhere that
** format is written, so no doc string or name can break the file it lands in.
*/
#ifndef GEN_ESCAPE_H
#define GEN_ESCAPE_H

#include "out.h"

/* s as the inside of a C string literal: quotes, backslashes and control bytes escaped,
   non-ASCII as octal escapes, and "??" broken so no trigraph forms. */
void escape_c_string(out *o, const char *s);

/* s inside a C block comment: "*" "/" cannot close it, and control bytes become spaces. Newlines
   are kept; each continuation line is prefixed with prefix. */
void escape_c_comment(out *o, const char *s, const char *prefix);

#endif
