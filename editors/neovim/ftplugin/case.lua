-- Safety cases: comments, indentation, and the casec language server.
-- Set `vim.g.casec_path` to use a casec that is not on the PATH.
vim.bo.commentstring = '// %s'
vim.bo.comments = '://'
vim.bo.shiftwidth = 2
vim.bo.expandtab = true
vim.opt_local.iskeyword:append('-')

local casec = vim.g.casec_path or 'casec'
if vim.lsp.start == nil then
  -- Neovim before 0.8 (Debian 12 and Ubuntu 22.04 package 0.7) cannot start
  -- a language server this way: say so once, and keep the syntax colours.
  if not vim.g.casec_warned then
    vim.g.casec_warned = true
    vim.notify('casec: the language server needs Neovim 0.8 or later (see docs/editors.md)', vim.log.levels.WARN)
  end
elseif vim.fn.executable(casec) == 1 then
  local file = vim.api.nvim_buf_get_name(0)
  vim.lsp.start({
    name = 'casec',
    cmd = { casec, 'lsp' },
    root_dir = vim.fs.dirname(file),
  })
end
