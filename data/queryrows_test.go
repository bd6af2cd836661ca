package data

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

// TestQueryRowsKeepsEveryRowInOrder checks queryRows at the edges of its
// blocks: every row, in order, in a slice of exactly their number (no
// spare capacity left over from growing), nil for no rows, and a scan's
// error returned as it is.
func TestQueryRowsKeepsEveryRowInOrder(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	const numbers = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT x FROM c WHERE x <= ?`
	scanInt := func(rows *sql.Rows) (v int, err error) {
		err = rows.Scan(&v)
		return v, err
	}
	for _, n := range []int{0, 1, 15, 16, 17, 100, 4095, 4096, 4097, 8192 + 4096 + 1, 30000} {
		got, err := queryRows(ctx, st.q, numbers, []any{max(n, 1), n}, scanInt)
		if err != nil {
			t.Fatalf("%d rows: %v", n, err)
		}
		if n == 0 && got != nil {
			t.Errorf("no rows gave %v, want nil", got)
		}
		if len(got) != n {
			t.Fatalf("%d rows: got %d", n, len(got))
		}
		for i, v := range got {
			if v != i+1 {
				t.Fatalf("%d rows: row %d is %d", n, i, v)
			}
		}
		if n > 16 && cap(got) != n {
			t.Errorf("%d rows: capacity %d, want exactly the rows", n, cap(got))
		}
	}
	bad := errors.New("row 5000 cannot be read")
	_, err := queryRows(ctx, st.q, numbers, []any{9000, 9000}, func(rows *sql.Rows) (v int, err error) {
		if err = rows.Scan(&v); err == nil && v == 5000 {
			err = bad
		}
		return v, err
	})
	if !errors.Is(err, bad) {
		t.Errorf("a failed scan gave %v, want %v", err, bad)
	}
}
