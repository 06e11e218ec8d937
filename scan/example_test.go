package scan_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jwtkey/jwtkey/scan"
)

func ExampleScan() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "auth.js"), []byte(
		"const jwt = require('jsonwebtoken');\n"+
			"const token = jwt.sign({ sub: id }, 'mysecret');\n"+
			"const ok = jwt.verify(token, process.env.JWT_SECRET);\n"), 0o600)

	res, err := scan.Scan(context.Background(), dir, scan.Options{NoGit: true})
	if err != nil {
		panic(err)
	}
	for _, f := range res.Findings {
		fmt.Printf("%s:%d:%d %s\n", f.File, f.Line, f.Column, f.RuleID)
	}
	// Output:
	// auth.js:2:38 node-jsonwebtoken-literal
}
