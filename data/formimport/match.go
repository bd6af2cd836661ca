package formimport

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"techniqual/data/text"
	"unicode"
	"unicode/utf8"

	"techniqual/data"
)

// fold makes a name comparable: lower case, no accents, punctuation as
// spaces, one space between words ("  Åsa-Lena  ÖST " → "asa lena ost").
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if r >= utf8.RuneSelf {
			r = baseLetter(r)
		}
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(r)
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return strings.TrimSuffix(b.String(), " ")
}

// baseLetter is r without accents, in lower case; r itself when it has none.
func baseLetter(r rune) rune { return text.FoldRune(r) }

// nameKey is a person's name with its words sorted, so that "Ek, Åsa",
// "åsa  ek" and "Åsa Ek" are the same key.
func nameKey(s string) string {
	t := strings.Fields(fold(s))
	slices.Sort(t)
	return strings.Join(t, " ")
}

// classKey makes a class comparable: "8 a", "8A", "Klass 8a" → "8a".
func classKey(s string) string {
	k := strings.ReplaceAll(fold(s), " ", "")
	for _, p := range []string{"klass", "class", "ak"} {
		if rest, ok := strings.CutPrefix(k, p); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return rest
		}
	}
	return k
}

// companyForms are the words of a company's legal form, left out when
// offers are compared ("Valmet AB" is "Valmet").
var companyForms = map[string]bool{"ab": true, "aktiebolag": true, "publ": true, "hb": true, "kb": true}

// offerFold is fold without the words of a legal form.
func offerFold(s string) string {
	t := strings.Fields(fold(s))
	out := t[:0]
	for _, w := range t {
		if !companyForms[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// levenshtein is the edit distance of two short strings, in runes.
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// similarity is 1 for equal strings, falling to 0 with the edit distance.
func similarity(a, b string) float64 {
	if a == b {
		return 1
	}
	ra, rb := []rune(a), []rune(b)
	n := max(len(ra), len(rb))
	if n == 0 {
		return 1
	}
	return 1 - float64(levenshtein(ra, rb))/float64(n)
}

// tokenSimilarity is how well the words of a are found among the words of
// b: the mean of each word's best similarity (short words must be equal).
func tokenSimilarity(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range a {
		best := 0.0
		for _, y := range b {
			s := 0.0
			switch {
			case x == y:
				s = 1
			case len(x) > 2 && len(y) > 2:
				s = similarity(x, y)
			}
			best = max(best, s)
		}
		sum += best
	}
	return sum / float64(len(a))
}

// Suggestion is a pupil or an offer that a name in the file may mean.
type Suggestion struct {
	ID    string // the pupil's or the offer's id
	Text  string // "Åsa Ek, 8A, Solbackens skola" or "Volvo Car Corporation – Lagerlogistik"
	Score float64
}

// failure is why a name was not matched, before it becomes a RowError.
type failure struct {
	msg   Message
	data  map[string]string
	sugg  []Suggestion
	value string
}

// maxSuggestions bounds the suggestions for one name.
const maxSuggestions = 3

func topSuggestions(s []Suggestion, threshold float64) []Suggestion {
	slices.SortStableFunc(s, func(a, b Suggestion) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Text, b.Text))
	})
	out := s[:0]
	for _, x := range s {
		if x.Score >= threshold && len(out) < maxSuggestions {
			out = append(out, x)
		}
	}
	return out
}

func suggestionTexts(s []Suggestion) string {
	t := make([]string, len(s))
	for i, x := range s {
		t[i] = x.Text
	}
	return strings.Join(t, "; ")
}

// pupilIndex finds the pupils of the database by what a form says of them.
type pupilIndex struct {
	period   data.Period
	pupils   []data.Pupil
	schools  map[string]string // id → name
	inScope  []bool            // the pupil's grade and school take part in the period
	byID     map[string]int
	byName   map[string][]int // nameKey → pupils
	byPrefix map[string][]int // first three letters of a word → pupils, for suggestions
	words    [][]string
	classes  []string // classKey of each pupil
	byClass  map[string][]int
	labels   []string
}

