package cli

import (
	"testing"
	"time"

	"techniqual/ui/internal/weekfixture"
)

// weekWorld is the shared small teknikprao week (ui/internal/weekfixture).
type weekWorld = weekfixture.World

// weekHostNames are its hosts' names, in the order of weekWorld.Hosts.
var weekHostNames = weekfixture.HostNames

func newWeekWorld(t testing.TB) *weekWorld {
	t.Helper()
	return weekfixture.New(t, time.Now)
}

func day(t testing.TB, s string) time.Time { return weekfixture.Day(t, s) }
