package ops

import (
	"testing"
	"time"

	"techniqual/ui/internal/weekfixture"
)

// weekWorld is the shared small teknikprao week (ui/internal/weekfixture).
type weekWorld = weekfixture.World

func newWeekWorld(t testing.TB) *weekWorld {
	t.Helper()
	return weekfixture.New(t, func() time.Time { return weekfixture.Today })
}

func day(t testing.TB, s string) time.Time { return weekfixture.Day(t, s) }
