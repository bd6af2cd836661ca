package data

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/mattn/go-sqlite3"
)

// driverName is the SQLite driver of the Store's own connections: the
// plain driver plus settings that the connection string cannot carry.
const driverName = "sqlite3_techniqual"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// Statement journals (and temporary sorts) in memory: a statement
		// that may abort (every insert checks foreign keys) journals the
		// pages it changes; once such a journal outgrows 64 KiB SQLite moves
		// it to a temporary file for the rest of the transaction, and a bulk
		// write (example data, an import) then spent most of its time in
		// pwrite. The journals are a few pages each. And a page cache of
		// 64 MiB instead of SQLite's 2: a region's database is hundreds of
		// MB, and its lists and counts read the same pages again and again.
		_, err := c.Exec("PRAGMA temp_store = MEMORY; PRAGMA cache_size = "+strconv.Itoa(-connectionCacheKiB), nil)
		return err
	}})
}

//go:embed migrations/*.sql
var migrationFS embed.FS

// Options tune a Store; the zero value is right for the app.
type Options struct {
	// Now gives the time for created_at and updated_at; tests and example
	// data fix it so their output is deterministic.
	Now func() time.Time
	// NewID makes row keys; example data makes them from its seed.
	NewID func() string
	// NoBackup skips the copy taken before migrating a database that holds
	// data (for throw-away files only).
	NoBackup bool
	// ReadOnce is for a process that loads a period once and ends (the
	// command line): the two connections that LoadAllocation reads on keep
	// a small page cache while they load. Such a process reads no page
	// twice, and filling a 64 MiB cache costs a page fault for every 4 KiB
	// of fresh memory: a third of a first load at 30,000 pupils (#16).
	ReadOnce bool
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Store keeps Techniqual's data in one SQLite file. It is safe for use by
// several goroutines; writes are serialised by SQLite (one writer).
type Store struct {
	db    *sql.DB
	q     querier
	tx    *sql.Tx
	stmts map[string]*sql.Stmt   // prepared statements of this transaction
	conn  *sql.Conn              // the connection of this transaction
	raw   map[string]driver.Stmt // bulkExec's statements of this transaction
	path  string
	lock  *fileLock
	opts  Options
	mu    *sync.Mutex // guards stmts in a transaction
	loads *loadConns  // LoadAllocation's connections (nil in a transaction)
}

// Open opens (or creates) the database at path, migrates it to the current
// schema and takes the file's lock. A file that is not a SQLite database, or
// one written by a newer Techniqual, is left untouched and gives
// ErrNotDatabase or ErrNewerVersion; one whose pages SQLite finds broken
// (as far as opening reads) gives ErrDamaged; a file that another
// Techniqual holds gives ErrInUse.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.NewID == nil {
		opts.NewID = func() string { return uuid.NewString() }
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("create folder for %s: %w", abs, err)
	}
	lock, err := acquireLock(abs, true)
	if err != nil {
		return nil, err
	}
	// A restore killed half-way leaves its new file beside the database;
	// the database itself is untouched then (the rename is last).
	if err := os.Remove(abs + ".restoring"); err != nil && !errors.Is(err, os.ErrNotExist) {
		lock.release()
		return nil, fmt.Errorf("remove %s.restoring: %w", abs, err)
	}
	s, err := open(ctx, abs, opts)
	if err != nil {
		lock.release()
		return nil, markDamage(err)
	}
	s.lock = lock
	return s, nil
}

