package store

import "fmt"

// The inspection that lived beside this example moved to package scan
// (scan.Inspect); the example of the file names it inspects stays here.

func ExampleEnvFile() {
	for _, env := range []string{"", "development", "production.local"} {
		name, _ := EnvFile("app", env)
		fmt.Println(name)
	}
	// Output:
	// app/.env
	// app/.env.development
	// app/.env.production.local
}
