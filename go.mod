module pressroom

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/adrg/frontmatter v0.2.0
	github.com/blevesearch/snowballstem v0.9.0
	github.com/emersion/go-ical v0.0.0-20250329121855-f41e73efc392
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/emersion/go-vcard v0.0.0-20260618161152-d854b7e0e2d3
	golang.org/x/image v0.46.0
)

require github.com/teambition/rrule-go v1.8.2 // indirect

require (
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/fsnotify/fsnotify v1.10.1
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/gorilla/feeds v1.2.0
	github.com/mmcdole/gofeed v1.4.2
	github.com/mmcdole/goxpp/v2 v2.0.0 // indirect
	github.com/yuin/goldmark v1.8.7
	golang.org/x/net v0.57.0
	golang.org/x/sys v0.49.0
	golang.org/x/text v0.43.0
	gopkg.in/yaml.v2 v2.3.0 // indirect
)
