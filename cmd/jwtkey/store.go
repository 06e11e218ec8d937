package main

import "github.com/spf13/cobra"

// storeCommands returns the store verbs. Placeholder until its issue lands.
func (a *app) storeCommands() []*cobra.Command { return nil }
