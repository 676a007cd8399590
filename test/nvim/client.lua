-- Drives the xxgknb language server from Neovim 0.7 (no pull diagnostics: the push path), headless.
-- Run: XXGKNB_SERVER=dist/server.js XXGKNB_FILE=report.txt XXGKNB_OUT=out.json nvim --headless -u NONE -i NONE -c 'luafile client.lua'
-- Writes what it saw to XXGKNB_OUT as JSON and quits; test/nvim/nvim.test.ts asserts it.
local server = os.getenv('XXGKNB_SERVER')
local file = os.getenv('XXGKNB_FILE')
local out_file = os.getenv('XXGKNB_OUT')
local out = { pushes = {}, errors = {} }

local function finish()
  local f = io.open(out_file, 'w')
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'text'
  local uri = vim.uri_from_bufnr(bufnr)

  local client_id = vim.lsp.start_client({
    name = 'xxgknb',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, params, ctx, config)
        table.insert(out.pushes, params)
        vim.lsp.diagnostic.on_publish_diagnostics(e, params, ctx, config)
      end,
    },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- 1. The diagnostics pushed for the opened report.
  vim.wait(20000, function() return #out.pushes > 0 end, 20)
  out.capabilities = client.server_capabilities or client.resolved_capabilities
  out.has_diagnostic_provider = client.server_capabilities ~= nil and client.server_capabilities.diagnosticProvider ~= nil
  out.stored = #vim.diagnostic.get(bufnr)

  -- 2. Outline and hover (表四 行政复议 × 总计, line 112 of the file).
  local r = client.request_sync('textDocument/documentSymbol', { textDocument = { uri = uri } }, 10000, bufnr)
  out.symbols = r and r.result or vim.NIL
  r = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = 111, character = 9 } }, 10000, bufnr)
  out.hover = r and r.result or vim.NIL

  -- 3. An incremental edit: correct the total (0 → 11); wait for the push of the new version.
  local pushes_before = #out.pushes
  vim.api.nvim_buf_set_text(bufnr, 111, 9, 111, 10, { '11' })
  vim.wait(20000, function()
    local last = out.pushes[#out.pushes]
    if #out.pushes == pushes_before or not last then return false end
    for _, d in ipairs(last.diagnostics) do
      if d.code == 't4-total' and d.range.start.line == 111 and d.range.start.character == 9 then return false end
    end
    return true
  end, 20)
  out.after_fix = out.pushes[#out.pushes]

  -- 3b. Typing in prose (end of line 12, far from every diagnostic): the diagnostics do not change, so nothing is
  -- pushed, and Neovim keeps showing what it has. The hover answers once the typed version is analysed (after the push
  -- would have gone out).
  local pushes_before_typing = #out.pushes
  local prose = vim.api.nvim_buf_get_lines(bufnr, 11, 12, false)[1]
  vim.api.nvim_buf_set_text(bufnr, 11, #prose, 11, #prose, { '规' })
  vim.api.nvim_buf_set_text(bufnr, 11, #prose + 3, 11, #prose + 3, { '范' })
  r = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = 111, character = 9 } }, 10000, bufnr)
  out.hover_after_typing = r and r.result or vim.NIL
  vim.wait(300, function() return #out.pushes > pushes_before_typing end, 20)
  out.pushes_after_typing = #out.pushes - pushes_before_typing
  out.stored_after_typing = #vim.diagnostic.get(bufnr)

  -- 4. Astral characters: 𠮷 (4 bytes in Neovim, 2 UTF-16 units on the wire) before an edit on the same line.
  vim.api.nvim_buf_set_text(bufnr, 0, 0, 0, 0, { '𠮷' })
  local line0 = vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1]
  -- Insert after 𠮷 and the next character (byte offset: 4 + 3).
  vim.api.nvim_buf_set_text(bufnr, 0, 7, 0, 7, { '𠮷' })
  out.line0 = vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1]
  out.line0_first = line0
  r = client.request_sync('textDocument/documentSymbol', { textDocument = { uri = uri } }, 10000, bufnr)
  out.symbols_after_edit = r and r.result or vim.NIL
  out.version = vim.lsp.util.buf_versions[bufnr]

  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then table.insert(out.errors, tostring(err)) end
finish()
