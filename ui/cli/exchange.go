package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"techniqual/data"
	"techniqual/data/exchange"
	"techniqual/data/text"
	"techniqual/ui/ops"
)

var cmdExchange = &Command{
	UsageLine: "exchange",
	Short:     "write and read exchange files (.techniqual) between laptops",
	Long: `Exchange writes and reads exchange files (.techniqual): encrypted files that
carry a host's form, a school's pupils and choices, results and a host's
pupil list between laptops. host-form needs --org (the company); school and
results need --school and --period; host needs --org and --period. The
passphrase is read from the environment variable TECHNIQUAL_PASSPHRASE or
from the first line of --passphrase-file (at least 10 characters to
export). A host file is only shown, never imported.`,
	Commands: []*Command{cmdExchangeExport, cmdExchangeImport},
}

var cmdExchangeExport = &Command{
	UsageLine: "export host-form|school|results|host|journey --db PATH [--org NAME] [--school NAME]\n[--period NAME] [--include-protected] [--passphrase-file FILE] --out FILE.techniqual",
	Short:     "write an exchange file; host-form, host and journey need --org, school and results --school, school, results and host --period",
	Long: `Exchange export writes an encrypted exchange file and records it in the
audit log. A school file names pupils with protected identity only with
--include-protected. When --out is a folder, the file is named for what it
is, who it is from and the date, e.g. "Värdformulär Alsters Kodverkstad AB
2026-12-05.techniqual".`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		f := &exchangeExportFlags{
			db:       fs.String("db", "", "database file"),
			org:      fs.String("org", "", "the company (host-form, host)"),
			school:   fs.String("school", "", "the school (school, results)"),
			period:   fs.String("period", "", "prao period, by name (school, results, host)"),
			include:  fs.Bool("include-protected", false, "name pupils with protected identity in a school file (recorded in the audit log)"),
			passFile: fs.String("passphrase-file", "", "file whose first line is the passphrase"),
			out:      fs.String("out", "", "FILE.techniqual, or a folder to name the file after its sender"),
		}
		return f.run
	},
}

var cmdExchangeImport = &Command{
	UsageLine: "import --db PATH [--preview] [--prefer mine|theirs] [--passphrase-file FILE]\n[--lang sv|en] FILE.techniqual",
	Short:     "read an exchange file: what changes, the conflicts, then the import (a host file is only shown)",
	Long: `Exchange import reads an exchange file, shows what it would change and
every conflict, and imports it in one transaction; --preview changes
nothing. It names every field it changes. Conflicts (a field changed both
here and there) must be settled with --prefer mine (keep this database's
values) or theirs (take the file's); settled conflicts are still listed and
counted. A file older than what is here is refused; fields a file may not
change (a host approving its own offer) are refused and named.`,
	Flags: func(fs *flag.FlagSet, env *Env) RunFunc {
		f := &exchangeImportFlags{
			db:       fs.String("db", "", "database file"),
			preview:  fs.Bool("preview", false, "show what would change and change nothing"),
			prefer:   fs.String("prefer", "", "settle every conflict: mine (keep this database's) or theirs (take the file's)"),
			passFile: fs.String("passphrase-file", "", "file whose first line is the passphrase"),
		}
		langFlag(fs, env, "language of the messages about the file")
		return f.run
	},
}

// exchangeExportFlags are the flags of techniqual exchange export.
type exchangeExportFlags struct {
	db, org, school, period, passFile, out *string
	include                                *bool
}

// exchangeImportFlags are the flags of techniqual exchange import.
type exchangeImportFlags struct {
	db, prefer, passFile *string
	preview              *bool
}

// passphraseEnv names the environment variable that holds the passphrase.
const passphraseEnv = "TECHNIQUAL_PASSPHRASE"

