module certlab/scripts/bettertls-export

go 1.23.0

require github.com/Netflix/bettertls v0.0.0-20250909192348-e1e99e353074

require (
	github.com/google/uuid v1.3.0 // indirect
	github.com/sirupsen/logrus v1.8.1 // indirect
	golang.org/x/sys v0.30.0 // indirect
	google.golang.org/protobuf v1.33.0 // indirect
)
