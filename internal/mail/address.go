package mail

import (
	"fmt"
	"net/mail"
	"strings"

	"pressroom/internal/diag"
)

// Recipients is a list of addresses without duplicates (the same address
// in another case is the same recipient), in the order first given.
type Recipients struct {
	List       []*mail.Address
	Duplicates int // addresses dropped as given before
	seen       map[string]bool
}

// Add adds an address unless it is in the list.
func (r *Recipients) Add(a *mail.Address) {
	key := strings.ToLower(a.Address)
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if r.seen[key] {
		r.Duplicates++
		return
	}
	r.seen[key] = true
	r.List = append(r.List, a)
}

// ParseAddress reads one address, "name@example.org" or
// "Name <name@example.org>", and refuses what a relay would take apart
// differently: a group, several addresses, a missing domain.
func ParseAddress(s string) (*mail.Address, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("empty address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not an e-mail address (%s)", s, strings.TrimPrefix(err.Error(), "mail: "))
	}
	at := strings.LastIndexByte(a.Address, '@')
	if at < 1 || at == len(a.Address)-1 {
		return nil, fmt.Errorf("%q is not an e-mail address (no domain)", s)
	}
	if strings.ContainsAny(a.Address, "\r\n<>") {
		return nil, fmt.Errorf("%q is not an e-mail address", s)
	}
	return a, nil
}

// ParseList reads a comma-separated list of addresses (--to) into r.
func ParseList(r *Recipients, s string) error {
	list, err := mail.ParseAddressList(s)
	if err != nil {
		// Tell which one: each on its own.
		for _, part := range strings.Split(s, ",") {
			if _, err := ParseAddress(part); err != nil {
				return err
			}
		}
		return fmt.Errorf("%q is not a list of e-mail addresses (%s)", s, strings.TrimPrefix(err.Error(), "mail: "))
	}
	for _, a := range list {
		if _, err := ParseAddress(a.String()); err != nil {
			return err
		}
		r.Add(a)
	}
	return nil
}

// ReadList reads a list file (--to-file) into r: one address a line, blank
// lines and lines beginning with # left out. Every bad line is reported,
// with its file and line.
func ReadList(r *Recipients, name string, data []byte) diag.List {
	var diags diag.List
	text := strings.TrimPrefix(string(data), "\ufeff") // a byte order mark of a Windows editor
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		a, err := ParseAddress(line)
		if err != nil {
			diags.Errorf(name, i+1, "%v", err)
			continue
		}
		r.Add(a)
	}
	return diags
}
