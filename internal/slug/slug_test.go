package slug

import "testing"

func TestMake(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Die kommunalen Jobcenter blicken in die Zukunft", "die-kommunalen-jobcenter-blicken-in-die-zukunft"},
		{"Straße, Größe & Übergänge", "strasse-groesse-uebergaenge"},
		{"SGB II", "sgb-ii"},
		{"Übergang Schule–Beruf", "uebergang-schule-beruf"},
		{"  --Café  Crème!-- ", "cafe-creme"},
		{"ÄÖÜ ẞ", "aeoeue-ss"},
		{"2030: Leitbild", "2030-leitbild"},
		{"日本語", ""},
		{"", ""},
	} {
		if got := Make(tc.in); got != tc.want {
			t.Errorf("Make(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