// readPassphrase takes the passphrase from --passphrase-file or the
// environment; the terminal is not asked (no terminal package here).
func readPassphrase(file string) (string, error) {
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		line, err := bufio.NewReader(io.LimitReader(f, 4096)).ReadString('\n')
		if err != nil && err != io.EOF {
			return "", err
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	if p, ok := os.LookupEnv(passphraseEnv); ok {
		return p, nil
	}
	return "", fmt.Errorf("no passphrase: set %s or give --passphrase-file FILE", passphraseEnv)
}

func (fl *exchangeExportFlags) run(ctx context.Context, env *Env, pos []string) int {
	db, org, school, period, include, passFile, out := fl.db, fl.org, fl.school, fl.period, fl.include, fl.passFile, fl.out
	stdout, stderr := env.Stdout, env.Stderr
	pos = pos[1:] // the word "export"
	kind := exchange.Kind("")
	if len(pos) == 1 {
		kind = exchange.Kind(pos[0])
	}
	needOrg := kind == exchange.KindHostForm || kind == exchange.KindHost || kind == exchange.KindJourney
	needSchool := kind == exchange.KindSchool || kind == exchange.KindResults
	needPeriod := kind != exchange.KindHostForm && kind != exchange.KindJourney
	if !kind.Valid() || *db == "" || *out == "" || (needOrg && *org == "") || (needSchool && *school == "") ||
		(needPeriod && *period == "") {
		return env.usageError()
	}
	pass, err := readPassphrase(*passFile)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual exchange:", err)
		return exitUsage
	}
	if err := exchange.CheckPassphrase(pass); err != nil {
		msg := err.Error()
		var e *exchange.Error
		if errors.As(err, &e) {
			msg = e.English()
		}
		fmt.Fprintln(stderr, "techniqual exchange:", msg)
		return exitUsage
	}
	st, ok := openExisting(ctx, *db, stderr, "exchange")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	fail := func(err error) int {
		fmt.Fprintln(stderr, "techniqual exchange:", ops.Message(text.English, err))
		return exitFailure
	}
	var orgID, schoolID, periodID string
	if needOrg {
		o, err := st.FindOrganisation(ctx, data.KindCompany, *org)
		if errors.Is(err, data.ErrNotFound) {
			o, err = st.FindOrganisation(ctx, data.KindOther, *org)
		}
		if errors.Is(err, data.ErrNotFound) {
			return fail(fmt.Errorf("there is no company named %q", *org))
		} else if err != nil {
			return fail(err)
		}
		orgID = o.ID
	}
	if needSchool {
		s, err := st.FindOrganisation(ctx, data.KindSchool, *school)
		if errors.Is(err, data.ErrNotFound) {
			return fail(fmt.Errorf("there is no school named %q", *school))
		} else if err != nil {
			return fail(err)
		}
		schoolID = s.ID
	}
	if needPeriod {
		p, err := st.FindPeriod(ctx, *period)
		if errors.Is(err, data.ErrNotFound) {
			return fail(fmt.Errorf("there is no prao period named %q (see: techniqual list periods)", *period))
		} else if err != nil {
			return fail(err)
		}
		periodID = p.ID
	}
	o := ops.Outgoing{Kind: kind, OrgID: orgID, SchoolID: schoolID, PeriodID: periodID,
		Options: exchange.Options{AppVersion: Version, IncludeProtected: *include}}
	path := *out
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		// A folder: the file gets a name that says what it is and who sent it.
		b, err := ops.BuildExchange(ctx, st, o)
		if err != nil {
			return fail(err)
		}
		path = filepath.Join(path, exchange.FileName(kind, b.Source.Name, time.Now().In(data.Stockholm).Format("2006-01-02"), false))
	}
	p, err := ops.WriteExchange(ctx, st, o, path, pass)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "%s: %s", kind, summariseRows(p))
	if p.Protected > 0 {
		fmt.Fprintf(stdout, "; %d pupils with protected identity, %d named", p.Protected, p.Named)
	}
	fmt.Fprintf(stdout, ": %s\n", path)
	if n := p.ViaSchoolWithoutContact(); n > 0 {
		fmt.Fprintf(stderr, env.Lang.Pick("techniqual exchange: obs: %d elever med skyddad identitet står som ”Elev via skolan” utan någon att fråga: nätverkets kontakt är inte angiven (Inställningar → Nätverkets kontakt)\n",
			"techniqual exchange: note: %d pupils with protected identity appear as \"Elev via skolan\" with nobody to ask: the network's contact is not set (Settings → The network's contact)\n"), n)
	}
	return exitOK
}

