package session

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strings"
	"unicode/utf8"
)

// An item is one top-level statement or declaration of a cell, which the
// session evaluates on its own.
type item struct {
	src   string
	line  int         // the cell line it starts on, from 1
	first token.Token // its first token: IMPORT, FUNC, VAR, IDENT, FOR, …
}

// isDecl reports whether the item is a declaration that yaegi reads as a
// file rather than a statement.
func (it item) isDecl() bool {
	switch it.first {
	case token.PACKAGE, token.IMPORT, token.FUNC, token.TYPE, token.VAR, token.CONST:
		return true
	}
	return false
}

// split cuts a cell into its top-level items, in two passes:
//
//  1. The scanner finds the declarations that cannot stand inside a
//     function body, func and import, by their first token at the start
//     of a top-level statement; each runs to the next semicolon (written,
//     or inserted at a line's end as the Go spec says) outside brackets.
//  2. What lies between them is parsed as the body of a function, and each
//     of its statements is an item. The parser, not a count of
//     semicolons, knows that "for i := 0; i < n; i++ {" is one statement.
//
// A cell that starts with a package clause is one item: a whole file.
// Comments are dropped. A cell that does not parse returns a
// scanner.ErrorList whose positions are the cell's lines.
func split(src string) ([]item, error) {
	toks, err := tokens(src)
	if err != nil {
		return nil, err
	}
	if len(toks) > 0 && toks[0].tok == token.PACKAGE {
		return []item{{src: strings.TrimSpace(src[toks[0].off:]), line: toks[0].line, first: token.PACKAGE}}, nil
	}
	var items []item
	chunk := 0 // where the statements not yet split begin
	depth := 0
	atStart := true
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if depth == 0 && atStart && (t.tok == token.IMPORT || t.tok == token.FUNC && isFuncDecl(toks[i:])) {
			stmts, err := statements(src, chunk, t.off)
			if err != nil {
				return nil, err
			}
			items = append(items, stmts...)
			j := declEnd(toks, i)
			end := toks[j].end
			items = append(items, item{src: src[t.off:end], line: t.line, first: t.tok})
			chunk, i, atStart = end, j, true
			continue
		}
		switch t.tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		atStart = depth == 0 && t.tok == token.SEMICOLON
	}
	stmts, err := statements(src, chunk, len(src))
	if err != nil {
		return nil, err
	}
	return append(items, stmts...), nil
}

// A tok is one token of a cell, with its place.
type tok struct {
	tok      token.Token
	off, end int // byte offsets in the cell
	line     int
}

// tokens scans a cell, leaving out comments and the semicolons inserted at
// the end of a line (a written semicolon stays).
func tokens(src string) ([]tok, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var errs scanner.ErrorList
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) { errs.Add(pos, msg) }, 0)
	var toks []tok
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		off := file.Offset(pos)
		end := off + tokenLen(t, lit)
		if t == token.ILLEGAL { // a stray byte: lit is U+FFFD, which may be longer than the byte
			_, w := utf8.DecodeRuneInString(src[off:])
			end = off + w
		}
		if t == token.SEMICOLON && lit == "\n" {
			end = off
		}
		toks = append(toks, tok{tok: t, off: off, end: min(end, len(src)), line: file.Line(pos)})
	}
	return toks, errs.Err()
}

// isFuncDecl reports whether the tokens, which start with func, begin a
// declaration (func name… or func (receiver) name…) rather than a func
// literal called as a statement (func() { … }()).
func isFuncDecl(toks []tok) bool {
	if len(toks) < 2 {
		return false
	}
	if toks[1].tok == token.IDENT {
		return true
	}
	if toks[1].tok != token.LPAREN {
		return false
	}
	depth := 0
	for i := 1; i < len(toks); i++ {
		switch toks[i].tok {
		case token.LPAREN:
			depth++
		case token.RPAREN:
			depth--
			if depth == 0 {
				return i+1 < len(toks) && toks[i+1].tok == token.IDENT // (r T) Name
			}
		}
	}
	return false
}

