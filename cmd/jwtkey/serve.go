package main

import "github.com/spf13/cobra"

// serveCommands returns the serve verbs. Placeholder until its issue lands.
func (a *app) serveCommands() []*cobra.Command { return nil }
