// A minimal Go TLS client as applications write it: crypto/tls with RootCAs from a PEM file
// and ServerName set, then the same through net/http. Connects to 127.0.0.1:PORT only.
// Usage: go run tls_client.go HOST PORT CAFILE
// Prints "OK", or the tls.Dial error on line 1 and the http.Client error on line 2.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	host, port, caFile := os.Args[1], os.Args[2], os.Args[3]
	pem, err := os.ReadFile(caFile)
	if err != nil {
		fmt.Println("cannot read CA file:", err)
		os.Exit(2)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)
	cfg := &tls.Config{ServerName: host, RootCAs: pool}
	addr := net.JoinHostPort("127.0.0.1", port)

	conn, dialErr := tls.DialWithDialer(&net.Dialer{Timeout: 10 * time.Second}, "tcp", addr, cfg)
	if dialErr == nil {
		conn.Close()
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		TLSClientConfig: cfg,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}}
	resp, getErr := client.Get("https://" + net.JoinHostPort(host, port) + "/")
	if getErr == nil {
		resp.Body.Close()
	}
	if dialErr == nil && getErr == nil {
		fmt.Println("OK")
		return
	}
	fmt.Println(errText(dialErr))
	fmt.Println(errText(getErr))
	os.Exit(1)
}

func errText(err error) string {
	if err == nil {
		return "<no error>"
	}
	return err.Error()
}
