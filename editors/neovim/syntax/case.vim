" Vim syntax file for safety cases (casec's `.case` files). Mirrors the
" TextMate grammar in editors/vscode/syntaxes/case.tmLanguage.json.
if exists('b:current_syntax')
  finish
endif

syn iskeyword @,48-57,_,-
syn keyword caseKind case decision component subsystem outcome assumption context justification claim argument evidence defeater signoff nextgroup=caseId skipwhite
syn keyword caseDefinition category block role topic nextgroup=caseId skipwhite
syn keyword caseReserved module import template instance
syn keyword caseTemplatePart param for optional choice option
syn match casePlaceholder '{[A-Za-z_][A-Za-z0-9_-]*}'
syn match caseId '\<\([A-Za-z_][A-Za-z0-9_-]*::\)\?[A-Za-z_][A-Za-z0-9_-]*\(\.[A-Za-z_][A-Za-z0-9_-]*\)*' contained
syn match caseKey '\<[A-Za-z_][A-Za-z0-9_-]*\ze\s*:' contained
syn match caseLink '\<\(supported\s\+by\|in\s\+context\s\+of\)\>' contained
syn keyword caseFlag undeveloped joint public contained
syn keyword caseChoice trusted untrusted weak moderate strong low high ai human software infrastructure all any independent at_or_above above at_or_below below rebuts undermines undercuts contained
syn keyword caseCategory inability control trustworthiness deference contained
syn match caseNumber '\<-\?\d\+\(\.\d\+\)\?\([eE][+-]\?\d\+\)\?%\?' contained
syn match caseDate '\<\d\{4}-\d\{2}-\d\{2}\>' contained
syn keyword caseRange to contained
syn match caseEscape '\\["\\nt]' contained
syn region caseString start='"' skip='\\.' end='"' contains=caseEscape
syn region caseBlockString start='"""' end='"""'
syn match caseComment '//.*$' contains=@Spell
syn region caseBody matchgroup=caseBrace start='{' end='}' contains=caseKey,caseLink,caseFlag,caseChoice,caseCategory,caseDate,caseNumber,caseRange,caseString,caseBlockString,caseComment

hi def link caseKind Keyword
hi def link caseDefinition Structure
hi def link caseReserved Keyword
hi def link caseTemplatePart Keyword
hi def link casePlaceholder Special
hi def link caseId Function
hi def link caseKey Identifier
hi def link caseLink Statement
hi def link caseFlag StorageClass
hi def link caseChoice Constant
hi def link caseCategory Type
hi def link caseNumber Number
hi def link caseDate Number
hi def link caseRange Operator
hi def link caseString String
hi def link caseBlockString String
hi def link caseEscape SpecialChar
hi def link caseComment Comment
hi def link caseBrace Delimiter

let b:current_syntax = 'case'
