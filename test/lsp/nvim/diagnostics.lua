-- Headless Neovim: open an ADQL file, attach adql-language-server with the built-in LSP client,
-- wait for diagnostics and write them as JSON. Works with vim.lsp.start (0.8+) and start_client (0.7).
local out = os.getenv('ADQL_NVIM_OUT')
local server = os.getenv('ADQL_LSP')
local file = os.getenv('ADQL_FILE')
local node = os.getenv('ADQL_NODE') or 'node'

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'adql'

local config = { name = 'adql', cmd = { node, server, '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h') }
if vim.lsp.start then
  vim.lsp.start(config)
else
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
end

local ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local rows = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(rows, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, message = d.message, source = d.source, code = code,
  })
end
local f = assert(io.open(out, 'w'))
f:write(vim.fn.json_encode({ ok = ok, nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor), diagnostics = rows }))
f:close()
vim.cmd('qa!')
