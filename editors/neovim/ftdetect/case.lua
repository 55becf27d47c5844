-- `.case` files are safety cases (casec).
vim.filetype.add({ extension = { case = 'case' } })