// summariseRows counts a payload's rows by table, e.g. "3 pupils, 3 choices".
func summariseRows(p *exchange.Payload) string {
	if p.Host != nil {
		n := 0
		for _, o := range p.Host.Offers {
			n += len(o.Pupils)
		}
		return fmt.Sprintf("%d offers, %d pupils", len(p.Host.Offers), n)
	}
	counts := map[string]int{}
	for _, r := range p.Rows {
		counts[r.Table]++
	}
	var parts []string
	for _, t := range data.ExchangeTables() {
		if n := counts[t.Name]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, exchange.TableName(t.Name, true)))
		}
	}
	return strings.Join(parts, ", ")
}

func (fl *exchangeImportFlags) run(ctx context.Context, env *Env, pos []string) int {
	db, preview, prefer, passFile := fl.db, fl.preview, fl.prefer, fl.passFile
	stdout, stderr := env.Stdout, env.Stderr
	pos = pos[1:] // the word "import"
	if len(pos) != 1 || (*prefer != "" && *prefer != "mine" && *prefer != "theirs") {
		return env.usageError()
	}
	l := env.Lang
	en := l == text.English
	say := func(err error) string { return ops.Message(l, err) }
	pass, err := readPassphrase(*passFile)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual exchange:", err)
		return exitUsage
	}
	p, _, err := ops.ReadExchange(ctx, nil, pos[0], pass)
	if err != nil {
		fmt.Fprintf(stderr, "techniqual exchange: %s: %s\n", pos[0], say(err))
		return exitFailure
	}
	fmt.Fprintf(stdout, l.Pick("%s från %s (Techniqual %s, %s)\n", "%s from %s (Techniqual %s, %s)\n"), exchange.KindName(p.Kind, en),
		p.Source.Name, p.AppVersion, p.CreatedAt.In(data.Stockholm).Format("2006-01-02 15:04"))
	if p.Kind == exchange.KindHost {
		printHostSheet(stdout, p)
		return exitOK
	}
	if *db == "" {
		return env.usageError()
	}
	st, ok := openExisting(ctx, *db, stderr, "exchange")
	if !ok {
		return exitFailure
	}
	defer st.Close()
	plan, err := exchange.Prepare(ctx, st, p)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual exchange:", say(err))
		return exitFailure
	}
	printPlan(stdout, plan, l)
	if len(plan.Problems) > 0 {
		fmt.Fprintln(stderr, "techniqual exchange:", say(&exchange.Error{Code: exchange.CodeProblems, Problems: plan.Problems}))
		return exitFailure
	}
	if *preview {
		fmt.Fprintln(stdout, l.Pick("förhandsvisning: inget har ändrats", "preview only: nothing was changed"))
		return exitOK
	}
	d := exchange.Decisions{}
	switch *prefer {
	case "mine":
		d.Default = exchange.Mine
	case "theirs":
		d.Default = exchange.Theirs
	}
	if n := len(plan.Conflicts()); n > 0 && d.Default == exchange.Undecided {
		fmt.Fprintf(stderr, "techniqual exchange: %s\n", fmt.Sprintf(l.Pick(
			"%d konflikter (se ovan); välj med --prefer mine|theirs. Inget har ändrats.",
			"%d conflicts (listed above); choose with --prefer mine|theirs. Nothing was changed."), n))
		return exitFailure
	}
	res, err := ops.ImportExchange(ctx, st, p, d)
	if err != nil {
		fmt.Fprintln(stderr, "techniqual exchange:", say(err))
		return exitFailure
	}
	t := res.Plan.Total()
	fmt.Fprintf(stdout, "imported: %d rows written", res.Written)
	if t.Conflicts > 0 {
		// Settled, never silent: the values not kept are listed above.
		fmt.Fprintf(stdout, l.Pick("; %d konflikter avgjorda med --prefer %s (se ovan)", "; %d conflicts settled with --prefer %s (listed above)"),
			t.Conflicts, *prefer)
	}
	if t.Refused > 0 {
		fmt.Fprintf(stdout, l.Pick("; %d fält vägrade (se ovan)", "; %d fields refused (listed above)"), t.Refused)
	}
	if t.Older > 0 {
		fmt.Fprintf(stdout, l.Pick("; %d fält äldre i filen, behållna här", "; %d fields older in the file, kept here"), t.Older)
	}
	fmt.Fprintln(stdout)
	return exitOK
}

