" transit specs: *.transit
autocmd BufRead,BufNewFile *.transit setfiletype transit
