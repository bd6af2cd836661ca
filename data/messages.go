package data

// Message is one reason a reader of files (a class list, a form export)
// gives, in Swedish (Text, a template over the error's data, shown through
// the ui's translations under Key) and English (Reason, for logs and the
// command line).
type Message struct {
	Key    string
	Text   string
	Reason string
}

// Pairs makes a message's data from keys and values in turn ("Line", "4",
// …); nil when there are none.
func Pairs(kv ...string) map[string]string {
	if len(kv) == 0 {
		return nil
	}
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}
