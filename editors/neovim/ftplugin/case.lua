-- Safety cases: comments, indentation, and the casec language server.
-- Set `vim.g.casec_path` to use a casec that is not on the PATH.
vim.bo.commentstring = '// %s'
vim.bo.comments = '://'
vim.bo.shiftwidth = 2
vim.bo.expandtab = true
vim.opt_local.iskeyword:append('-')

local casec = vim.g.casec_path or 'casec'
if vim.fn.executable(casec) == 1 then
  local file = vim.api.nvim_buf_get_name(0)
  vim.lsp.start({
    name = 'casec',
    cmd = { casec, 'lsp' },
    root_dir = vim.fs.dirname(file),
  })
end
