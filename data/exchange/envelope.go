package exchange

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
)

// Magic starts every exchange file.
const Magic = "TECHNIQUAL-EXCHANGE"

// FormatVersion is the version of the file format this build writes and the
// newest it reads; both the header line and the payload carry it.
const FormatVersion = 2

// oldestVersion is the oldest format this build reads. Format v1 had no
// version vectors: its "common version" was recorded when a file was sent,
// which is what lost edits (issue #15). Reading it would mean guessing,
// so a v1 file is refused with a message to update and send again.
const oldestVersion = 2

// Extension is the file name extension of exchange files.
const Extension = ".techniqual"

// MinPassphrase is the shortest passphrase accepted when writing a file, in
// characters. Three or four ordinary words are easier to tell over the
// phone and stronger than a short password.
const MinPassphrase = 10

// Limits that keep a hostile file from costing much before it is refused.
const (
	maxHeaderLine = 256
	maxCipher     = 32 << 20  // bytes of ciphertext (a school of thousands is a few MB)
	maxPayload    = 128 << 20 // bytes of JSON after gunzip
	maxReadWork   = 20        // scrypt 2^20 at most (age writes 2^18)
)

// scryptWorkFactor is the log2 scrypt work factor used when writing; 0 is
// age's default (2^18, about a second). Tests lower it.
var scryptWorkFactor = 0

// readWorkFactor caps the scrypt work a file may ask for when read; the fuzz
// test lowers it so that a mutated work factor cannot take minutes.
var readWorkFactor = maxReadWork

// Kind is what an exchange file holds.
type Kind string

// The kinds of exchange file.
const (
	KindHostForm Kind = "host-form" // a host's form: company, people, journey, offers
	KindSchool   Kind = "school"    // a school's pupils and choices for one period
	KindResults  Kind = "results"   // one school's placements in one period
	KindHost     Kind = "host"      // what a host needs about its incoming pupils
)

// Kinds lists the kinds in menu order.
var Kinds = []Kind{KindHostForm, KindSchool, KindResults, KindHost}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// Header is the plaintext first line of a file.
type Header struct {
	Version int
	Kind    Kind
	Size    int64 // bytes of ciphertext after the line
}

// String is the header line, without its newline.
func (h Header) String() string {
	return fmt.Sprintf("%s v%d kind=%s size=%d", Magic, h.Version, h.Kind, h.Size)
}

// ReadHeader reads the header line at the start of b. It needs no
// passphrase, so the window can say what a file is before asking for one.
// It checks the version and, when the whole file is given, its size.
func ReadHeader(b []byte) (Header, error) {
	h, _, err := parseHeader(b)
	return h, err
}

func parseHeader(b []byte) (Header, []byte, error) {
	if !bytes.HasPrefix(b, []byte(Magic)) {
		if len(b) < len(Magic) && bytes.HasPrefix([]byte(Magic), b) && len(b) > 0 {
			return Header{}, nil, newError(CodeTruncated, nil)
		}
		return Header{}, nil, newError(CodeNotExchange, nil)
	}
	nl := bytes.IndexByte(b[:min(len(b), maxHeaderLine)], '\n')
	if nl < 0 {
		if len(b) < maxHeaderLine {
			return Header{}, nil, newError(CodeTruncated, nil)
		}
		return Header{}, nil, newError(CodeNotExchange, nil)
	}
	line := strings.TrimSuffix(string(b[:nl]), "\r")
	if !utf8.ValidString(line) {
		return Header{}, nil, newError(CodeDamaged, errors.New("header is not text"))
	}
	fields := strings.Fields(line)
	if len(fields) < 2 || fields[0] != Magic || !strings.HasPrefix(fields[1], "v") {
		return Header{}, nil, newError(CodeNotExchange, nil)
	}
	var h Header
	v, err := strconv.Atoi(fields[1][1:])
	if err != nil || v < 1 {
		return Header{}, nil, newError(CodeDamaged, fmt.Errorf("bad version %q", fields[1]))
	}
	h.Version = v
	if v > FormatVersion {
		return h, nil, newVersionError(v)
	}
	if v < oldestVersion {
		return h, nil, &Error{Code: CodeOldFormat, Version: v}
	}
	size := int64(-1)
	for _, f := range fields[2:] {
		key, val, ok := strings.Cut(f, "=")
		if !ok {
			return h, nil, newError(CodeDamaged, fmt.Errorf("bad header field %q", f))
		}
		switch key {
		case "kind":
			h.Kind = Kind(val)
		case "size":
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil || n < 0 || n > maxCipher {
				return h, nil, newError(CodeDamaged, fmt.Errorf("bad size %q", val))
			}
			size = n
		}
		// Unknown fields are ignored: a later v1 may add some.
	}
	if !h.Kind.Valid() {
		return h, nil, newError(CodeDamaged, fmt.Errorf("unknown kind %q", h.Kind))
	}
	if size < 0 {
		return h, nil, newError(CodeDamaged, errors.New("no size in header"))
	}
	h.Size = size
	rest := b[nl+1:]
	switch {
	case int64(len(rest)) < size:
		return h, nil, newError(CodeTruncated, fmt.Errorf("%d of %d bytes", len(rest), size))
	case int64(len(rest)) > size:
		return h, nil, newError(CodeDamaged, fmt.Errorf("%d bytes after the end", int64(len(rest))-size))
	}
	return h, rest, nil
}

