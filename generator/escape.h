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


/* s as a Mermaid label (a state description or an edge label, both running to the end of the
   line): everything but letters, digits, spaces and plain punctuation becomes an entity code
   "#N;" (U+2028 and U+2029 too), a newline "<br>", control bytes their Unicode control pictures;
   other UTF-8 passes; a space after "direction" is "#32;" too (Mermaid reads "direction LR"
   anywhere on a line). */
void escape_mermaid(out *o, const char *s);

/* s inside a double-quoted Graphviz label: quotes and backslashes escaped, a newline as "\n",
   '&' as "&amp;" so no entity forms, control bytes as control pictures. Cut with an ellipsis
   after about 16000 bytes, which Graphviz's scanner cannot take in one string. */
void escape_dot(out *o, const char *s);

/* s inside a double-quoted Graphviz tooltip: as escape_dot, but a backslash doubled twice, since
   Graphviz reads a tooltip's escapes twice (else \N still becomes the node's name). */
void escape_dot_tooltip(out *o, const char *s);

/* s as Markdown inline text (a table cell, a heading, a paragraph): inline syntax characters
   backslash-escaped, '<' '>' '&' '{' '}' as HTML entities (no HTML, no Liquid), a newline as
   "<br>", U+2028 and U+2029 as entities, control bytes as control pictures, and no block
   syntax at its start. */
void escape_md(out *o, const char *s);

/* s as the inside of a JSON string: quotes, backslashes and control bytes escaped; '<', '>',
   '&', U+2028 and U+2029 as \u escapes so the text is safe inside HTML and JavaScript too. */
void escape_json(out *o, const char *s);

/* A JSON string value: s escaped in quotes, or null when s is NULL. */
void escape_json_value(out *o, const char *s);

/* s as the inside of a Go or TypeScript (JavaScript) double-quoted string literal: quotes,
   backslashes and control bytes escaped ("\x1b" in Go, "\u001b" in TypeScript), U+2028 and
   U+2029 as \u escapes; other UTF-8 passes. No template literal is ever written, so '`' and "${"
   need nothing. */
void escape_go_string(out *o, const char *s);
void escape_ts_string(out *o, const char *s);

/* s as the text of line comments, each line starting with prefix ("// "): a newline starts a new
   comment line, control bytes become spaces. Used for Go doc comments. */
void escape_line_comment(out *o, const char *s, const char *prefix);

/* s inside a TypeScript doc comment (slash, two stars ... star, slash): "*" "/" cannot close it, '@' cannot start a tag at
   a line start, a newline continues with prefix (" * "), control bytes and U+2028/U+2029 become
   spaces. */
void escape_ts_comment(out *o, const char *s, const char *prefix);

/* s as a SQLite string literal, quotes included: '...' with each quote doubled. SQLite takes
   every other byte inside a literal as it is. */
void escape_sqlite_string(out *o, const char *s);

/* s as a quoted SQLite identifier: "..." with each double quote doubled. */
void escape_sqlite_ident(out *o, const char *s);

/* s as a PostgreSQL string literal, quotes included: '...' with each quote doubled (the file
   sets standard_conforming_strings on, so a backslash is an ordinary character). */
void escape_postgresql_string(out *o, const char *s);

/* s as a quoted PostgreSQL identifier: "..." with each double quote doubled. The caller keeps it
   within 63 bytes (sql_prefix), PostgreSQL's limit, which it would otherwise cut silently. */
void escape_postgresql_ident(out *o, const char *s);

/* s inside a SQL line comment ("-- ", both dialects): each newline continues the comment on a
   new line starting with prefix; control bytes become spaces. */
void escape_sql_comment(out *o, const char *s, const char *prefix);

/* s as HTML text or a double- or single-quoted attribute value: '<' '>' '&' '"' '\'' as entities,
   control bytes (but newline) as control pictures. */
void escape_html(out *o, const char *s);

/* JavaScript source (len bytes) as the content of an HTML <script> element: "</" and "<!" become
   "<\/" and "<\!" so nothing in it can end the element; the same text where it may occur (in
   strings, regular expressions and comments: JavaScript has no '<' followed by '/' or '!'
   elsewhere). */
void escape_html_script(out *o, const char *s, size_t len);

#endif
