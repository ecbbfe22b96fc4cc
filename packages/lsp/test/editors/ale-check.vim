" Headless Vim 9 + ALE (Debian's vim-ale) as an LSP client: opens a fixture with the cdrlint
" server as an ALE LSP linter, waits for diagnostics, asks for a hover, writes what it saw as JSON
" and exits with :cquit N. Inputs (environment): CDRLINT_LSP_CMD (JSON array), CDRLINT_FIXTURE,
" CDRLINT_OUT, CDRLINT_HOVER_LINE / CDRLINT_HOVER_COL (0-based), CDRLINT_TIMEOUT_MS, CDRLINT_ALE_DIR.
set nocompatible
let &runtimepath = $CDRLINT_ALE_DIR . ',' . &runtimepath
filetype plugin on
let g:ale_enabled = 1
let g:ale_lint_on_enter = 1
let g:ale_linters_explicit = 1
let g:ale_linters = {'csv': ['cdrlint']}
runtime plugin/ale.vim
let s:cmd = json_decode($CDRLINT_LSP_CMD)
call ale#linter#Define('csv', {
\   'name': 'cdrlint',
\   'lsp': 'stdio',
\   'executable': s:cmd[0],
\   'command': join(map(copy(s:cmd), 'shellescape(v:val)'), ' '),
\   'project_root': {buffer -> fnamemodify(bufname(buffer), ':p:h')},
\})
let s:result = {'diagnostics': [], 'hover': v:null, 'errors': []}
function! s:Finish(code) abort
  call writefile([json_encode(s:result)], $CDRLINT_OUT)
  execute 'cquit ' . a:code
endfunction
execute 'edit ' . fnameescape($CDRLINT_FIXTURE)
set filetype=csv
ALELint
let s:deadline = reltimefloat(reltime()) + str2nr($CDRLINT_TIMEOUT_MS) / 1000.0
while empty(ale#engine#GetLoclist(bufnr(''))) && reltimefloat(reltime()) < s:deadline
  sleep 50m
endwhile
for s:d in ale#engine#GetLoclist(bufnr(''))
  call add(s:result.diagnostics, {'line': s:d.lnum - 1, 'col': s:d.col - 1, 'end_col': get(s:d, 'end_col', 0), 'code': get(s:d, 'code', ''), 'message': s:d.text})
endfor
if empty(s:result.diagnostics) | call add(s:result.errors, 'no diagnostics') | endif
let s:hover_done = 0
function! s:OnHover(response) abort
  let s:result.hover = get(get(get(a:response, 'result', {}), 'contents', {}), 'value', v:null)
  let s:hover_done = 1
endfunction
call ale#lsp_linter#SendRequest(bufnr(''), 'cdrlint', ale#lsp#message#Hover(bufnr(''), str2nr($CDRLINT_HOVER_LINE) + 1, str2nr($CDRLINT_HOVER_COL) + 1), function('s:OnHover'))
let s:deadline = reltimefloat(reltime()) + str2nr($CDRLINT_TIMEOUT_MS) / 1000.0
while !s:hover_done && reltimefloat(reltime()) < s:deadline
  sleep 50m
endwhile
call s:Finish(0)
