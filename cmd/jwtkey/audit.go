package main

import "github.com/spf13/cobra"

// auditCommands returns the audit verbs. Placeholder until its issue lands.
func (a *app) auditCommands() []*cobra.Command { return nil }