func open(ctx context.Context, path string, opts Options) (*Store, error) {
	version, hasData, err := inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	latest := len(migrations)
	if version > latest {
		return nil, fmt.Errorf("%s: version %d, this Techniqual knows up to %d: %w", path, version, latest, ErrNewerVersion)
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	if !hasData {
		// An empty file the user chose becomes a database of minors' data:
		// private, whatever mode it had (found by use: it kept 0644).
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, fmt.Errorf("create database %s: %w", path, err)
		}
	}
	if version < latest && hasData && !opts.NoBackup {
		if _, err := backupBeforeMigrate(ctx, path, version); err != nil {
			return nil, err
		}
	}
	db, err := sql.Open(driverName, dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := &Store{db: db, q: db, path: path, opts: opts, mu: &sync.Mutex{}, loads: &loadConns{}}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.keepHome(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// keepHome gives the database a laptop id of its own when it is opened
// somewhere else than where it was last, on another machine or at another
// path (a copy set up for a second laptop, a backup opened or restored).
// Found by use: two copies of one file shared the id, so the exchange's
// version counters of their edits clashed, and an edit on one was taken
// as already known on the other without a word. A moved file merely gets
// one more id. The id of a file that never had its place recorded (made
// before this) is kept.
func (s *Store) keepHome(ctx context.Context) error {
	abs, err := filepath.Abs(s.path)
	if err != nil {
		return err
	}
	// The machine too: a copy put in the default place on a second laptop
	// under the same user name has the same path (review).
	host, _ := os.Hostname()
	here := host + ":" + abs
	home, err := s.Meta(ctx, laptopHomeKey)
	if err != nil || home == here {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		if home != "" {
			if err := tx.SetMeta(ctx, "laptop_id", newLaptopID()); err != nil {
				return err
			}
			if err := tx.SetMeta(ctx, "laptop_clock", "0"); err != nil {
				return err
			}
		}
		return tx.SetMeta(ctx, laptopHomeKey, here)
	})
}

// laptopHomeKey is the setting that holds where the database was opened.
const laptopHomeKey = "laptop_home"

// newLaptopID is a laptop id as migration 0003 makes one: 16 hex digits.
func newLaptopID() string {
	u := uuid.New() // random (version 4), as the row keys
	return hex.EncodeToString(u[:8])
}

// dsn builds the connection string (README, "How it is built"): foreign keys on, WAL, a busy
// timeout, immediate transactions (one writer), synchronous FULL.
func dsn(path string, readOnly bool) string {
	v := url.Values{}
	v.Set("_foreign_keys", "on")
	v.Set("_busy_timeout", "5000")
	if readOnly {
		v.Set("mode", "ro")
	} else {
		v.Set("_journal_mode", "WAL")
		v.Set("_txlock", "immediate")
		v.Set("_synchronous", "FULL")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + v.Encode()
}

var sqliteHeader = []byte("SQLite format 3\x00")

// checkHeader refuses a file that exists, has content and is not SQLite,
// before SQLite gets a chance to touch it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a folder: %w", path, ErrNotDatabase)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return nil // an empty file becomes a new database
	}
	if n < len(head) || !bytes.Equal(head, sqliteHeader) {
		return fmt.Errorf("%s: %w", path, ErrNotDatabase)
	}
	return nil
}

// inspect reads the schema version read-only, so that a newer file is never
// written to, and tells whether the file holds any rows worth a backup.
func inspect(ctx context.Context, path string) (version int, hasData bool, err error) {
	if st, err := os.Stat(path); errors.Is(err, os.ErrNotExist) || (err == nil && st.Size() == 0) {
		return 0, false, nil
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return 0, false, fmt.Errorf("open database %s: %w", path, err)
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return 0, false, fmt.Errorf("%s: %w", path, ErrNotDatabase)
		}
		return 0, false, fmt.Errorf("read database %s: %w", path, err)
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'").Scan(&tables); err != nil {
		return 0, false, fmt.Errorf("read database %s: %w", path, err)
	}
	return version, tables > 0, nil
}

// createPrivate creates the file with mode 0600 (it will hold personal data
// of minors) before SQLite does; SQLite gives its -wal and -shm the same mode.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	return f.Close()
}

// migration is one numbered schema step.
type migration struct {
	name string
	sql  string
}

// migrations are the embedded migrations/*.sql in order; migration N sets
// user_version N. Tests append to it to exercise an upgrade.
var migrations = loadMigrations()