func newPupilIndex(per data.Period, pupils []data.Pupil, schools []data.Organisation) *pupilIndex {
	x := &pupilIndex{period: per, pupils: pupils, schools: map[string]string{}, byID: map[string]int{},
		byName: map[string][]int{}, byPrefix: map[string][]int{}, byClass: map[string][]int{}}
	for _, o := range schools {
		x.schools[o.ID] = o.Name
	}
	x.inScope = make([]bool, len(pupils))
	x.words = make([][]string, len(pupils))
	x.classes = make([]string, len(pupils))
	x.labels = make([]string, len(pupils))
	seen := map[string]int{}
	for i, p := range pupils {
		x.inScope[i] = p.Grade == per.Grade && slices.Contains(per.SchoolIDs, p.SchoolID)
		x.byID[p.ID] = i
		name := p.FirstName + " " + p.LastName
		k := nameKey(name)
		x.byName[k] = append(x.byName[k], i)
		x.words[i] = strings.Fields(k)
		for _, w := range x.words[i] {
			pre := prefix(w)
			if l := x.byPrefix[pre]; len(l) == 0 || l[len(l)-1] != i {
				x.byPrefix[pre] = append(l, i)
			}
		}
		x.classes[i] = classKey(p.ClassName)
		x.byClass[x.classes[i]] = append(x.byClass[x.classes[i]], i)
		x.labels[i] = strings.Join(nonEmpty(p.Name(), p.ClassName, x.schools[p.SchoolID]), ", ")
		seen[x.labels[i]]++
	}
	// Two pupils with the same name, class and school: tell them apart.
	for i, p := range pupils {
		if seen[x.labels[i]] > 1 {
			if !p.BirthDate.IsZero() {
				x.labels[i] += ", född " + data.FormatDate(p.BirthDate)
			} else {
				x.labels[i] += " [" + p.ID[:min(8, len(p.ID))] + "]"
			}
		}
	}
	return x
}

func prefix(w string) string {
	r := []rune(w)
	return string(r[:min(3, len(r))])
}

func nonEmpty(s ...string) []string {
	out := s[:0]
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}

// pupilQuery is what a row says of its pupil.
type pupilQuery struct {
	name, class, school string
}

// key identifies the pupil a row names, for resolutions.
func (q pupilQuery) key() string {
	return "pupil\x1f" + nameKey(q.name) + "\x1f" + classKey(q.class) + "\x1f" + fold(q.school)
}

func (x *pupilIndex) suggestion(i int, score float64) Suggestion {
	return Suggestion{ID: x.pupils[i].ID, Text: x.labels[i], Score: score}
}

