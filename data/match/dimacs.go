package match

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// maxDIMACSNodes keeps a wrong node count in a file from allocating
// gigabytes before the first arc is read.
const maxDIMACSNodes = 1 << 26

// ReadDIMACS reads a min-cost flow problem in DIMACS format:
//
//	c any comment
//	p min NODES ARCS
//	n ID FLOW            supply (positive) or demand (negative) of node ID
//	a SRC DST LOW CAP COST
//
// Node ids are 1-based in the file and 0-based in the Network. Lower
// bounds are kept (see AddArcBounds). Errors name the line and the problem,
// e.g. "line 7: arc needs 5 fields, got 3".
func ReadDIMACS(r io.Reader) (*Network, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 256*1024), 16*1024*1024)
	var net *Network
	wantArcs, arcs := 0, 0
	var seenNode []int32 // line of each node's "n" line, 0 if none
	line := 0
	var fields [8][]byte
	for sc.Scan() {
		line++
		// Split without allocating: files have hundreds of thousands of
		// arc lines.
		nf := 0
		overflow := false
		for b := sc.Bytes(); ; {
			for len(b) > 0 && isSpace(b[0]) {
				b = b[1:]
			}
			if len(b) == 0 {
				break
			}
			k := 1
			for k < len(b) && !isSpace(b[k]) {
				k++
			}
			if nf == len(fields) {
				overflow = true
				nf++
				break
			}
			fields[nf] = b[:k]
			nf++
			b = b[k:]
		}
		if nf == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))
		}
		if overflow {
			nf = len(strings.Fields(sc.Text()))
		}
		switch string(fields[0]) {
		case "c":
			continue
		case "p":
			if net != nil {
				return nil, fail("second problem line")
			}
			if nf != 4 {
				return nil, fail("problem line needs 3 fields (min NODES ARCS), got %d", nf-1)
			}
			if string(fields[1]) != "min" {
				return nil, fail("problem type %q, want \"min\"", fields[1])
			}
			n, err := strconv.Atoi(string(fields[2]))
			if err != nil || n < 0 {
				return nil, fail("bad node count %q", fields[2])
			}
			if n > maxDIMACSNodes {
				return nil, fail("%d nodes, at most %d", n, maxDIMACSNodes)
			}
			m, err := strconv.Atoi(string(fields[3]))
			if err != nil || m < 0 {
				return nil, fail("bad arc count %q", fields[3])
			}
			// Trust the arc count for room only up to a limit, so a wrong
			// count cannot allocate gigabytes.
			net = newNetworkCap(n, min(m, 1<<24))
			seenNode = make([]int32, n)
			wantArcs = m
		case "n":
			if net == nil {
				return nil, fail("node line before the problem line")
			}
			if nf != 3 {
				return nil, fail("node needs 2 fields (ID FLOW), got %d", nf-1)
			}
			id, err := nodeID(fields[1], net.n)
			if err != nil {
				return nil, fail("%v", err)
			}
			s, ok := parseInt(fields[2])
			if !ok {
				return nil, fail("bad supply %q", fields[2])
			}
			if prev := seenNode[id]; prev != 0 {
				return nil, fail("node %d already given on line %d", id+1, prev)
			}
			seenNode[id] = int32(min(line, math.MaxInt32))
			net.SetSupply(id, s)
		case "a":
			if net == nil {
				return nil, fail("arc line before the problem line")
			}
			if nf != 6 {
				return nil, fail("arc needs 5 fields, got %d", nf-1)
			}
			from, err := nodeID(fields[1], net.n)
			if err != nil {
				return nil, fail("arc tail: %v", err)
			}
			to, err := nodeID(fields[2], net.n)
			if err != nil {
				return nil, fail("arc head: %v", err)
			}
			var v [3]int64
			for k, name := range [...]string{"lower bound", "capacity", "cost"} {
				var ok bool
				if v[k], ok = parseInt(fields[3+k]); !ok {
					return nil, fail("bad %s %q", name, fields[3+k])
				}
			}
			if v[0] < 0 {
				return nil, fail("negative lower bound %d", v[0])
			}
			if v[1] < v[0] {
				return nil, fail("capacity %d below lower bound %d", v[1], v[0])
			}
			if net.AddArcBounds(from, to, v[0], v[1], v[2]) < 0 {
				return nil, fail("%v", net.Err())
			}
			arcs++
		default:
			return nil, fail("unknown line type %q (want c, p, n or a)", fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	if net == nil {
		return nil, errors.New("no problem line (p min NODES ARCS)")
	}
	if arcs != wantArcs {
		return nil, fmt.Errorf("problem line says %d arcs, file has %d", wantArcs, arcs)
	}
	return net, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

// parseInt parses a decimal int64 without allocating; anything unusual
// (a plus sign, overflow) goes through strconv.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	d := b
	if neg {
		d = b[1:]
	}
	if len(d) == 0 || len(d) > 18 {
		x, err := strconv.ParseInt(string(b), 10, 64)
		return x, err == nil
	}
	var x int64
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		x = x*10 + int64(c-'0')
	}
	if neg {
		x = -x
	}
	return x, true
}

