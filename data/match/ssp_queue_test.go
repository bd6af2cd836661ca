package match

// bucketQueue is a monotone priority queue for Dijkstra: Dial's buckets for
// keys inside a window [base, base+len(buckets)), and a binary heap for keys
// beyond it. Reduced costs in allocation networks are small integers, so
// nearly everything goes through the buckets in O(1); huge costs (the
// "unplaced" arc, arbitrary DIMACS files) fall back to the heap gracefully.
//
// Keys pushed must never be below the key last popped (true for Dijkstra with
// non-negative reduced costs). Stale entries are not removed: the caller skips
// a popped (node, key) whose key is no longer the node's distance.
//
// Each bucket is first-in first-out, so nodes at equal distance come out in
// breadth-first order (fewest arcs first), which the solver's levels use.
type bucketQueue struct {
	base    int64
	cur     int
	buckets [][]int32
	head    []int // next unread entry of each bucket
	heap    []heapItem
}

type heapItem struct {
	key  int64
	node int32
}

const bucketWindow = 2048

func newBucketQueue() *bucketQueue {
	return &bucketQueue{buckets: make([][]int32, bucketWindow), head: make([]int, bucketWindow)}
}

// reset empties the queue and sets its base back to 0.
func (q *bucketQueue) reset() {
	for i := q.cur; i < len(q.buckets); i++ {
		q.buckets[i] = q.buckets[i][:0]
		q.head[i] = 0
	}
	q.base, q.cur = 0, 0
	q.heap = q.heap[:0]
}

func (q *bucketQueue) push(v int32, key int64) {
	if off := key - q.base; off < int64(len(q.buckets)) {
		q.buckets[off] = append(q.buckets[off], v)
		return
	}
	q.heapPush(heapItem{key, v})
}

// pop returns the node with the smallest key, or ok == false when empty.
func (q *bucketQueue) pop() (v int32, key int64, ok bool) {
	for {
		for q.cur < len(q.buckets) && q.head[q.cur] == len(q.buckets[q.cur]) {
			q.buckets[q.cur] = q.buckets[q.cur][:0]
			q.head[q.cur] = 0
			q.cur++
		}
		if q.cur < len(q.buckets) {
			v = q.buckets[q.cur][q.head[q.cur]]
			q.head[q.cur]++
			return v, q.base + int64(q.cur), true
		}
		if len(q.heap) == 0 {
			return 0, 0, false
		}
		// The window is used up: slide it to the smallest key in the heap
		// and move every heap entry that now fits into the buckets.
		q.base, q.cur = q.heap[0].key, 0
		for len(q.heap) > 0 && q.heap[0].key-q.base < int64(len(q.buckets)) {
			it := q.heapPop()
			q.buckets[it.key-q.base] = append(q.buckets[it.key-q.base], it.node)
		}
	}
}

func (q *bucketQueue) heapPush(it heapItem) {
	h := append(q.heap, it)
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h[p].key <= it.key {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = it
	q.heap = h
}

func (q *bucketQueue) heapPop() heapItem {
	h := q.heap
	top := h[0]
	last := h[len(h)-1]
	h = h[:len(h)-1]
	i := 0
	for {
		c := 2*i + 1
		if c >= len(h) {
			break
		}
		if c+1 < len(h) && h[c+1].key < h[c].key {
			c++
		}
		if last.key <= h[c].key {
			break
		}
		h[i] = h[c]
		i = c
	}
	if len(h) > 0 {
		h[i] = last
	}
	q.heap = h
	return top
}