// find matches a row's pupil: the same name (in any order, any case, with
// or without accents) in the period's schools and grade, narrowed by the
// class and school when the row gives them. It returns the pupil's index,
// or why none.
func (x *pupilIndex) find(q pupilQuery) (int, *failure) {
	cands := x.byName[nameKey(q.name)]
	if len(cands) == 0 {
		return -1, &failure{msg: msgPupilUnknown, data: map[string]string{"Value": clip(q.name)}, value: q.name,
			sugg: x.similar(q, -1)}
	}
	var scope []int
	for _, i := range cands {
		if x.inScope[i] {
			scope = append(scope, i)
		}
	}
	if len(scope) == 0 {
		// The name is known, but not in the period: say why for the best fit.
		i := cands[0]
		for _, j := range cands {
			if q.class != "" && x.classes[j] == classKey(q.class) {
				i = j
				break
			}
		}
		return -1, x.outOfScope(i, q)
	}
	c := scope
	if q.class != "" {
		ck := classKey(q.class)
		c = nil
		for _, i := range scope {
			if x.classes[i] == ck {
				c = append(c, i)
			}
		}
		if len(c) == 0 {
			s := make([]Suggestion, len(scope))
			for k, i := range scope {
				s[k] = x.suggestion(i, 1)
			}
			return -1, &failure{msg: msgPupilClass, data: map[string]string{"Value": clip(q.name), "Class": clip(q.class)},
				value: q.name, sugg: topSuggestions(s, 0)}
		}
	}
	if len(c) > 1 && q.school != "" {
		var c2 []int
		for _, i := range c {
			if sameSchool(x.schools[x.pupils[i].SchoolID], q.school) {
				c2 = append(c2, i)
			}
		}
		if len(c2) > 0 {
			c = c2
		}
	}
	if len(c) == 1 {
		return c[0], nil
	}
	s := make([]Suggestion, len(c))
	for k, i := range c {
		s[k] = x.suggestion(i, 1)
	}
	slices.SortFunc(s, func(a, b Suggestion) int { return cmp.Compare(a.Text, b.Text) })
	return -1, &failure{msg: msgPupilAmbiguous, data: map[string]string{"Value": clip(q.name), "N": strconv.Itoa(len(c)),
		"Suggestions": suggestionTexts(s)}, value: q.name, sugg: s}
}

// outOfScope says why pupil i cannot take part in the period, suggesting
// pupils who can.
func (x *pupilIndex) outOfScope(i int, q pupilQuery) *failure {
	p := x.pupils[i]
	d := map[string]string{"Pupil": p.Name(), "Grade": strconv.Itoa(p.Grade), "PeriodGrade": strconv.Itoa(x.period.Grade),
		"School": x.schools[p.SchoolID]}
	m := msgPupilSchool
	if p.Grade != x.period.Grade {
		m = msgPupilGrade
	}
	return &failure{msg: m, data: d, value: q.name, sugg: x.similar(q, i)}
}

// resolve takes the pupil picked for a problem, when they can take part.
func (x *pupilIndex) resolve(id string) (int, bool) {
	i, ok := x.byID[id]
	return i, ok && x.inScope[i]
}

// similar suggests pupils of the period whose name is like the row's
// (sharing the start of a word, or in the row's class), not pupil skip.
func (x *pupilIndex) similar(q pupilQuery, skip int) []Suggestion {
	qw := strings.Fields(nameKey(q.name))
	if len(qw) == 0 {
		return nil
	}
	ck := classKey(q.class)
	seen := map[int]bool{skip: true}
	var out []Suggestion
	consider := func(i int) {
		if seen[i] || !x.inScope[i] {
			return
		}
		seen[i] = true
		s := (tokenSimilarity(qw, x.words[i]) + tokenSimilarity(x.words[i], qw)) / 2
		s = max(s, similarity(strings.Join(qw, " "), strings.Join(x.words[i], " ")))
		if ck != "" && x.classes[i] == ck {
			s += 0.1
		}
		out = append(out, x.suggestion(i, s))
	}
	for _, w := range qw {
		for _, i := range x.byPrefix[prefix(w)] {
			consider(i)
		}
	}
	if ck != "" {
		for _, i := range x.byClass[ck] {
			consider(i)
		}
	}
	return topSuggestions(out, 0.6)
}

func sameSchool(name, q string) bool {
	a, b := fold(name), fold(q)
	return a != "" && b != "" && (a == b || strings.Contains(a, b) || strings.Contains(b, a))
}

// offerIndex finds the offers of a period by what a pupil wrote: the
// title, the host's name, or both ("Företag – titel").
type offerIndex struct {
	period  data.Period
	offers  []data.Offer // the period's
	labels  []string
	keys    [][]string       // each offer's keys, folded
	byKey   map[string][]int // key → offers of the period
	byID    map[string]int
	other   map[string]string // key → name of another period with such an offer
	memo    map[string]offerHit
	periods map[string]string // id → name
}

type offerHit struct {
	index int
	fail  *failure
}