func nodeID(s []byte, n int) (int, error) {
	x, ok := parseInt(s)
	if !ok {
		return 0, fmt.Errorf("bad node id %q", s)
	}
	if x < 1 || x > int64(n) {
		return 0, fmt.Errorf("node %d out of range 1..%d", x, n)
	}
	return int(x) - 1, nil
}

// WriteDIMACS writes net in DIMACS min-cost flow format. Each line of
// comment becomes a "c" line.
func WriteDIMACS(w io.Writer, net *Network, comment string) error {
	if net == nil {
		return errors.New("match: nil network")
	}
	if net.err != nil {
		return net.err
	}
	bw := bufio.NewWriter(w)
	if comment != "" {
		for _, l := range strings.Split(comment, "\n") {
			fmt.Fprintf(bw, "c %s\n", l)
		}
	}
	fmt.Fprintf(bw, "p min %d %d\n", net.n, len(net.tail))
	for v, s := range net.supply {
		if s != 0 {
			fmt.Fprintf(bw, "n %d %d\n", v+1, s)
		}
	}
	for i := range net.tail {
		fmt.Fprintf(bw, "a %d %d %d %d %d\n", net.tail[i]+1, net.head[i]+1, net.low[i], net.cap[i], net.cost[i])
	}
	return bw.Flush()
}

// WriteSolution writes f in the DIMACS solution format: "s COST", then
// "f FROM TO FLOW" for every arc with non-zero flow, in arc order.
func WriteSolution(w io.Writer, net *Network, f *Flow) error {
	if net == nil || f == nil {
		return errors.New("match: nil network or flow")
	}
	if len(f.Arc) != len(net.tail) {
		return fmt.Errorf("match: %d arc flows for %d arcs", len(f.Arc), len(net.tail))
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "s %d\n", f.Cost)
	buf := make([]byte, 0, 64)
	for i, x := range f.Arc {
		if x != 0 {
			buf = append(buf[:0], "f "...)
			buf = strconv.AppendInt(buf, int64(net.tail[i])+1, 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(net.head[i])+1, 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, x, 10)
			buf = append(buf, '\n')
			bw.Write(buf)
		}
	}
	return bw.Flush()
}

// SolveDIMACS reads a DIMACS problem from r, solves it, checks the
// optimality certificate and writes the DIMACS solution to w. An infeasible
// problem gives an error wrapping ErrInfeasible.
func SolveDIMACS(ctx context.Context, r io.Reader, w io.Writer) error {
	net, err := ReadDIMACS(r)
	if err != nil {
		return err
	}
	f, err := net.Solve(ctx)
	if err != nil {
		return err
	}
	if err := f.CheckCertificate(net); err != nil {
		return err
	}
	return WriteSolution(w, net, f)
}
