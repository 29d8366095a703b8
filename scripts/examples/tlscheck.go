// tlscheck: GET a URL with Go's own net/http and print the status or Go's error, as the
// lessons show it. Trust comes from Go's defaults (SSL_CERT_FILE / SSL_CERT_DIR on Linux).
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get(os.Args[1])
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.Status)
}
