package main

import "github.com/spf13/cobra"

// checkCommands returns the check verbs. Placeholder until its issue lands.
func (a *app) checkCommands() []*cobra.Command { return nil }