func loadMigrations() []migration {
	entries, _ := migrationFS.ReadDir("migrations")
	var out []migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		body, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			continue // embedded files are always readable
		}
		out = append(out, migration{name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// migrate applies the migrations after the file's user_version, each in one
// transaction that also sets the new version.
func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	for i, m := range migrations {
		n, name := i+1, m.name
		if n <= version {
			continue
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return &migrationError{name, err}
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return &migrationError{name, err}
		}
		if _, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(n)); err != nil {
			tx.Rollback()
			return &migrationError{name, err}
		}
		if err := tx.Commit(); err != nil {
			return &migrationError{name, err}
		}
	}
	return nil
}

// backupBeforeMigrate copies the database next to itself before an upgrade.
func backupBeforeMigrate(ctx context.Context, path string, version int) (string, error) {
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return "", err
	}
	defer db.Close()
	out := fmt.Sprintf("%s.v%d-%s.bak", path, version, time.Now().UTC().Format("20060102T150405"))
	if err := vacuumInto(ctx, db, out); err != nil {
		return "", fmt.Errorf("backup before upgrading %s: %w", path, err)
	}
	return out, nil
}

// vacuumInto writes a consistent copy of the database to out, mode 0600.
// out must not exist, or be empty (a save dialog may have created it).
func vacuumInto(ctx context.Context, q querier, out string) error {
	if st, err := os.Stat(out); err == nil && st.Size() > 0 {
		return fmt.Errorf("%s already exists", out)
	}
	// The copy is written under a temporary name beside out and renamed
	// when complete, so that a copy killed half-way never leaves a half
	// file under the name the user chose. The temporary file is created
	// first with mode 0600: the copy holds the personal data of minors.
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".partial")
	os.Remove(tmp) // left by an earlier copy that was killed
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	if err := os.Chmod(tmp, 0o600); err != nil {
		os.Remove(tmp)
		return err
	}
	if _, err := q.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Chmod(out, 0o600)
}

// syncFile flushes the file at path to disk before it is renamed into place.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Backup writes a consistent copy of the open database to out (which must not
// exist, or be empty). It is safe while the app is running.
func (s *Store) Backup(ctx context.Context, out string) error {
	if err := vacuumInto(ctx, s.db, out); err != nil {
		return fmt.Errorf("backup to %s: %w", out, err)
	}
	return nil
}

// Path is the database file's absolute path.
func (s *Store) Path() string { return s.path }

// Close closes the database and releases its lock.
func (s *Store) Close() error {
	if s.loads != nil {
		s.loads.close()
	}
	err := s.db.Close()
	if s.lock != nil {
		s.lock.release()
		s.lock = nil
	}
	return err
}

// InTx runs fn in one transaction: all of its writes land, or none. Inside
// fn, use the Store it is given. Nested calls join the outer transaction.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.tx != nil {
		return fn(s)
	}
	// The transaction's own connection, so that a bulk write can reach
	// the driver under it (bulkExec).
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	ts := &Store{db: s.db, q: tx, tx: tx, stmts: map[string]*sql.Stmt{}, conn: conn, raw: map[string]driver.Stmt{},
		path: s.path, opts: s.opts, mu: &sync.Mutex{}}
	defer func() {
		for _, st := range ts.stmts {
			st.Close()
		}
		if len(ts.raw) > 0 {
			conn.Raw(func(any) error {
				for _, st := range ts.raw {
					st.Close()
				}
				return nil
			})
		}
		// A transaction that fn's panic left open is ended, or closing
		// the connection would wait for it for ever; after a commit or a
		// rollback this does nothing.
		tx.Rollback()
	}()
	if err := fn(ts); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// exec runs a statement; inside a transaction the statement is prepared once
// and reused, which makes bulk writes (imports, example data) fast.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.tx == nil {
		return s.db.ExecContext(ctx, query, args...)
	}
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// prepared is the transaction's statement for query, prepared on first use.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.stmts[query]; ok {
		return st, nil
	}
	st, err := s.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.stmts[query] = st
	return st, nil
}