// printPlan writes the preview in l: counts per table, then every conflict.
func printPlan(w io.Writer, plan *exchange.Plan, l text.Lang) {
	en := l == text.English
	tables := make([]string, 0, len(plan.Counts))
	for t := range plan.Counts {
		tables = append(tables, t)
	}
	order := map[string]int{}
	for i, t := range data.ExchangeTables() {
		order[t.Name] = i
	}
	sort.Slice(tables, func(i, j int) bool { return order[tables[i]] < order[tables[j]] })
	for _, t := range tables {
		c := plan.Counts[t]
		fmt.Fprintf(w, l.Pick("%s: %d nya, %d ändrade, %d oförändrade, %d konflikter\n", "%s: %d new, %d changed, %d unchanged, %d conflicts\n"),
			exchange.TableName(t, en), c.New, c.Changed, c.Unchanged, c.Conflicts)
	}
	// Every field the import would change, by name, in the user's language.
	for _, c := range plan.Changes {
		for _, f := range c.Fields {
			if f.Conflict || f.Take != exchange.Theirs {
				continue
			}
			fmt.Fprintf(w, l.Pick("ändras: %s %q %s: %q → %q\n", "changes: %s %q %s: %q → %q\n"),
				exchange.TableName(c.Table, en), c.Label, exchange.FieldName(f.Field, en),
				plan.Display(f.Field, f.Mine, en), plan.Display(f.Field, f.Theirs, en))
		}
	}
	for _, c := range plan.Conflicts() {
		fmt.Fprintf(w, l.Pick("konflikt: %s %q %s: här %q, i filen %q\n", "conflict: %s %q %s: here %q, in the file %q\n"),
			exchange.TableName(c.Table, en), c.Label, exchange.FieldName(c.Field, en),
			plan.Display(c.Field, c.Mine, en), plan.Display(c.Field, c.Theirs, en))
	}
	for _, n := range plan.Older {
		fmt.Fprintf(w, l.Pick("äldre i filen, behålls här: %s %q %s: här %q, i filen %q\n",
			"older in the file, kept here: %s %q %s: here %q, in the file %q\n"),
			exchange.TableName(n.Table, en), n.Label, exchange.FieldName(n.Field, en),
			plan.Display(n.Field, n.Mine, en), plan.Display(n.Field, n.Theirs, en))
	}
	for _, n := range plan.Refused {
		fmt.Fprintf(w, l.Pick("vägras: %s\n", "refused: %s\n"), l.Pick(n.Problem.Swedish, n.Problem.English))
	}
}

// printHostSheet lists a host file's pupils, one a line, tab-separated:
// offer, pupil, class, school, needs, the school's contact.
func printHostSheet(w io.Writer, p *exchange.Payload) {
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	if p.Period != nil {
		fmt.Fprintf(w, "%s, %s: %s – %s\n", p.Host.Host, p.Period.Name, p.Period.Start, p.Period.End)
	}
	for _, o := range p.Host.Offers {
		for _, pu := range o.Pupils {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", clean.Replace(o.Title), clean.Replace(pu.Name), clean.Replace(pu.Class),
				clean.Replace(pu.School), clean.Replace(pu.Needs), clean.Replace(pu.Contact))
		}
	}
}
