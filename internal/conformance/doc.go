// Package conformance proves with the real tools of each field that what
// pressroom writes can be relied on: the Nu HTML Checker (valid HTML),
// axe-core in Debian's chromium (WCAG 2.1 AA in light and dark colours and
// at phone width), gofeed (RSS, Atom, JSON Feed), nginx (hosting at the root
// and in a subdirectory, content types, the 404 page), chromium's PDF
// printer with pdftotext (print), and plain checks of metadata, privacy and
// page weight.
//
// The package has no code of its own: its tests build the example site and
// a generated corpus through build.Build and check the output. A test whose
// tool is missing is skipped with a message naming what to install; with
// PRESSROOM_REQUIRE_TOOLS set (as .ci/run does) it fails instead. The tools:
//
//	apt-get install chromium nginx poppler-utils default-jre-headless
//	npm ci --prefix tools --ignore-scripts     # vnu-jar and axe-core, pinned
package conformance
