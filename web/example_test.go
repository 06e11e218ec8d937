package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/jwtkey/jwtkey/web"
)

func ExampleHandler() {
	srv := httptest.NewServer(web.Handler(web.Options{}))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/api/v1/key?alg=HS256&count=0")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("Cache-Control"))
	fmt.Print(string(body))
	// Output:
	// 400 no-store
	// {"error":"count must be a whole number from 1 to 100 for HS256, not \"0\"","param":"count"}
}
