package dotenv_test

import (
	"fmt"

	"github.com/jwtkey/jwtkey/dotenv"
)

func ExampleFile_Set() {
	f, err := dotenv.Parse([]byte("# app\r\nexport JWT_SECRET='old' # rotate yearly\r\nPORT=3000"))
	if err != nil {
		panic(err)
	}
	f.Set("JWT_SECRET", "c2VjcmV0LWJ1dC1ub3QtcmVhbGx5")
	f.Set("JWT_ISSUER", "https://auth.example.com")
	fmt.Printf("%q\n", f.Bytes())
	// Output:
	// "# app\r\nexport JWT_SECRET='c2VjcmV0LWJ1dC1ub3QtcmVhbGx5' # rotate yearly\r\nPORT=3000\r\nJWT_ISSUER=https://auth.example.com"
}
