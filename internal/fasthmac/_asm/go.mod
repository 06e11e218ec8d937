module github.com/jwtkey/jwtkey/internal/fasthmac/_asm

go 1.26.8

require github.com/jwtkey/jwtkey v0.0.0

replace github.com/jwtkey/jwtkey => ../../..
