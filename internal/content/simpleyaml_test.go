package content

import (
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// slowYAML decodes as decodeYAML does without its fast path.
func slowYAML(data []byte) (map[string]any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return map[string]any{}, nil
	}
	v, err := (&yamlReader{expanding: map[*yaml.Node]bool{}}).value(doc.Content[0], false)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, nil
	}
	return m, nil
}

// FuzzSimpleYAML: wherever the fast path decodes, it gives what yaml.v3
// gives.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"Tag der Jobcenter\"\ndate: 2025-11-30T06:39:19+01:00\ntags: [\"Bündnis für Arbeit\", \"SGB II\"]\norganizations: [\"dst\"]\n",
		"title: Tag der Jobcenter\ndate: 2021-10-05 10:00\nplace: Köln\n# Kommentar\n\ntags:\n  - SGB II\n  - Jobcenter\n",
		"title: 'It''s'\ncontacts:\n- presse\n- 'sprecher'\naliases: []\n",
		"title: true\n", "title: 1.5\n", "title: ~\n", "title: .inf\n", "title: 2021-10-05x\n", "title: 20211005\n",
		"title: a: b\n", "title: a # b\n", "title: \"a\" # b\n", "tags: [a, b,]\n", "tags: [a, [b]]\n", "tags: ['a, b', \"c\"]\n",
		"title: x\ntitle: y\n", "title:\n", "title:\n  Fortsetzung\n", "title: a\n  b\n", "tags:\n  - a\n   - b\n",
		"title: \"a\\\"b\"\n", "title: x\n...\n", "title: x\n---\n", "- a\n", "title: C# und F#\n", "title: a\tb\n",
		"date: 2021-10-05T10:00:00Z\nupdated: 2021-10-05 10:00:00 +01:00\n", "Titel: x\n_x: y\nx-y: z\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fast, ok := simpleYAML([]byte(src))
		if !ok {
			return
		}
		slow, err := slowYAML([]byte(src))
		if err != nil {
			t.Fatalf("simpleYAML(%q) = %v, but yaml.v3 says: %v", src, fast, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("simpleYAML(%q) = %#v, yaml.v3 gives %#v", src, fast, slow)
		}
	})
}

func TestSimpleYAML(t *testing.T) {
	src := "title: \"Tag der Jobcenter\"\ndate: 2025-11-30T06:39:19+01:00\nplace: Köln\ntags: [\"SGB II\", Jobcenter]\ncontacts:\n  - presse\n"
	got, ok := simpleYAML([]byte(src))
	want := map[string]any{"title": "Tag der Jobcenter", "date": "2025-11-30T06:39:19+01:00", "place": "Köln",
		"tags": []any{"SGB II", "Jobcenter"}, "contacts": []any{"presse"}}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("simpleYAML = %#v, %v; want %#v", got, ok, want)
	}
	for _, s := range []string{"title: true\n", "title: 12\n", "title: a\n  b\n", "tags: [a, [b]]\n", "title: x\ntitle: y\n"} {
		if _, ok := simpleYAML([]byte(s)); ok {
			t.Errorf("simpleYAML(%q) decoded what it should leave to yaml.v3", s)
		}
	}
}
