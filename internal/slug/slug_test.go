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
		{"日本語", "u65e5-u672c-u8a9e"},
		// NFD, as macOS writes file names, reads as NFC.
		{"fu\u0308nf Millionen", "fuenf-millionen"},
		{"Gro\u0308\u00dfe STRA\u0308SSE", "groesse-straesse"},
		{"Łódź", "lodz"},
		{"Nguyễn", "nguyen"},
		{"Nguye\u0302\u0303n", "nguyen"},
		{"Ørsted", "orsted"},
		{"Æsir", "aesir"},
		{"œuvre ı þorn ð đ ł", "oeuvre-i-thorn-d-d-l"},
		{"Škoda Čapek Ñandú Ångström", "skoda-capek-nandu-angstroem"},
		{"ǅemal ﬁnanz Ｆｕｌｌ ²", "dzemal-finanz-full-2"},
		{"Αθήνα", "athina"},
		{"Ελληνικά", "ellinika"},
		{"Київ", "kiyiv"},
		{"Москва́ Объединение", "moskva-obedinenie"},
		{"Ёлка Йошкар-Ола", "elka-yoshkar-ola"},
		{"Београд Љубљана", "beograd-ljubljana"},
		{"مرحبا", "u645-u631-u62d-u628-u627"},
		{"中国 日本", "u4e2d-u56fd-u65e5-u672c"},
		{"SGB 日本", "sgb-u65e5-u672c"},
		{"🙂", ""},
		{"", ""},
	} {
		if got := Make(tc.in); got != tc.want {
			t.Errorf("Make(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