func newOfferIndex(per data.Period, all []data.Offer, hosts []data.Organisation, periods []data.Period) *offerIndex {
	x := &offerIndex{period: per, byKey: map[string][]int{}, byID: map[string]int{}, other: map[string]string{},
		memo: map[string]offerHit{}, periods: map[string]string{}}
	hostName := map[string]string{}
	for _, h := range hosts {
		hostName[h.ID] = h.Name
	}
	for _, p := range periods {
		x.periods[p.ID] = p.Name
	}
	for _, o := range all {
		h := hostName[o.HostID]
		t, hk := offerFold(o.Title), offerFold(h)
		keys := nonEmpty(t, hk, strings.TrimSpace(hk+" "+t), strings.TrimSpace(t+" "+hk))
		keys = slices.Compact(keys)
		if o.PeriodID != per.ID {
			for _, k := range keys {
				if _, ok := x.other[k]; !ok {
					x.other[k] = x.periods[o.PeriodID]
				}
			}
			continue
		}
		i := len(x.offers)
		x.offers = append(x.offers, o)
		x.byID[o.ID] = i
		x.keys = append(x.keys, keys)
		label := o.Title
		if h != "" {
			label = h + " – " + o.Title
		}
		x.labels = append(x.labels, label)
		for _, k := range keys {
			if l := x.byKey[k]; len(l) == 0 || l[len(l)-1] != i {
				x.byKey[k] = append(l, i)
			}
		}
	}
	return x
}

// offerProblemKey identifies an offer name for resolutions.
func offerProblemKey(value string) string { return "offer\x1f" + offerFold(value) }

// find matches what a pupil wrote to an offer of the period.
func (x *offerIndex) find(value string) (int, *failure) {
	// Memoised by the value as written, then by its folded key: a file
	// names the same few offers thousands of times.
	if h, ok := x.memo[value]; ok {
		return h.index, h.fail
	}
	k := "\x00" + offerFold(value)
	h, ok := x.memo[k]
	if !ok {
		h = x.lookup(k[1:], value)
		x.memo[k] = h
	}
	x.memo[value] = h
	return h.index, h.fail
}

func (x *offerIndex) lookup(k, value string) offerHit {
	if c := x.byKey[k]; len(c) == 1 {
		return offerHit{index: c[0]}
	} else if len(c) > 1 {
		s := make([]Suggestion, len(c))
		for j, i := range c {
			s[j] = Suggestion{ID: x.offers[i].ID, Text: x.labels[i], Score: 1}
		}
		slices.SortFunc(s, func(a, b Suggestion) int { return cmp.Compare(a.Text, b.Text) })
		return offerHit{index: -1, fail: &failure{msg: msgOfferAmbiguous, value: value, sugg: s,
			data: map[string]string{"Value": clip(value), "N": strconv.Itoa(len(c)), "Suggestions": suggestionTexts(s)}}}
	}
	if p, ok := x.other[k]; ok {
		return offerHit{index: -1, fail: &failure{msg: msgOfferPeriod, value: value, sugg: x.similar(k),
			data: map[string]string{"Value": clip(value), "Period": p}}}
	}
	return offerHit{index: -1, fail: &failure{msg: msgOfferUnknown, value: value, sugg: x.similar(k),
		data: map[string]string{"Value": clip(value)}}}
}

// similar suggests the offers of the period most like k.
func (x *offerIndex) similar(k string) []Suggestion {
	kw := strings.Fields(k)
	if len(kw) == 0 {
		return nil
	}
	var out []Suggestion
	for i, keys := range x.keys {
		best := 0.0
		for _, key := range keys {
			best = max(best, similarity(k, key), 0.95*tokenSimilarity(kw, strings.Fields(key)))
		}
		out = append(out, Suggestion{ID: x.offers[i].ID, Text: x.labels[i], Score: best})
	}
	return topSuggestions(out, 0.55)
}

// clip shortens a value from the file for a message.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