// declEnd returns the index of a declaration's last token: the one before
// the next semicolon outside brackets, or the cell's last.
func declEnd(toks []tok, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.SEMICOLON:
			if depth <= 0 && j > i {
				return j - 1
			}
		}
	}
	return len(toks) - 1
}

// What an item is wrapped in to parse it: a declaration becomes a file,
// statements the body of a function.
const (
	filePrefix = "package main\n"
	bodyPrefix = filePrefix + "func _() {\n"
)

// statements parses src[from:to] as the body of a function and returns its
// statements as items.
func statements(src string, from, to int) ([]item, error) {
	chunk := src[from:to]
	if strings.TrimSpace(chunk) == "" {
		return nil, nil
	}
	firstLine := 1 + strings.Count(src[:from], "\n") // the cell line chunk starts on
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", bodyPrefix+chunk+"\n}", 0)
	if err != nil {
		return nil, cellErrors(err, firstLine, strings.Count(strings.TrimRight(chunk, " \t\r\n"), "\n")+1)
	}
	body := f.Decls[0].(*ast.FuncDecl).Body.List
	base := 1 + len(bodyPrefix) // the token.Pos of chunk's first byte
	items := make([]item, 0, len(body))
	for _, st := range body {
		if _, empty := st.(*ast.EmptyStmt); empty {
			continue
		}
		// A statement may reach into the wrapping: a label at the end
		// of the cell labels the empty statement before the closing brace.
		start, end := int(st.Pos())-base, min(int(st.End())-base, len(chunk))
		if start < 0 || start >= end {
			continue
		}
		items = append(items, item{
			src:   chunk[start:end],
			line:  firstLine + strings.Count(chunk[:start], "\n"),
			first: firstToken(chunk[start:end]),
		})
	}
	return items, nil
}

// firstToken returns the first token of an item's source.
func firstToken(src string) token.Token {
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile("", -1, len(src)), []byte(src), nil, 0)
	_, t, _ := s.Scan()
	return t
}

// cellErrors moves the parser's errors from the wrapped source back to the
// cell's lines; an error on the closing brace the wrapping added means the
// cell stopped in the middle of something.
func cellErrors(err error, firstLine, lines int) error {
	list, ok := err.(scanner.ErrorList)
	if !ok {
		return err
	}
	var out scanner.ErrorList
	for _, e := range list {
		l := e.Pos.Line - 2 // the chunk's own line
		msg := e.Msg
		if l > lines {
			l, msg = lines, "the cell ends in the middle of a statement ("+msg+")"
		}
		pos := e.Pos
		pos.Line = firstLine + l - 1
		out.Add(pos, msg)
	}
	return out
}

// tokenLen returns how many bytes of source a token spans.
func tokenLen(tok token.Token, lit string) int {
	if tok == token.SEMICOLON && lit == "\n" {
		return 0 // inserted, not written
	}
	if lit != "" {
		return len(lit)
	}
	return len(tok.String())
}

// Complete reports whether src is a finished input, or whether a REPL
// should read another line before running it: a bracket still open, a raw
// string or comment not yet closed, or a line that ends in an operator,
// a comma or a dot, waiting for what follows.
func Complete(src string) bool {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	open := false
	var s scanner.Scanner
	s.Init(file, []byte(src), func(_ token.Position, msg string) {
		if strings.Contains(msg, "not terminated") && !strings.Contains(msg, "string literal not terminated") ||
			msg == "raw string literal not terminated" {
			open = true
		}
	}, 0)
	depth := 0
	last := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		last = tok
	}
	if open || depth > 0 {
		return false
	}
	return !wantsMore(last)
}

// wantsMore reports whether a line ending in tok cannot be the end of a
// statement: a binary operator, an assignment, a comma or a dot.
func wantsMore(tok token.Token) bool {
	switch {
	case tok == token.COMMA, tok == token.PERIOD, tok == token.COLON:
		return true
	case tok == token.INC, tok == token.DEC:
		return false
	case tok.IsOperator() && tok.Precedence() > 0: // binary: || && == + * …
		return true
	case tok >= token.ADD_ASSIGN && tok <= token.AND_NOT_ASSIGN, tok == token.ASSIGN, tok == token.DEFINE, tok == token.ARROW:
		return true
	}
	return false
}