// bulkExec runs a statement of a bulk write. Inside a transaction it goes
// to the driver directly, the statement prepared once: database/sql would
// copy and check every value of every call again (an import binds 160,000
// values). Values are strings and int64s, args[i].Ordinal is i+1; args
// may be reused once it returns.
func (s *Store) bulkExec(ctx context.Context, query string, args []driver.NamedValue) error {
	if s.conn == nil {
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = a.Value
		}
		_, err := s.exec(ctx, query, vals...)
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn.Raw(func(dc any) error {
		st, ok := s.raw[query]
		if !ok {
			c, ok := dc.(driver.ConnPrepareContext)
			if !ok {
				return fmt.Errorf("bulk write: the driver cannot prepare with a context")
			}
			var err error
			if st, err = c.PrepareContext(ctx, query); err != nil {
				return err
			}
			s.raw[query] = st
		}
		ex, ok := st.(driver.StmtExecContext)
		if !ok {
			return fmt.Errorf("bulk write: the driver cannot execute with a context")
		}
		_, err := ex.ExecContext(ctx, args)
		return err
	})
}

// query runs a query; inside a transaction the statement is prepared once
// and reused, as exec does (a bulk write that reads a row per write, such
// as the period of every approved offer saved, gains the same).
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s.tx == nil {
		return s.db.QueryContext(ctx, query, args...)
	}
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// connectionCacheKiB is the page cache of each of the Store's connections
// (set in the driver's connect hook).
const connectionCacheKiB = 65536

// readOnceCacheKiB is the page cache of LoadAllocation's connections while
// they load for a Store opened with ReadOnce: enough for the B-trees'
// upper pages, which every read passes through.
const readOnceCacheKiB = 2048

func (s *Store) now() time.Time { return s.opts.Now().UTC() }

func (s *Store) newID() string { return s.opts.NewID() }

// nullable turns "" into SQL NULL for optional foreign keys.
func nullable(id string) any {
	if id == "" {
		return nil
	}
	return id
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// stamp fills id and timestamps for a save and says whether it is an insert.
func (s *Store) stamp(id *string, created, updated *time.Time) bool {
	now := s.now()
	*updated = now
	if *id == "" {
		*id = s.newID()
		*created = now
		return true
	}
	return false
}

// checkUpdated turns an UPDATE that touched no row into ErrNotFound.
func checkUpdated(op string, res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", op, ErrNotFound)
	}
	return nil
}

// softDelete marks a row deleted in table; only the tables listed may be used.
func (s *Store) softDelete(ctx context.Context, table, id string) error {
	res, err := s.exec(ctx, "UPDATE "+table+" SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
		formatTS(s.now()), formatTS(s.now()), id)
	if err != nil {
		return translate("delete from "+table, err)
	}
	return checkUpdated("delete "+id+" from "+table, res)
}

// restore undoes softDelete.
func (s *Store) restore(ctx context.Context, table, id string) error {
	res, err := s.exec(ctx, "UPDATE "+table+" SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL",
		formatTS(s.now()), id)
	if err != nil {
		return translate("restore in "+table, err)
	}
	return checkUpdated("restore "+id+" in "+table, res)
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict.
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	if err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return "", err
	}
	return res, nil
}

// DefaultPath is where the database lives when --db is not given: the user's
// local (not roaming, not synced) application data folder.
func DefaultPath() (string, error) {
	dir, err := localDataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Techniqual", "techniqual.db"), nil
}

// With returns a Store on the same database that takes its clock and row
// keys from o (zero fields keep this Store's). Example data uses it to be
// deterministic by seed.
func (s *Store) With(o Options) *Store {
	c := *s
	if o.Now != nil {
		c.opts.Now = o.Now
	}
	if o.NewID != nil {
		c.opts.NewID = o.NewID
	}
	return &c
}
