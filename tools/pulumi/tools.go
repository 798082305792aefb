//go:build tools

// Package tools pins the Pulumi CLI so that `go build` can build it at the
// version of @pulumi/pulumi in package-lock.json.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
