" Vim syntax file for transit specs (.transit): the lifecycle language of transitc.
" Install: copy dsl/editors/vim/ into ~/.vim/ (or an installed share/transit/editors/vim/).
if exists('b:current_syntax')
  finish
endif

syn case match
syn iskeyword a-z,A-Z,48-57,_

" Anything else is an error; every later item wins over this one where both match.
syn match   transitBadChar     "\S"
syn keyword transitDeclaration machine trigger state initial nextgroup=transitDeclName skipwhite
syn keyword transitDeclaration guard nextgroup=transitGuardDecl skipwhite
syn keyword transitFinal       final
syn keyword transitAssert      assert
syn keyword transitAssertion   reachable unreachable only no deadlock
syn keyword transitKeyword     as on by from except after not
syn keyword transitKeyword     when nextgroup=transitNot,transitGuardName skipwhite
syn match   transitNot         contained "\<not\>" nextgroup=transitGuardName skipwhite
syn keyword transitInitiator   user auto self

" A declared name is never a keyword (a keyword used as a name stays a keyword).
syn match   transitDeclName    contained "\%(\<\%(machine\|initial\|trigger\|state\|final\|as\|on\|by\|user\|auto\|self\|except\|assert\|reachable\|unreachable\|from\|only\|no\|deadlock\|guard\|when\|not\|after\)\>\)\@!\<[A-Za-z][A-Za-z0-9_]*\>"
" A guard's name, declared or after 'when [not]': the assertion words name guards there.
syn match   transitGuardDecl   contained "\%(\<\%(machine\|initial\|trigger\|state\|final\|as\|on\|by\|user\|auto\|self\|except\|assert\|from\|only\|no\|deadlock\|guard\|when\|not\|after\)\>\)\@!\<[A-Za-z][A-Za-z0-9_]*\>"
syn match   transitGuardName   contained "\%(\<\%(machine\|initial\|trigger\|state\|final\|as\|on\|by\|user\|auto\|self\|except\|assert\|from\|only\|no\|deadlock\|guard\|when\|not\|after\)\>\)\@!\<[A-Za-z][A-Za-z0-9_]*\>"
syn match   transitName        "\<[A-Za-z][A-Za-z0-9_]*\>"
syn match   transitBadName     "\<[0-9_][A-Za-z0-9_]*\>"
" A duration, after 'after': an integer and a unit.
syn match   transitDuration    "\%(\<after\s\+\)\@<=[0-9]\+\%(ms\|s\|m\|h\|d\)\>"
syn match   transitOperator    "->"
syn match   transitOperator    "\*"
syn match   transitDelimiter   "[{},]"

syn match   transitEscape      contained +\\["\\nt]+
syn match   transitBadEscape   contained +\\[^"\\nt]\=+
syn region  transitString      start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline contains=transitEscape,transitBadEscape
syn match   transitComment     "#.*$" contains=transitTodo,@Spell
syn keyword transitTodo        contained TODO FIXME XXX

hi def link transitDeclaration Keyword
hi def link transitFinal       StorageClass
hi def link transitAssert      Statement
hi def link transitAssertion   Keyword
hi def link transitKeyword     Keyword
hi def link transitInitiator   Constant
hi def link transitDeclName    Identifier
hi def link transitGuardDecl   Identifier
hi def link transitGuardName   Identifier
hi def link transitNot         Keyword
hi def link transitDuration    Number
hi def link transitName        Normal
hi def link transitBadName     Error
hi def link transitBadChar     Error
hi def link transitBadEscape   Error
hi def link transitOperator    Operator
hi def link transitDelimiter   Delimiter
hi def link transitEscape      SpecialChar
hi def link transitString      String
hi def link transitComment     Comment
hi def link transitTodo        Todo

let b:current_syntax = 'transit'
