package markdown

import (
	"strings"
	"testing"
)

// TestKeepTogether: the spaces of German abbreviations, dates, numbered
// references and amounts do not break; other spaces do.
func TestKeepTogether(t *testing.T) {
	r := New(Options{Language: "de"})
	for src, want := range map[string]string{
		"Der Verband e. V. tagt.":                  "e.~V. tagt",
		"sagt die Sprecherin des Verbands e. V.":   "e.~V.</p>",
		"Am 5. März 2026 in Berlin":                "Am 5.~März~2026 in",
		"Am 12. Mai, dann":                         "12.~Mai, dann",
		"z. B. hier, d. h. dort":                   "z.~B. hier, d.~h. dort",
		"nach § 16k SGB II und §§ 5 ff.":           "§~16k SGB~II und §§~5 ff.",
		"Nr. 5, Abs. 2 und Art. 3":                 "Nr.~5, Abs.~2 und Art.~3",
		"rund 502 Euro, 10 % und 2,5 Mio. Euro":    "502~Euro, 10~% und 2,5~Mio.~Euro",
		"um 10 Uhr im Saal":                        "10~Uhr im Saal",
		"Es kamen 2.000 Jugendliche.":              "2.000 Jugendliche",
		"Sie sagt: Wir bleiben.":                   "Sie sagt: Wir bleiben.",
		"`e. V.` im Code bleibt":                   "<code>e. V.</code> im Code bleibt",
		"[5. März 2026](https://example.org/) ist": "5.~März~2026</a> ist",
	} {
		res, err := r.Render([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.ReplaceAll(string(res.HTML), "\u00a0", "~"); !strings.Contains(got, want) {
			t.Errorf("%q rendered %q, want %q", src, got, want)
		}
	}
}

// TestStraightQuoteClosesLowQuote: a quotation opened with „ and closed
// with a straight " is closed with “; straight quotes alone stay as the
// typographer makes them, and code is left alone.
func TestStraightQuoteClosesLowQuote(t *testing.T) {
	r := New(Options{Language: "de"})
	for src, want := range map[string]string{
		`den „harten Kern" erreichen`:            "den „harten Kern“ erreichen",
		`„Eins" und „zwei" und "drei"`:           "„Eins“ und „zwei“ und „drei“",
		"„Zitat\", sagt sie.":                    "„Zitat“, sagt sie.",
		"„offen\n\nneu\" danach":                 "neu&quot; danach",
		"„Code `\"` bleibt\" so":                 "„Code <code>&quot;</code> bleibt“ so",
		"„*betont\"* am Ende":                    "„<em>betont“</em> am Ende",
		`kein „ hier`:                            "kein „ hier",
		`„richtig“ geschlossen und "neu" danach`: "„richtig“ geschlossen und „neu“ danach",
	} {
		res, err := r.Render([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(res.HTML); !strings.Contains(got, want) {
			t.Errorf("%q rendered %q, want %q", src, got, want)
		}
	}
}
