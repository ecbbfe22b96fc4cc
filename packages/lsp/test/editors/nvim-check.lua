-- Headless Neovim (0.7+) as an LSP client: opens a fixture with the cdrlint server attached,
-- waits for diagnostics, asks for a hover, writes what it saw as JSON and exits with :cquit N.
-- Inputs (environment): CDRLINT_LSP_CMD (JSON array), CDRLINT_FIXTURE, CDRLINT_OUT,
-- CDRLINT_HOVER_LINE / CDRLINT_HOVER_COL (0-based, UTF-16), CDRLINT_TIMEOUT_MS.
local cmd = vim.fn.json_decode(os.getenv('CDRLINT_LSP_CMD'))
local file = os.getenv('CDRLINT_FIXTURE')
local out = os.getenv('CDRLINT_OUT')
local hover_line = tonumber(os.getenv('CDRLINT_HOVER_LINE'))
local hover_col = tonumber(os.getenv('CDRLINT_HOVER_COL'))
local timeout = tonumber(os.getenv('CDRLINT_TIMEOUT_MS') or '15000')
local result = { diagnostics = {}, hover = vim.NIL, errors = {}, client_exit = vim.NIL }

local function finish(code)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('cquit ' .. code)
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'cdrlint',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':h'),
    on_exit = function(code) result.client_exit = code end,
  })
  if not client_id then error('start_client failed') end
  vim.lsp.buf_attach_client(buf, client_id)
  local got = vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  if not got then table.insert(result.errors, 'no diagnostics within ' .. timeout .. ' ms') end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, code = lsp.code or d.code or vim.NIL,
    })
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = hover_line, character = hover_col },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
  for _, r in pairs(responses or {}) do
    if r.result and r.result.contents then result.hover = r.result.contents end
    if r.err then table.insert(result.errors, vim.inspect(r.err)) end
  end
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish(ok and 0 or 3)