// encode writes the header line and the encrypted, compressed payload.
func encode(w io.Writer, p *Payload, passphrase string) error {
	if err := CheckPassphrase(passphrase); err != nil {
		return err
	}
	plain, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("exchange: encode: %w", err)
	}
	var zipped bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&zipped, gzip.BestSpeed)
	if _, err := zw.Write(plain); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return err
	}
	if scryptWorkFactor > 0 {
		r.SetWorkFactor(scryptWorkFactor)
	}
	var cipher bytes.Buffer
	aw, err := age.Encrypt(&cipher, r)
	if err != nil {
		return fmt.Errorf("exchange: encrypt: %w", err)
	}
	if _, err := aw.Write(zipped.Bytes()); err != nil {
		return fmt.Errorf("exchange: encrypt: %w", err)
	}
	if err := aw.Close(); err != nil {
		return fmt.Errorf("exchange: encrypt: %w", err)
	}
	h := Header{Version: FormatVersion, Kind: p.Kind, Size: int64(cipher.Len())}
	bw := bufio.NewWriter(w)
	bw.WriteString(h.String() + "\n")
	bw.Write(cipher.Bytes())
	return bw.Flush()
}

// decode reads a whole file: header, decryption, decompression, payload.
func decode(b []byte, passphrase string) (*Payload, error) {
	h, rest, err := parseHeader(b)
	if err != nil {
		return nil, err
	}
	if passphrase == "" {
		return nil, newError(CodeWrongPassphrase, errors.New("empty passphrase"))
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, newError(CodeWrongPassphrase, err)
	}
	id.SetMaxWorkFactor(readWorkFactor)
	r, err := age.Decrypt(bytes.NewReader(rest), id)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) && len(nm.StanzaTypes) == 1 && nm.StanzaTypes[0] == "scrypt" {
			// A changed byte in the wrapped key looks the same as a wrong
			// passphrase; the message asks to check both with the sender.
			return nil, newError(CodeWrongPassphrase, err)
		}
		return nil, newError(CodeDamaged, err)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, newError(CodeDamaged, err)
	}
	plain, err := io.ReadAll(io.LimitReader(zr, maxPayload+1))
	if err != nil {
		return nil, newError(CodeDamaged, err)
	}
	if len(plain) > maxPayload {
		return nil, newError(CodeDamaged, errors.New("payload too large"))
	}
	// Reading r to its end has authenticated every chunk, the last one too.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, newError(CodeDamaged, err)
	}
	var p Payload
	dec := json.NewDecoder(bytes.NewReader(plain))
	if err := dec.Decode(&p); err != nil {
		return nil, newError(CodeDamaged, err)
	}
	if p.Format != payloadFormat {
		return nil, newError(CodeDamaged, fmt.Errorf("payload format %q", p.Format))
	}
	if p.Version > FormatVersion {
		return nil, newVersionError(p.Version)
	}
	if p.Version < oldestVersion {
		return nil, &Error{Code: CodeOldFormat, Version: p.Version}
	}
	if p.Kind != h.Kind {
		// The header line is not encrypted: a mismatch means it was edited.
		return nil, newError(CodeDamaged, fmt.Errorf("header says %s, payload %s", h.Kind, p.Kind))
	}
	if err := p.check(); err != nil {
		return nil, newError(CodeDamaged, err)
	}
	return &p, nil
}

// CheckPassphrase says whether a passphrase is long enough to write a file.
func CheckPassphrase(p string) error {
	if utf8.RuneCountInString(strings.TrimSpace(p)) < MinPassphrase {
		return newError(CodeShortPassphrase, nil)
	}
	return nil
}
