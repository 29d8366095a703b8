// Command bettertls-export writes Netflix BetterTLS's test suites (pathbuilding,
// nameconstraints) as JSON: one trust root and, per suite, every test case with its
// certificates (leaf first, DER), hostname, required features and expected result.
// scripts/bettertls-to-limbo.ts turns that into x509-limbo-shaped cases.
//
//	go run . -out /tmp/bettertls.json
//
// The certificates are generated fresh on every run (new keys, validity starting a day
// before now), so each export differs; the committed export records its SHA256.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/Netflix/bettertls/test-suites/certutil"
	test_case "github.com/Netflix/bettertls/test-suites/test-case"
	test_executor "github.com/Netflix/bettertls/test-suites/test-executor"
)

type export struct {
	Module    string   `json:"module"`
	TrustRoot []byte   `json:"trustRoot"`
	Cases     []tcJSON `json:"cases"`
}

type tcJSON struct {
	Suite            string   `json:"suite"`
	ID               uint     `json:"id"`
	Certificates     [][]byte `json:"certificates"`
	Hostname         string   `json:"hostname"`
	RequiredFeatures []string `json:"requiredFeatures"`
	Expected         string   `json:"expected"`
	FailureIsWarning bool     `json:"failureIsWarning"`
}

const module = "github.com/Netflix/bettertls v0.0.0-20250909192348-e1e99e353074"

func run() error {
	out := flag.String("out", "", "write here instead of stdout")
	flag.Parse()
	rootCert, rootKey, err := certutil.GenerateSelfSignedCert("bettertls_trust_root")
	if err != nil {
		return err
	}
	suites, err := test_executor.BuildTestSuitesWithRootCa(rootCert, rootKey)
	if err != nil {
		return err
	}
	e := export{Module: module, TrustRoot: rootCert.Raw}
	for _, name := range suites.GetProviderNames() {
		p := suites.GetProvider(name)
		n, err := p.GetTestCaseCount()
		if err != nil {
			return err
		}
		for i := uint(0); i < n; i++ {
			tc, err := p.GetTestCase(i)
			if err != nil {
				return err
			}
			certs, err := tc.GetCertificates(rootCert, rootKey)
			if err != nil {
				return fmt.Errorf("%s case %d: %w", name, i, err)
			}
			features := []string{}
			for _, f := range tc.RequiredFeatures() {
				features = append(features, p.DescribeFeature(f))
			}
			r := tcJSON{Suite: name, ID: i, Certificates: certs.Certificate, Hostname: tc.GetHostname(), RequiredFeatures: features}
			switch tc.ExpectedResult() {
			case test_case.EXPECTED_RESULT_PASS:
				r.Expected = "ACCEPT"
			case test_case.EXPECTED_RESULT_FAIL:
				r.Expected = "REJECT"
			case test_case.EXPECTED_RESULT_SOFT_PASS:
				r.Expected, r.FailureIsWarning = "ACCEPT", true
			case test_case.EXPECTED_RESULT_SOFT_FAIL:
				r.Expected, r.FailureIsWarning = "REJECT", true
			default:
				return fmt.Errorf("%s case %d: unknown expected result %v", name, i, tc.ExpectedResult())
			}
			e.Cases = append(e.Cases, r)
		}
	}
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	return json.NewEncoder(w).Encode(e)
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bettertls-export:", err)
		os.Exit(1)
	}
}
